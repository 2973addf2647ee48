import XCTest
@testable import Simulator

final class EventQueueTests: XCTestCase {
    /// Random pushes, pops and root replacements (many ties) agree with a naive sorted model.
    func testMatchesNaiveModelWithTies() {
        var queue = EventQueue()
        var model: [(time: Int64, sequence: UInt64, payload: UInt64)] = []
        var random = RandomStream(seed: 7)
        var sequence: UInt64 = 0
        func modelPopMin() -> (time: Int64, sequence: UInt64, payload: UInt64) {
            let m = model.indices.min { (model[$0].time, model[$0].sequence) < (model[$1].time, model[$1].sequence) }!
            return model.remove(at: m)
        }
        for _ in 0..<6_000 {
            let action = random.next(below: 10)
            let time = Int64(random.next(below: 300))
            if action < 5 || model.isEmpty {
                queue.push(time: time, kind: 1, actor: 2, payload: sequence)
                model.append((time, sequence, sequence))
                sequence += 1
            } else if action < 8 {
                let expected = modelPopMin()
                let got = queue.popFirst()!
                XCTAssertEqual(got.time, expected.time)
                XCTAssertEqual(got.payload, expected.payload)
                XCTAssertEqual(got.sequence, expected.sequence)
            } else {
                let expected = modelPopMin()
                XCTAssertEqual(queue.first?.payload, expected.payload)
                queue.replaceFirst(time: time, kind: 1, actor: 2, payload: sequence)
                model.append((time, sequence, sequence))
                sequence += 1
            }
            XCTAssertEqual(queue.count, model.count)
        }
        while !model.isEmpty { XCTAssertEqual(queue.popFirst()?.payload, modelPopMin().payload) }
        XCTAssertNil(queue.popFirst())
    }

    func testEmptyQueuePopsNilAndKeepsFields() {
        var queue = EventQueue()
        XCTAssertNil(queue.popFirst())
        queue.push(time: 5, kind: 1, actor: 2, payload: 3)
        let e = queue.popFirst()
        XCTAssertEqual(e?.time, 5); XCTAssertEqual(e?.kind, 1); XCTAssertEqual(e?.actor, 2); XCTAssertEqual(e?.payload, 3)
        XCTAssertNil(queue.popFirst())
        XCTAssertTrue(queue.isEmpty)
    }

    /// Large times and equal times: the branch-free comparison orders by time, then sequence.
    func testOrderingAtExtremes() {
        var queue = EventQueue()
        queue.push(time: .max, kind: 0, actor: 0, payload: 0)
        queue.push(time: 0, kind: 0, actor: 0, payload: 1)
        queue.push(time: .max, kind: 0, actor: 0, payload: 2)
        queue.push(time: 0, kind: 0, actor: 0, payload: 3)
        XCTAssertEqual((0..<4).map { _ in queue.popFirst()!.payload }, [1, 3, 0, 2])
    }
}
