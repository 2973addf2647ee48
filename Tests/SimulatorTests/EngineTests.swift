import XCTest
@testable import Simulator

/// Records every event it sees.
struct EventLog: EventHandler {
    var events: [Event] = []
    mutating func handle(_ event: Event, engine: Engine) { events.append(event) }
}

/// Reschedules itself `remaining` times at random gaps, like the hold model.
struct Chain: EventHandler {
    var random: RandomStream
    var remaining: Int
    mutating func handle(_ event: Event, engine: Engine) {
        guard remaining > 0 else { return }
        remaining -= 1
        engine.schedule(after: .nanoseconds(Int64(random.next(below: 1000))), kind: event.kind, actor: event.actor)
    }
}

final class EngineTests: XCTestCase {
    func testTiesRunInInsertionOrder() {
        let engine = Engine()
        for i in 0..<10 { engine.schedule(at: Instant(nanoseconds: 100), kind: .user(0), actor: ActorID(rawValue: 0), payload: UInt64(i)) }
        engine.schedule(at: Instant(nanoseconds: 50), kind: .user(1), actor: ActorID(rawValue: 0), payload: 99)
        var log = EventLog()
        XCTAssertEqual(engine.runUntilIdle(handler: &log), .idle)
        XCTAssertEqual(log.events.map(\.payload), [99] + (0..<10).map(UInt64.init))
        XCTAssertEqual(engine.now, Instant(nanoseconds: 100))
    }

    func testRunUntilTimeIsInclusiveAndAdvancesClock() {
        let engine = Engine()
        for t in [10, 20, 30, 40] as [Int64] { engine.schedule(at: Instant(nanoseconds: t), kind: .user(0), actor: .none, payload: UInt64(t)) }
        var log = EventLog()
        XCTAssertEqual(engine.run(until: Instant(nanoseconds: 30), handler: &log), .reachedLimit)
        XCTAssertEqual(log.events.map(\.payload), [10, 20, 30])
        XCTAssertEqual(engine.now, Instant(nanoseconds: 30))
        XCTAssertEqual(engine.run(until: Instant(nanoseconds: 35), handler: &log), .reachedLimit)
        XCTAssertEqual(engine.now, Instant(nanoseconds: 35))
        XCTAssertEqual(engine.run(until: Instant(nanoseconds: 100), handler: &log), .idle)
        XCTAssertEqual(log.events.map(\.payload), [10, 20, 30, 40])
        XCTAssertEqual(engine.now, Instant(nanoseconds: 100))
    }

    func testRunUntilCondition() {
        let engine = Engine()
        for t in 1...10 as ClosedRange<Int64> { engine.schedule(at: Instant(nanoseconds: t), kind: .user(0), actor: .none, payload: UInt64(t)) }
        var log = EventLog()
        let outcome = engine.run(handler: &log) { $0.now >= Instant(nanoseconds: 4) }
        XCTAssertEqual(outcome, .conditionMet)
        XCTAssertEqual(log.events.count, 4)
        XCTAssertEqual(engine.pendingEvents, 6)
    }

    func testTimersCancelAndReschedule() {
        let engine = Engine()
        let a = engine.scheduleTimer(at: Instant(nanoseconds: 10), actor: ActorID(rawValue: 1), tag: 1)
        let b = engine.scheduleTimer(at: Instant(nanoseconds: 20), actor: ActorID(rawValue: 2), tag: 2)
        let c = engine.scheduleTimer(at: Instant(nanoseconds: 30), actor: ActorID(rawValue: 3), tag: 3)
        XCTAssertTrue(engine.cancelTimer(b))
        XCTAssertFalse(engine.cancelTimer(b), "second cancel is a no-op")
        let c2 = engine.rescheduleTimer(c, to: Instant(nanoseconds: 5), actor: ActorID(rawValue: 3))
        XCTAssertNotNil(c2)
        XCTAssertFalse(engine.isTimerPending(c))
        var log = EventLog()
        engine.runUntilIdle(handler: &log)
        XCTAssertEqual(log.events.map(\.payload), [3, 1])
        XCTAssertEqual(log.events.map(\.time.nanoseconds), [5, 10])
        XCTAssertTrue(log.events.allSatisfy { $0.kind == .timer })
        XCTAssertEqual(engine.processedEvents, 2, "cancelled timers are not processed")
        XCTAssertFalse(engine.cancelTimer(a), "a fired timer cannot be cancelled")
        // A reused slot does not resurrect a stale handle.
        let d = engine.scheduleTimer(at: Instant(nanoseconds: 50), actor: .none, tag: 4)
        XCTAssertFalse(engine.cancelTimer(a))
        XCTAssertTrue(engine.isTimerPending(d))
    }

    func testFingerprintIsReproducibleAndSeedSensitive() {
        func fingerprint(seed: UInt64) -> Fingerprint {
            let engine = Engine()
            var chain = Chain(random: RandomStream(seed: seed, name: "chain"), remaining: 10_000)
            for i in 0..<100 { engine.schedule(at: .zero, kind: .user(0), actor: ActorID(rawValue: UInt32(i))) }
            engine.runUntilIdle(handler: &chain)
            return engine.fingerprint
        }
        XCTAssertEqual(fingerprint(seed: 1), fingerprint(seed: 1))
        XCTAssertEqual(fingerprint(seed: 1).count, 10_100)
        XCTAssertNotEqual(fingerprint(seed: 1), fingerprint(seed: 2))
    }

    func testFingerprintDependsOnOrderKindAndActor() {
        var a = Fingerprint(), b = Fingerprint(), c = Fingerprint()
        a.mix(time: 1, kind: 1, actor: 1); a.mix(time: 2, kind: 1, actor: 1)
        b.mix(time: 2, kind: 1, actor: 1); b.mix(time: 1, kind: 1, actor: 1)
        c.mix(time: 1, kind: 1, actor: 2); c.mix(time: 2, kind: 1, actor: 1)
        XCTAssertNotEqual(a, b)
        XCTAssertNotEqual(a.value, c.value)
        XCTAssertEqual(a.description.count, 16)
    }
}
