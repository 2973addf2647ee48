import Foundation
import MIMI

/// Owns one sans-IO state machine in live mode: every input runs under the runner's lock (so the machine sees
/// one input at a time, in arrival order), its events go to `onEvent` still under the lock (so they keep the
/// machine's order), its transmits go to `onTransmits` after the lock is released, and its next deadline is
/// kept armed as a task.
///
/// Lock order: a caller may hold the run's lock when it enters a runner; a runner holds no other lock than
/// the (leaf) event sink's while it runs.
package final class NodeRunner<Node: SansIONode>: @unchecked Sendable {
    private let lock = NSLock()
    private var node: Node
    private let clock: LiveClock
    private var timer: Task<Void, Never>?
    private var armed: MIMI.Instant?
    private var stopped = false
    /// Receives the machine's events (called under the runner's lock; must not block).
    private let onEvent: @Sendable (Node.Event, Int64) -> Void
    /// Receives the machine's transmits (called after the lock is released).
    var onTransmits: @Sendable ([Transmit]) -> Void = { _ in }

    /// A runner of `node`.
    init(_ node: Node, clock: LiveClock, onEvent: @escaping @Sendable (Node.Event, Int64) -> Void) {
        self.node = node
        self.clock = clock
        self.onEvent = onEvent
    }

    /// Runs one input on the machine, then drains and dispatches its outputs.
    func step(fromTimer: Bool = false, _ body: (inout Node, MIMI.Instant) -> Void) {
        var out: [Transmit] = []
        lock.lock()
        guard !stopped else { lock.unlock(); return }
        let now = clock.now
        body(&node, now)
        while let t = node.pollTransmit() { out.append(t) }
        while let e = node.pollEvent() { onEvent(e, Int64(now.nanoseconds)) }
        if fromTimer { armed = nil; timer = nil }
        let next = node.nextTimeout()
        if next != armed {
            timer?.cancel()
            armed = next
            timer = next.map { deadline in
                Task { [clock] in
                    await clock.sleep(until: Int64(deadline.nanoseconds) + 1_000_000)
                    guard !Task.isCancelled else { return }
                    self.step(fromTimer: true) { node, now in node.handleTimeout(now: now) }
                }
            }
        }
        lock.unlock()
        if !out.isEmpty { onTransmits(out) }
    }

    /// Reads the machine's state under the lock.
    package func read<R>(_ body: (Node) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(node)
    }

    /// Stops the machine: later inputs are ignored and its timer is cancelled.
    func stop() {
        lock.lock()
        stopped = true
        timer?.cancel()
        timer = nil
        lock.unlock()
    }
}
