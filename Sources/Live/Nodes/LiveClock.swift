import MIMI

/// The live run's clock: monotonic wall time since the run started, in nanoseconds (what the state machines
/// get as `now`, and what latencies are measured on).
struct LiveClock: Sendable {
    /// When the run started.
    let start = ContinuousClock.now

    /// Nanoseconds since the start.
    var nanos: Int64 {
        let d = ContinuousClock.now - start
        return d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000
    }

    /// Now as a state machine's instant.
    var now: MIMI.Instant { MIMI.Instant(nanoseconds: UInt64(max(0, nanos))) }

    /// Sleeps until `nanos` on this clock (returns at once when it has passed or the task is cancelled).
    func sleep(until target: Int64) async {
        let wait = target - nanos
        guard wait > 0 else { return }
        try? await Task.sleep(for: .nanoseconds(wait))
    }
}
