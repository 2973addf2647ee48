import XCTest
@testable import MLSCrypto

/// Wrong-length and invalid keys, bad signatures, bad tags: typed errors, never a crash.
final class CryptoBadInputTests: XCTestCase {
    func context(_ id: UInt16) throws -> CryptoContext {
        CryptoContext(suite: try CipherSuite(id: id), actor: OperationMeter().actor("test"), random: SeededRandom(seed: 7))
    }

    func testUnsupportedSuiteIsTyped() {
        XCTAssertThrowsError(try CipherSuite(id: 4)) { XCTAssertEqual(($0 as? CryptoError)?.code, .unsupportedSuite) }
    }

    func testWrongLengthKeysAreTyped() throws {
        for kem in [KEM.x25519, .p256] {
            for n in [0, 1, 31, 33, 64, 66] {
                XCTAssertThrowsError(try HPKEPublicKey(kem: kem, bytes: [UInt8](repeating: 4, count: n))) {
                    XCTAssertEqual(($0 as? CryptoError)?.code, .invalidKey, "\(kem) public \(n)")
                }
            }
            for n in [0, 16, 31, 33] {
                XCTAssertThrowsError(try HPKEPrivateKey(kem: kem, bytes: [UInt8](repeating: 1, count: n))) {
                    XCTAssertEqual(($0 as? CryptoError)?.code, .invalidKey)
                }
            }
        }
        for scheme in [SignatureScheme.ed25519, .ecdsaP256Sha256] {
            for n in [0, 31, 33, 64] {
                XCTAssertThrowsError(try SignaturePublicKey(scheme: scheme, bytes: [UInt8](repeating: 4, count: n))) {
                    XCTAssertEqual(($0 as? CryptoError)?.code, .invalidKey)
                }
                XCTAssertThrowsError(try SignaturePrivateKey(scheme: scheme, bytes: [UInt8](repeating: 4, count: n))) {
                    XCTAssertEqual(($0 as? CryptoError)?.code, .invalidKey)
                }
            }
        }
    }

    func testP256RejectsPointsOffTheCurveAndBadScalars() throws {
        var notOnCurve = [UInt8](repeating: 0, count: 65)
        notOnCurve[0] = 4
        notOnCurve[64] = 1
        XCTAssertThrowsError(try HPKEPublicKey(kem: .p256, bytes: notOnCurve)) { XCTAssertEqual(($0 as? CryptoError)?.code, .invalidKey) }
        XCTAssertThrowsError(try HPKEPrivateKey(kem: .p256, bytes: [UInt8](repeating: 0, count: 32))) { XCTAssertEqual(($0 as? CryptoError)?.code, .invalidKey) }
        XCTAssertThrowsError(try HPKEPrivateKey(kem: .p256, bytes: [UInt8](repeating: 0xff, count: 32))) { XCTAssertEqual(($0 as? CryptoError)?.code, .invalidKey) }
        // A valid point with the compressed prefix is refused: MLS serializes P-256 keys uncompressed.
        let good = try HPKE.deriveKeyPair(.p256, ikm: [1, 2, 3]).publicKey.bytes
        var compressed = good
        compressed[0] = 2
        XCTAssertThrowsError(try HPKEPublicKey(kem: .p256, bytes: compressed))
    }

    func testBadSignaturesAreTypedForEverySuite() throws {
        for id in [UInt16(1), 2, 3] {
            let ctx = try context(id)
            let key = try ctx.generateSignatureKey()
            let other = try ctx.generateSignatureKey()
            let sig = try ctx.signWithLabel(key, "LeafNodeTBS", [1, 2, 3])
            XCTAssertNoThrow(try ctx.verifyWithLabel(key.publicKey, "LeafNodeTBS", [1, 2, 3], sig))
            var flipped = sig
            flipped[flipped.count / 2] ^= 1
            for (label, content, signature, pk) in [("LeafNodeTBS", [UInt8]([1, 2, 3]), flipped, key.publicKey),
                                                    ("LeafNodeTBS", [1, 2, 4], sig, key.publicKey),
                                                    ("FramedContentTBS", [1, 2, 3], sig, key.publicKey),
                                                    ("LeafNodeTBS", [1, 2, 3], sig, other.publicKey),
                                                    ("LeafNodeTBS", [1, 2, 3], [], key.publicKey),
                                                    ("LeafNodeTBS", [1, 2, 3], Array(sig.prefix(10)), key.publicKey)] {
                XCTAssertThrowsError(try ctx.verifyWithLabel(pk, label, content, signature)) {
                    XCTAssertEqual(($0 as? CryptoError)?.code, .invalidSignature, "suite \(id)")
                }
            }
        }
    }

