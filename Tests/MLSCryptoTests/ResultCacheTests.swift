import XCTest
import MLSCrypto

/// The result cache answers repeated decryptions and MACs without the primitive, still counts them, and never
/// answers for inputs other than the ones it computed from.
final class ResultCacheTests: XCTestCase {
    /// Contexts "a" and "b" of one meter sharing a fresh cache.
    func contexts() -> (OperationMeter, CryptoContext, CryptoContext, ResultCache) {
        let meter = OperationMeter()
        var a = CryptoContext(suite: .x25519Aes128GcmEd25519, actor: meter.actor("a"), random: SeededRandom(seed: 1))
        let cache = ResultCache()
        a.resultCache = cache
        return (meter, a, a.charging(meter.actor("b")), cache)
    }

    func testDecryptionsAreCountedButOpenedOnce() throws {
        let (meter, a, b, cache) = contexts()
        let key = [UInt8](repeating: 1, count: 16), nonce = [UInt8](repeating: 2, count: 12), aad: [UInt8] = [3, 4]
        let ciphertext = try a.aeadSeal(key: key, nonce: nonce, aad: aad, plaintext: [5, 6, 7])
        XCTAssertEqual(try a.aeadOpen(key: key, nonce: nonce, aad: aad, ciphertext: ciphertext), [5, 6, 7])
        XCTAssertEqual(try b.aeadOpen(key: key, nonce: nonce, aad: aad, ciphertext: ciphertext.map { $0 }), [5, 6, 7])
        XCTAssertEqual(cache.hits, 1)
        XCTAssertEqual(meter.count(.aeadOpen, actor: "a"), 1)
        XCTAssertEqual(meter.count(.aeadOpen, actor: "b"), 1)
        // A tampered ciphertext, other associated data, another nonce or key: opened by the cipher, and rejected.
        var tampered = ciphertext
        tampered[tampered.count - 1] ^= 1
        var otherNonce = nonce
        otherNonce[0] ^= 1
        for (k, n, d, c) in [(key, nonce, aad, tampered), (key, nonce, [3, 5], ciphertext), (key, otherNonce, aad, ciphertext),
                             ([UInt8](repeating: 9, count: 16), nonce, aad, ciphertext)] {
            XCTAssertThrowsError(try b.aeadOpen(key: k, nonce: n, aad: d, ciphertext: c)) {
                XCTAssertEqual(($0 as? CryptoError)?.code, .decryptionFailed)
            }
        }
        XCTAssertEqual(cache.hits, 1)
        XCTAssertEqual(try b.aeadOpen(key: key, nonce: nonce, aad: aad, ciphertext: ciphertext), [5, 6, 7])
        XCTAssertEqual(cache.hits, 2)
    }

    func testMACsAreCountedButComputedOnce() {
        let (meter, a, b, cache) = contexts()
        let plain = CryptoContext(suite: .x25519Aes128GcmEd25519, actor: OperationMeter().actor("plain"), random: SeededRandom(seed: 1))
        let key = [UInt8](repeating: 7, count: 32), data = [UInt8](0..<100)
        XCTAssertEqual(a.mac(key: key, data: data), plain.mac(key: key, data: data))
        XCTAssertEqual(b.mac(key: key, data: data.map { $0 }), plain.mac(key: key, data: data))
        XCTAssertEqual(cache.hits, 1)
        XCTAssertEqual(meter.count(.mac, actor: "b"), 1)
        // Other data or another key: computed, and different.
        var other = data
        other[99] ^= 1
        let otherMAC = b.mac(key: key, data: other)
        XCTAssertEqual(otherMAC, plain.mac(key: key, data: other))
        XCTAssertNotEqual(otherMAC, plain.mac(key: key, data: data))
        XCTAssertEqual(b.mac(key: [UInt8](repeating: 8, count: 32), data: data), plain.mac(key: [UInt8](repeating: 8, count: 32), data: data))
        XCTAssertEqual(cache.hits, 1)
        // A MAC and a decryption with the same key bytes are different entries.
        XCTAssertThrowsError(try b.aeadOpen(key: Array(key[..<16]), nonce: [], aad: data, ciphertext: []))
    }

    func testAnotherSuiteIsNeverAnsweredFromTheCache() throws {
        let (_, aes, _, cache) = contexts()
        var chacha = CryptoContext(suite: .x25519ChaCha20Ed25519, actor: OperationMeter().actor("c"), random: SeededRandom(seed: 1))
        chacha.resultCache = cache
        let key = [UInt8](repeating: 1, count: 16), nonce = [UInt8](repeating: 2, count: 12)
        let ciphertext = try aes.aeadSeal(key: key, nonce: nonce, aad: [], plaintext: [5, 6, 7])
        XCTAssertEqual(try aes.aeadOpen(key: key, nonce: nonce, aad: [], ciphertext: ciphertext), [5, 6, 7])
        // The same key, nonce and bytes under ChaCha20-Poly1305 (a 32-byte key): opened by that cipher, and rejected.
        XCTAssertThrowsError(try chacha.aeadOpen(key: key + key, nonce: nonce, aad: [], ciphertext: ciphertext))
        XCTAssertThrowsError(try chacha.aeadOpen(key: key, nonce: nonce, aad: [], ciphertext: ciphertext))
        XCTAssertEqual(cache.hits, 0)
        XCTAssertNotEqual(chacha.mac(key: key, data: [1]), []) // MACs are kept per suite too (same hash here): no hit
        XCTAssertEqual(aes.mac(key: key, data: [1]), chacha.mac(key: key, data: [1]))
        XCTAssertEqual(cache.hits, 1)
    }
}
