import XCTest
@testable import MLSCrypto

/// `CryptoContext.shared` computes once for the contexts sharing a result cache, and each later context counts the
/// calls the computation counted, in its own role and job; it never answers for inputs it was not computed from.
final class SharedWorkTests: XCTestCase {
    func testLaterContextsCountTheCallsOfTheFirst() throws {
        let (meter, a, b) = twoMembersSharingACache()
        var runs = 0
        func work(_ c: CryptoContext, _ input: [UInt8]) throws -> [UInt8] {
            try c.shared("test.work", input, [], size: { $0.count }, where: { _ in true }) { () throws(CryptoError) in
                runs += 1
                _ = c.hash(input)
                _ = c.hash(input)
                return try c.expand(prk: [UInt8](repeating: 1, count: 32), info: input, length: 16)
            }
        }
        let first = try work(a, [1, 2, 3])
        let scope = b.enter(role: "committer", job: "epoch 7")
        let second = try work(b, [1, 2, 3])
        b.restore(scope)
        XCTAssertEqual(first, second)
        XCTAssertEqual(runs, 1)
        for actor in ["a", "b"] {
            XCTAssertEqual(meter.count(.hash, actor: actor), 2)
            XCTAssertEqual(meter.count(.hkdfExpand, actor: actor), 1)
        }
        // b's replayed calls went to the role and job it was in.
        XCTAssertTrue(meter.snapshot().contains(MeterRow(actor: "b", role: "committer", primitive: .hash, count: 2, cpuNanos: 0)))
        XCTAssertEqual(meter.jobSnapshot(), [MeterRow(actor: "epoch 7", role: "committer", primitive: .hkdfExpand, count: 1, cpuNanos: 0),
                                             MeterRow(actor: "epoch 7", role: "committer", primitive: .hash, count: 2, cpuNanos: 0)]
            .sorted { $0.primitive.rawValue < $1.primitive.rawValue })
        // Other input: computed again.
        _ = try work(b, [1, 2, 4])
        XCTAssertEqual(runs, 2)
        XCTAssertEqual(meter.count(.hash, actor: "b"), 4)
    }

    func testRejectedFailedAndOtherTypedValuesAreComputed() throws {
        var c = CryptoContext(suite: .x25519Aes128GcmEd25519, actor: OperationMeter().actor("c"), random: SeededRandom(seed: 1))
        c.resultCache = ResultCache()
        var runs = 0
        // A stored value the caller does not accept (its other inputs differ) is not used.
        for extra in [1, 1, 2, 2, 1] {
            let got = c.shared("test.accept", [9], [], size: { _ in 8 }, where: { $0 == extra }) { () -> Int in runs += 1; return extra }
            XCTAssertEqual(got, extra)
        }
        XCTAssertEqual(runs, 3)   // 1, (1 found), 2, (2 found), 1 again (2 replaced it)
        // Failures are not stored.
        struct Failure: Error {}
        for _ in 0..<3 {
            XCTAssertThrowsError(try c.shared("test.fail", [1], [], size: { (_: Int) in 8 }, where: { _ in true }) { () throws(Failure) -> Int in
                runs += 1
                throw Failure()
            })
        }
        XCTAssertEqual(runs, 6)
        // The same kind and key with another value type is another entry.
        let text = c.shared("test.accept", [9], [], size: { (_: String) in 8 }, where: { _ in true }) { () -> String in runs += 1; return "x" }
        XCTAssertEqual(text, "x")
        XCTAssertEqual(runs, 7)
        // Without a cache, every call computes.
        c.resultCache = nil
        for _ in 0..<2 { _ = c.shared("test.accept", [9], [], size: { _ in 8 }, where: { _ in true }) { () -> Int in runs += 1; return 0 } }
        XCTAssertEqual(runs, 9)
    }

    func testHPKEOpenIsSharedOnlyWithTheSameKey() throws {
        let meter = OperationMeter()
        var a = CryptoContext(suite: .x25519Aes128GcmEd25519, actor: meter.actor("a"), random: SeededRandom(seed: 1))
        let cache = ResultCache()
        a.resultCache = cache
        let b = a.charging(meter.actor("b"))
        let key = try a.generateHPKEKey(), other = try a.generateHPKEKey()
        let (enc, ct) = try a.hpkeSeal(to: key.publicKey, info: [1], aad: [], plaintext: [7, 7])
        XCTAssertEqual(try a.hpkeOpen(enc: enc, with: key, info: [1], aad: [], ciphertext: ct), [7, 7])
        XCTAssertEqual(try b.hpkeOpen(enc: enc, with: key, info: [1], aad: [], ciphertext: ct), [7, 7])
        XCTAssertEqual(cache.hits, 1)
        XCTAssertThrowsError(try b.hpkeOpen(enc: enc, with: other, info: [1], aad: [], ciphertext: ct))
        XCTAssertThrowsError(try b.hpkeOpen(enc: enc, with: key, info: [2], aad: [], ciphertext: ct))
        XCTAssertThrowsError(try b.hpkeOpen(enc: enc, with: key, info: [1], aad: [3], ciphertext: ct))
        XCTAssertEqual(cache.hits, 1)
        XCTAssertEqual(meter.count(.hpkeOpen, actor: "b"), 4)
    }
}

/// A meter and two members' contexts (actors "a" and "b", role member) that share one result cache.
func twoMembersSharingACache() -> (OperationMeter, CryptoContext, CryptoContext) {
    let meter = OperationMeter()
    var a = CryptoContext(suite: .x25519Aes128GcmEd25519, actor: meter.actor("a", role: "member"), random: SeededRandom(seed: 1))
    a.resultCache = ResultCache()
    return (meter, a, a.charging(meter.actor("b", role: "member")))
}
