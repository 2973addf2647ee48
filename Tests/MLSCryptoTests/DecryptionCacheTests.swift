import XCTest
import MLSCrypto

/// The decryption cache answers repeated decryptions without the cipher, still counts them, and never answers
/// for a ciphertext, nonce or associated data other than the one it opened.
final class DecryptionCacheTests: XCTestCase {
    func testRepeatsAreCountedButOpenedOnce() throws {
        let meter = OperationMeter()
        var a = CryptoContext(suite: .x25519Aes128GcmEd25519, actor: meter.actor("a"), random: SeededRandom(seed: 1))
        let cache = DecryptionCache()
        a.decryptionCache = cache
        let b = a.charging(meter.actor("b"))
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
}
