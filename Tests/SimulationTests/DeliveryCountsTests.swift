import XCTest
import MIMI
import Playback

/// The exactly-once check's counts: repeats, deliveries to non-recipients and recipients never reached, per message.
final class DeliveryCountsTests: XCTestCase {
    func testDuplicatesExtrasAndMissingAreCountedPerMessage() {
        var tracker = RunTracker()
        let room = IdentifierURI("mimi://a.example/r/room")
        let a = IdentifierURI("mimi://a.example/u/a/1"), b = IdentifierURI("mimi://a.example/u/b/1")
        let c = IdentifierURI("mimi://b.example/u/c/1"), d = IdentifierURI("mimi://b.example/u/d/1")
        func accept(_ frank: UInt8, expected: [IdentifierURI], got: [IdentifierURI]) {
            let key = RunTracker.MessageKey(room: room, frank: [UInt8](repeating: frank, count: 32))
            tracker.accepted[key] = RunTracker.Accepted(expected: expected, got: got, start: 0)
            tracker.acceptedOrder.append(key)
        }
        accept(1, expected: [a, b, c], got: [c, a, b])            // exactly once
        accept(2, expected: [a, b, c], got: [a, a, b, d, d])      // a twice, d twice (not a recipient), c missing
        accept(3, expected: [b, c], got: [])                      // both missing
        accept(4, expected: [a], got: [a, c, c, c])               // c three times, not a recipient
        let counts = tracker.deliveryCounts()
        XCTAssertEqual(counts.duplicates, 1 + 1 + 2)
        XCTAssertEqual(counts.extra, 1 + 1)
        XCTAssertEqual(counts.missing, 1 + 2)
        // A message accepted twice under the same key is counted once (the order list names it; the table holds it).
        var alone = RunTracker()
        alone.accepted = tracker.accepted
        alone.acceptedOrder = [tracker.acceptedOrder[0]]
        XCTAssertEqual(alone.deliveryCounts().duplicates, 0)
        XCTAssertEqual(alone.deliveryCounts().missing, 0)
    }
}
