import XCTest
@testable import MLSCrypto

/// The meter counts each top-level primitive once per call, per actor, and times only when asked.
final class OperationMeterTests: XCTestCase {
    func testCountsPerActorAndPrimitive() throws {
        let meter = OperationMeter()
        let alice = CryptoContext(suite: .x25519Aes128GcmEd25519, actor: meter.actor("alice"), random: SeededRandom(seed: 1))
        let bob = alice.charging(meter.actor("bob"))
        let key = try alice.generateSignatureKey()
        let sig = try alice.signWithLabel(key, "x", [1])
        try bob.verifyWithLabel(key.publicKey, "x", [1], sig)
        try bob.verifyWithLabel(key.publicKey, "x", [1], sig)
        let hk = try bob.generateHPKEKey()
        let (enc, ct) = try alice.encryptWithLabel(hk.publicKey, "l", [], [1, 2])
        _ = try bob.decryptWithLabel(hk, "l", [], kemOutput: enc, ciphertext: ct)
        _ = alice.refHash("r", [1])
        _ = try alice.deriveSecret([UInt8](repeating: 0, count: 32), "d")

        XCTAssertEqual(meter.count(.keyGen, actor: "alice"), 1)
        XCTAssertEqual(meter.count(.sign, actor: "alice"), 1)
        XCTAssertEqual(meter.count(.verify, actor: "bob"), 2)
        XCTAssertEqual(meter.count(.verify, actor: "alice"), 0)
        XCTAssertEqual(meter.count(.keyGen, actor: "bob"), 1)
        XCTAssertEqual(meter.count(.hpkeSeal, actor: "alice"), 1)
        XCTAssertEqual(meter.count(.hpkeOpen, actor: "bob"), 1)
        // Composite operations count once: no DH or HKDF rows from inside HPKE.
        XCTAssertEqual(meter.count(.dh, actor: "alice"), 0)
        XCTAssertEqual(meter.count(.hkdfExpand, actor: "alice"), 1)
        XCTAssertEqual(meter.count(.hash, actor: "alice"), 1)
        XCTAssertEqual(meter.actorNames, ["alice", "bob"])
        XCTAssertEqual(meter.snapshot().map(\.actor), ["alice", "alice", "alice", "alice", "alice", "bob", "bob", "bob"])
        XCTAssertTrue(meter.snapshot().allSatisfy { $0.cpuNanos == 0 }, "no time is recorded unless timing is on")
    }

    func testTimingSumsCPUTime() throws {
        let meter = OperationMeter(timing: true)
        let ctx = CryptoContext(suite: .p256Aes128GcmP256, actor: meter.actor("hub"), random: SeededRandom(seed: 2))
        let key = try ctx.generateSignatureKey()
        for _ in 0..<20 { _ = try ctx.sign([1, 2, 3], with: key) }
        XCTAssertEqual(meter.count(.sign, actor: "hub"), 20)
        XCTAssertGreaterThan(meter.cpuNanos(.sign, actor: "hub"), 0)
        meter.reset()
        XCTAssertEqual(meter.count(.sign, actor: "hub"), 0)
    }

    func testRoleAndJobScopesSplitAnActorsCounts() {
        let meter = OperationMeter()
        let alice = CryptoContext(suite: .x25519Aes128GcmEd25519, actor: meter.actor("alice", role: "member"), random: SeededRandom(seed: 4))
        let bob = alice.charging(meter.actor("bob", role: "hub"))
        _ = alice.hash([1])
        let outer = alice.enter(role: "committer", job: "commit 1")
        _ = alice.hash([2])
        _ = alice.hash([3])
        let inner = alice.enter(role: "hub")
        _ = alice.hash([4])
        alice.restore(inner)
        _ = alice.hash([5])
        alice.restore(outer)
        _ = alice.hash([6])
        let job = bob.enter(role: nil, job: "commit 1")
        _ = bob.hash([7])
        bob.restore(job)
        _ = bob.hash([8])
        XCTAssertEqual(meter.scope(of: alice.actor), .outside)
        XCTAssertEqual(meter.scope(of: bob.actor), .outside)
        XCTAssertEqual(meter.count(.hash, actor: "alice"), 6, "an actor's count includes every role")
        let rows = meter.snapshot().map { "\($0.actor)/\($0.role)/\($0.primitive)=\($0.count)" }
        XCTAssertEqual(rows, ["alice/member/hash=2", "alice/hub/hash=1", "alice/committer/hash=3", "bob/hub/hash=2"])
        let jobs = meter.jobSnapshot().map { "\($0.actor)/\($0.role)/\($0.primitive)=\($0.count)" }
        XCTAssertEqual(jobs, ["commit 1/hub/hash=2", "commit 1/committer/hash=3"])
        // Beyond `maxRoles` role names, a new role is not entered: no count is lost.
        for i in 0..<OperationMeter.maxRoles { alice.restore(alice.enter(role: "r\(i)")) }
        let full = alice.enter(role: "one-too-many")
        _ = alice.hash([9])
        alice.restore(full)
        XCTAssertEqual(meter.snapshot().first { $0.role == "member" }?.count, 3)
        XCTAssertEqual(meter.count(.hash, actor: "alice"), 7)
    }

    func testManyActorsGrowTheTable() {
        let meter = OperationMeter()
        for i in 0..<1000 {
            let ctx = CryptoContext(suite: .x25519Aes128GcmEd25519, actor: meter.actor("c\(i)"), random: SeededRandom(seed: 3))
            _ = ctx.hash([UInt8(i & 0xff)])
        }
        XCTAssertEqual(meter.count(.hash, actor: "c999"), 1)
        XCTAssertEqual(meter.totals().first { $0.primitive == .hash }?.count, 1000)
    }

