import XCTest
@testable import MLSCrypto

/// `CryptoContext.shared(_:in:)` computes once for the contexts that share a result cache and reach the same memo; each
/// later context counts the calls the computation counted; a value is used only when the caller accepts it.
final class SharedMemoTests: XCTestCase {
    func testLaterContextsCountTheCallsOfTheFirstAndRejectedOrFailedWorkIsComputed() throws {
        let (meter, a, b) = twoMembersSharingACache()
        let memo = SharedMemo()
        var runs = 0
        func work(_ c: CryptoContext, _ input: [UInt8], in memo: SharedMemo?) -> [UInt8] {
            c.shared("test.memo", in: memo, where: { (known: (input: [UInt8], digest: [UInt8])) in known.input == input }) {
                runs += 1
                _ = c.hash(input)
                return (input, c.hash(input + input))
            }.digest
        }
        let first = work(a, [1, 2], in: memo)
        let scope = b.enter(role: "committer", job: "epoch 3")
        let second = work(b, [1, 2], in: memo)
        b.restore(scope)
        XCTAssertEqual(first, second)
        XCTAssertEqual(runs, 1)
        XCTAssertEqual(meter.count(.hash, actor: "a"), 2)
        XCTAssertEqual(meter.count(.hash, actor: "b"), 2)
        XCTAssertTrue(meter.snapshot().contains(MeterRow(actor: "b", role: "committer", primitive: .hash, count: 2, cpuNanos: 0)))
        XCTAssertEqual(meter.jobSnapshot(), [MeterRow(actor: "epoch 3", role: "committer", primitive: .hash, count: 2, cpuNanos: 0)])
        // Inputs the kept value was not computed from: computed (and the first value stays kept).
        XCTAssertNotEqual(work(b, [1, 3], in: memo), first)
        XCTAssertEqual(work(a, [1, 2], in: memo), first)
        XCTAssertEqual(runs, 2)
        // Another memo, no memo, or no cache: computed every time.
        _ = work(a, [1, 2], in: SharedMemo())
        _ = work(a, [1, 2], in: nil)
        var alone = a
        alone.resultCache = nil
        _ = work(alone, [1, 2], in: memo)
        XCTAssertEqual(runs, 5)
        // Failures are not kept.
        struct Failure: Error {}
        for _ in 0..<2 {
            XCTAssertThrowsError(try a.shared("test.fail", in: memo, where: { (_: Int) in true }) { () throws(Failure) -> Int in
                runs += 1
                throw Failure()
            })
        }
        XCTAssertEqual(runs, 7)
    }
}
