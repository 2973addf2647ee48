/// The discrete-event engine: virtual time, one event queue, a fingerprint of what it processed.
///
/// Single-threaded. Events are processed in (time, insertion sequence) order, so ties are
/// deterministic. Handlers are generic values (`EventHandler`), so a run allocates nothing per event.
public final class Engine {
    /// The current virtual time: the time of the event being processed, or where the last run stopped.
    public var now: Instant { Instant(nanoseconds: nowNanoseconds) }
    @exclusivity(unchecked) @usableFromInline var nowNanoseconds: Int64 = 0
    @usableFromInline let queue = EventQueue()
    @exclusivity(unchecked) @usableFromInline var trace = Fingerprint()
    @exclusivity(unchecked) @usableFromInline var stopRequested = false
    @exclusivity(unchecked) @usableFromInline var timers = TimerTable()
    /// True while the queue's root is the event being dispatched: the next `schedule` overwrites it
    /// (one heap sift per event in the common "handle one, schedule one" pattern).
    @exclusivity(unchecked) @usableFromInline var rootConsumed = false

    /// A fingerprint of every event processed so far (cancelled timers excluded).
    public var fingerprint: Fingerprint { trace }
    /// Number of events processed so far.
    public var processedEvents: UInt64 { trace.count }
    /// Number of events waiting in the queue (including cancelled timers not yet reached).
    public var pendingEvents: Int { queue.count }

    /// A fresh engine at time zero.
    public init() {}

    /// Reserves queue room for `n` pending events.
    public func reserveCapacity(_ n: Int) { queue.reserveCapacity(n) }

    /// Schedules an event at `time` (not before `now`); ties run in the order they were scheduled.
    @inlinable
    public func schedule(at time: Instant, kind: EventKind, actor: ActorID, payload: UInt64 = 0) {
        precondition(time.nanoseconds >= nowNanoseconds, "event scheduled in the past")
        if rootConsumed {
            rootConsumed = false
            queue.replaceFirst(time: time.nanoseconds, kind: kind.rawValue, actor: actor.rawValue, payload: payload)
        } else {
            queue.push(time: time.nanoseconds, kind: kind.rawValue, actor: actor.rawValue, payload: payload)
        }
    }

    /// Schedules an event `delay` (>= 0) after now. Time saturates at `Instant.distantFuture` (about
    /// 292 years), so absurd delays from input files park events at the end of time instead of trapping.
    @inlinable
    public func schedule(after delay: SimDuration, kind: EventKind, actor: ActorID, payload: UInt64 = 0) {
        schedule(at: instant(after: delay.nanoseconds), kind: kind, actor: actor, payload: payload)
    }

    /// Now plus `delay` nanoseconds (negative counts as 0), saturating at `Instant.distantFuture`.
    @inlinable @inline(__always)
    public func instant(after delay: Int64) -> Instant {
        let (sum, overflow) = nowNanoseconds.addingReportingOverflow(max(delay, 0))
        return Instant(nanoseconds: overflow ? .max : sum)
    }

    /// Asks the running loop to return after the current event.
    public func stop() { stopRequested = true }

    /// Processes events whose time is at most `limit`; afterwards `now` is `limit` (or the last event's
    /// time when the limit is `distantFuture`). Returns how the run ended.
    @inlinable @discardableResult
    public func run<H: EventHandler>(until limit: Instant, handler: inout H) -> RunOutcome {
        stopRequested = false
        let limitNanos = limit.nanoseconds
        while let head = queue.first {
            if head.time > limitNanos { break }
            let processed = dispatch(head, handler: &handler)
            if processed, stopRequested { return .stopped }
        }
        if limit != .distantFuture, nowNanoseconds < limitNanos { nowNanoseconds = limitNanos }
        return queue.isEmpty ? .idle : .reachedLimit
    }

    /// Processes events until none are pending (or a handler calls `stop()`).
    @inlinable @discardableResult
    public func runUntilIdle<H: EventHandler>(handler: inout H) -> RunOutcome {
        run(until: .distantFuture, handler: &handler)
    }

    /// Processes events until `condition` holds after an event, the queue empties, or `limit` passes.
    @inlinable @discardableResult
    public func run<H: EventHandler>(handler: inout H, until limit: Instant = .distantFuture,
                                     stopWhen condition: (Engine) -> Bool) -> RunOutcome {
        if condition(self) { return .conditionMet }
        stopRequested = false
        while let head = queue.first, head.time <= limit.nanoseconds {
            if !dispatch(head, handler: &handler) { continue }
            if condition(self) { return .conditionMet }
            if stopRequested { return .stopped }
        }
        if limit != .distantFuture, nowNanoseconds < limit.nanoseconds { nowNanoseconds = limit.nanoseconds }
        return queue.isEmpty ? .idle : .reachedLimit
    }

    /// Removes `entry` (the queue's root), advances the clock to it, fingerprints it and hands it to
    /// `handler`; false for a cancelled timer.
    @inlinable @inline(__always)
    func dispatch<H: EventHandler>(_ entry: QueuedEvent, handler: inout H) -> Bool {
        var payload = entry.payload
        if entry.kind == EventKind.timer.rawValue {
            guard let tag = timers.fire(payload) else { queue.removeFirst(); return false }
            payload = tag
        }
        rootConsumed = true
        defer { if rootConsumed { rootConsumed = false; queue.removeFirst() } }
        nowNanoseconds = entry.time
        trace.mix(time: entry.time, kind: entry.kind, actor: entry.actor)
        handler.handle(Event(time: Instant(nanoseconds: entry.time), kind: EventKind(rawValue: entry.kind),
                             actor: ActorID(rawValue: entry.actor), payload: payload), engine: self)
        return true
    }
}

/// Why a run returned.
public enum RunOutcome: Sendable, Equatable {
    /// No events are pending.
    case idle
    /// The next pending event is after the time limit.
    case reachedLimit
    /// A handler called `Engine.stop()`.
    case stopped
    /// The caller's stop condition became true.
    case conditionMet
}