    func testAEADAndHPKERejectTamperingWithTypedErrors() throws {
        for id in [UInt16(1), 2, 3] {
            let ctx = try context(id)
            let key = [UInt8](repeating: 1, count: ctx.suite.aead.keyLength)
            let nonce = [UInt8](repeating: 2, count: 12)
            let ct = try ctx.aeadSeal(key: key, nonce: nonce, aad: [9], plaintext: [1, 2, 3])
            XCTAssertEqual(try ctx.aeadOpen(key: key, nonce: nonce, aad: [9], ciphertext: ct), [1, 2, 3])
            for bad in [Array(ct.dropLast()), [UInt8](), ct.map { $0 ^ 1 }] {
                XCTAssertThrowsError(try ctx.aeadOpen(key: key, nonce: nonce, aad: [9], ciphertext: bad)) {
                    XCTAssertEqual(($0 as? CryptoError)?.code, .decryptionFailed)
                }
            }
            XCTAssertThrowsError(try ctx.aeadOpen(key: key, nonce: nonce, aad: [8], ciphertext: ct))
            XCTAssertThrowsError(try ctx.aeadSeal(key: Array(key.dropLast()), nonce: nonce, aad: [], plaintext: [])) {
                XCTAssertEqual(($0 as? CryptoError)?.code, .invalidKey)
            }
            XCTAssertThrowsError(try ctx.aeadSeal(key: key, nonce: [1], aad: [], plaintext: [])) {
                XCTAssertEqual(($0 as? CryptoError)?.code, .invalidLength)
            }

            let sk = try ctx.generateHPKEKey()
            let (kem, sealed) = try ctx.encryptWithLabel(sk.publicKey, "UpdatePathNode", [5], [7, 7, 7])
            XCTAssertEqual(try ctx.decryptWithLabel(sk, "UpdatePathNode", [5], kemOutput: kem, ciphertext: sealed), [7, 7, 7])
            XCTAssertThrowsError(try ctx.decryptWithLabel(sk, "UpdatePathNode", [6], kemOutput: kem, ciphertext: sealed)) {
                XCTAssertEqual(($0 as? CryptoError)?.code, .decryptionFailed)
            }
            XCTAssertThrowsError(try ctx.decryptWithLabel(sk, "UpdatePathNode", [5], kemOutput: Array(kem.dropLast()), ciphertext: sealed)) {
                XCTAssertEqual(($0 as? CryptoError)?.code, .invalidKey)
            }
            XCTAssertThrowsError(try ctx.decryptWithLabel(sk, "UpdatePathNode", [5], kemOutput: kem, ciphertext: Array(sealed.prefix(3)))) {
                XCTAssertEqual(($0 as? CryptoError)?.code, .decryptionFailed)
            }
        }
    }

    func testX25519RejectsSmallOrderPeerKeys() throws {
        let ctx = try context(1)
        let sk = try ctx.generateHPKEKey()
        // The all-zero point has order 1: the DH output would be all zeros (RFC 9180 §7.1.4).
        let zero = try HPKEPublicKey(kem: .x25519, bytes: [UInt8](repeating: 0, count: 32))
        XCTAssertThrowsError(try ctx.dh(sk, zero)) { XCTAssertEqual(($0 as? CryptoError)?.code, .invalidKey) }
    }

    func testHKDFLimitsAreTyped() throws {
        let ctx = try context(1)
        XCTAssertThrowsError(try ctx.expand(prk: [UInt8](repeating: 1, count: 32), info: [], length: 255 * 32 + 1)) {
            XCTAssertEqual(($0 as? CryptoError)?.code, .invalidLength)
        }
        XCTAssertThrowsError(try ctx.expand(prk: [1], info: [], length: 32)) { XCTAssertEqual(($0 as? CryptoError)?.code, .invalidKey) }
        XCTAssertEqual(try ctx.expand(prk: [UInt8](repeating: 1, count: 32), info: [], length: 255 * 32).count, 255 * 32)
    }

    /// Seeded random inputs to every key parser and opener: each either succeeds or throws CryptoError.
    func testRandomInputsNeverCrash() throws {
        var rng = SplitMix(seed: 0x5eed)
        let ctxs = try [1, 2, 3].map { try context(UInt16($0)) }
        var thrown = 0
        for i in 0..<10_000 {
            let ctx = ctxs[i % 3]
            let n = Int(rng.next() % 80)
            let bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            thrown += fails { () throws(CryptoError) in _ = try ctx.hpkePublicKey(bytes) }
            thrown += fails { () throws(CryptoError) in _ = try ctx.signaturePublicKey(bytes) }
            thrown += fails { () throws(CryptoError) in _ = try ctx.hpkePrivateKey(bytes) }
            if i % 50 == 0 {
                let sk = try ctx.deriveHPKEKey(ikm: [UInt8(i & 0xff)])
                thrown += fails { () throws(CryptoError) in _ = try ctx.hpkeOpen(enc: bytes, with: sk, info: [], aad: [], ciphertext: bytes) }
            }
        }
        XCTAssertGreaterThan(thrown, 25_000)
    }
}

/// 1 when the body throws a CryptoError (the only error it can throw), else 0.
func fails(_ body: () throws(CryptoError) -> Void) -> Int {
    do { try body(); return 0 } catch { return 1 }
}

/// A small seeded generator for tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e3779b97f4a7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }
}
