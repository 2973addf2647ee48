import XCTest
@testable import MIMI

/// `OutputQueue.takeAll` returns what `pop` would return until nil, after earlier pops.
final class OutputQueueTests: XCTestCase {
    func testTakeAllReturnsTheOutputsPopWouldReturn() {
        var queue = OutputQueue<Int>()
        for i in 0..<100 { queue.push(i) }
        for i in 0..<70 { XCTAssertEqual(queue.pop(), i) }   // past the compaction point (head > 64)
        queue.push(100)
        XCTAssertEqual(queue.pop(), 70)
        XCTAssertEqual(queue.takeAll(), Array(71...100))
        XCTAssertEqual(queue.count, 0)
        XCTAssertEqual(queue.takeAll(), [])
        XCTAssertNil(queue.pop())
        queue.push(7)
        XCTAssertEqual(queue.takeAll(), [7])
    }
}