    func testSeededRandomIsDeterministic() {
        XCTAssertEqual(SeededRandom(seed: 9, stream: "a").bytes(100), SeededRandom(seed: 9, stream: "a").bytes(100))
        XCTAssertNotEqual(SeededRandom(seed: 9, stream: "a").bytes(32), SeededRandom(seed: 9, stream: "b").bytes(32))
        let r = SeededRandom(seed: 1)
        let a = r.bytes(10) + r.bytes(40)
        XCTAssertEqual(a, SeededRandom(seed: 1).bytes(50))
    }
}

/// The verification cache answers repeated verifications without OpenSSL, still counts them, and never
/// remembers a failure.
final class VerificationCacheTests: XCTestCase {
    /// A context charging actor "a" of a fresh meter, with a fresh verification cache, and a signature key it made.
    func cachedContext(seed: UInt64) throws -> (OperationMeter, CryptoContext, VerificationCache, SignaturePrivateKey) {
        let meter = OperationMeter()
        var ctx = CryptoContext(suite: .x25519Aes128GcmEd25519, actor: meter.actor("a"), random: SeededRandom(seed: seed))
        let cache = VerificationCache()
        ctx.verificationCache = cache
        return (meter, ctx, cache, try ctx.generateSignatureKey())
    }

    func testRepeatsAreCountedButVerifiedOnce() throws {
        let (meter, ctx, cache, key) = try cachedContext(seed: 1)
        let sig = try ctx.sign([1, 2, 3], with: key)
        for _ in 0..<5 { try ctx.verify(sig, of: [1, 2, 3], with: key.publicKey) }
        XCTAssertEqual(meter.count(.verify, actor: "a"), 5)
        XCTAssertEqual(cache.hits, 4)
        var bad = sig
        bad[0] ^= 1
        for _ in 0..<2 {
            XCTAssertThrowsError(try ctx.verify(bad, of: [1, 2, 3], with: key.publicKey)) { XCTAssertEqual(($0 as? CryptoError)?.code, .invalidSignature) }
        }
        XCTAssertThrowsError(try ctx.verify(sig, of: [1, 2, 4], with: key.publicKey))
        XCTAssertEqual(cache.hits, 4)
        let other = ctx.charging(meter.actor("b"))
        try other.verify(sig, of: [1, 2, 3], with: key.publicKey)
        XCTAssertEqual(cache.hits, 5)
        XCTAssertEqual(try ctx.signaturePublicKey(key.publicKey.bytes), key.publicKey)
    }
    /// A message given in pieces is verified (and remembered) as their concatenation: a repeat in other pieces
    /// hits the cache, a different message never does.
    func testPiecesAreTheirConcatenation() throws {
        let (meter, ctx, cache, key) = try cachedContext(seed: 2)
        let message = [UInt8](0..<200)
        let sig = try ctx.sign(message, with: key)
        try ctx.verify(sig, ofConcatenation: [Array(message[..<50]), Array(message[50...])], with: key.publicKey)
        XCTAssertEqual(cache.hits, 0)
        try ctx.verify(sig, ofConcatenation: [[], Array(message[..<120]), Array(message[120...])], with: key.publicKey)
        try ctx.verify(sig, of: message, with: key.publicKey)
        XCTAssertEqual(cache.hits, 2)
        var other = message
        other[150] ^= 1
        XCTAssertThrowsError(try ctx.verify(sig, ofConcatenation: [Array(other[..<50]), Array(other[50...])], with: key.publicKey))
        XCTAssertThrowsError(try ctx.verify(sig, ofConcatenation: [Array(message[..<50])], with: key.publicKey))
        XCTAssertEqual(cache.hits, 2)
        XCTAssertEqual(meter.count(.verify, actor: "a"), 5)
        let plain = CryptoContext(suite: .x25519Aes128GcmEd25519, actor: meter.actor("b"), random: SeededRandom(seed: 3))
        try plain.verify(sig, ofConcatenation: [Array(message[..<10]), Array(message[10...])], with: key.publicKey)
        XCTAssertThrowsError(try plain.verify(sig, ofConcatenation: [Array(other[..<10]), Array(other[10...])], with: key.publicKey))
    }

    /// A piece that is the very array remembered is equal without a comparison; the other pieces are still
    /// compared, so a message differing only there misses.
    func testSharedPieceIsMatchedAndTheRestCompared() throws {
        let (meter, ctx, cache, key) = try cachedContext(seed: 4)
        let shared = [UInt8](repeating: 7, count: 4096)
        let sig = try ctx.sign([1, 2] + shared + [3], with: key)
        try ctx.verify(sig, ofConcatenation: [[1, 2], shared, [3]], with: key.publicKey)
        try ctx.verify(sig, ofConcatenation: [[1, 2], shared, [3]], with: key.publicKey)
        try ctx.verify(sig, ofConcatenation: [[1, 2], shared.map { $0 }, [3]], with: key.publicKey)
        XCTAssertEqual(cache.hits, 2)
        XCTAssertThrowsError(try ctx.verify(sig, ofConcatenation: [[1, 9], shared, [3]], with: key.publicKey))
        XCTAssertThrowsError(try ctx.verify(sig, ofConcatenation: [[1, 2], shared, [4]], with: key.publicKey))
        XCTAssertEqual(cache.hits, 2)
    }
}

