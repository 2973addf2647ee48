/// What a pending engine event will hand to a host, as far as the network can tell without running it.
///
/// For drivers that handle independent hosts' inputs ahead of time (in parallel): an input handed to a host
/// is predictable only while nothing else can reach that host first. A message that is not yet propagating
/// over its last hop needs at least `VirtualNetwork.lastHopLatencyBound(to:)` more, so within that bound the
/// only inputs a host can get are the pending events this classifies.
public enum PendingInput: Sendable, Equatable {
    /// A network event that hands nothing to any host sooner than a message not yet on its last hop could
    /// arrive (a serialization ending, a hop ending before the last).
    case none
    /// Hands `message` to `host` at the event's time: its last hop ends and it is next in its connection's
    /// order (or its delivery is already scheduled).
    case delivery(MessageID, to: HostID)
    /// May hand something to `host` at the event's time (a last hop ending out of order).
    case mayDeliver(to: HostID)
    /// Not a network event: the driver's own kinds, timers, job and loss reports (the driver classifies them).
    case driverEvent
    /// A scheduled fault: what follows cannot be predicted.
    case unpredictable
}

extension VirtualNetwork {
    /// What `event` (pending in the engine's queue) will hand to a host when it is processed.
    public func pendingInput(_ event: QueuedEvent) -> PendingInput {
        switch EventKind(rawValue: event.kind) {
        case .linkTransmitted:
            // The message then propagates over this link for at least its latency bound (if this is its last
            // hop, that is `lastHopLatencyBound` of its destination or more); the next one waiting starts later.
            return .none
        case .hopArrived:
            let slot = UInt32(truncatingIfNeeded: event.payload)
            guard Int(slot) < messages.count, liveSlot(event.payload) != nil else { return .none }
            let m = messages[Int(slot)]
            guard m.hop &+ 1 >= m.hopCount else { return .none }
            let destination = HostID(index: m.destination)
            guard connections[Int(m.connection)].isNext(m.connectionSequence) else {
                return .mayDeliver(to: destination)
            }
            return .delivery(MessageID(payload: event.payload), to: destination)
        case .messageDelivered:
            guard let slot = arrivingSlot(event.payload) else { return .none }
            return .delivery(MessageID(payload: event.payload), to: HostID(index: messages[Int(slot)].destination))
        case .faultAction:
            return .unpredictable
        default:
            return .driverEvent
        }
    }

    /// A lower bound, in nanoseconds, on how long any message that is not yet propagating over its last hop
    /// needs to reach `host`: the smallest latency its last link can draw (`host`'s downlink; without one,
    /// any link). Zero when a last link can draw zero latency.
    public func lastHopLatencyBound(to host: HostID) -> Int64 {
        let downlink = hosts[Int(host.index)].downlink
        return downlink != Self.noLink ? links[Int(downlink)].latencyBound : leastLatencyBound
    }
}

extension VirtualNetwork {
    /// The largest `lastHopLatencyBound(to:)` of any host: how far ahead a lookahead can see at most.
    public var maximumLastHopLatencyBound: Int64 {
        var most: Int64 = 0, someWithout = false
        for host in hosts {
            if host.downlink == Self.noLink { someWithout = true } else { most = max(most, links[Int(host.downlink)].latencyBound) }
        }
        return someWithout ? max(most, leastLatencyBound) : most
    }

    /// The smallest latency bound of any link (0 without links): the last hop to a host without a downlink.
    var leastLatencyBound: Int64 { links.map(\.latencyBound).min() ?? 0 }
}

extension Connection {
    /// Whether message `sequence` would be handed over as soon as it arrives (every earlier one is done).
    func isNext(_ sequence: UInt64) -> Bool { sequence == nextToDeliverSequence }
}

extension Engine {
    /// The pending events in processing order (the one being dispatched, if any, first), at most `maxCount`,
    /// none later than `limit`; the queue is not changed.
    public func upcoming(maxCount: Int, through limit: Instant) -> [QueuedEvent] {
        queue.smallest(maxCount, through: limit.nanoseconds)
    }
}

extension EventQueue {
    /// The `k` earliest entries no later than `limit`, in order: a best-first walk of the heap from the root.
    func smallest(_ k: Int, through limit: Int64) -> [QueuedEvent] {
        var out: [QueuedEvent] = []
        guard k > 0, storedCount > 0 else { return out }
        out.reserveCapacity(min(k, storedCount, 512))   // grows when needed; a large reservation per call would be an mmap
        // Frontier of heap positions, itself a binary min-heap by the entries' order.
        var frontier: [Int] = [0]
        let h = base, n = storedCount
        func less(_ a: Int, _ b: Int) -> Bool { h[a].precedes(h[b]) }
        while let top = frontier.first, out.count < k {
            guard h[top].time <= limit else { break }
            out.append(h[top])
            // Pop the frontier's root.
            let last = frontier.removeLast()
            if !frontier.isEmpty {
                var i = 0
                frontier[0] = last
                while true {
                    let l = 2 * i + 1, r = l + 1
                    var m = i
                    if l < frontier.count, less(frontier[l], frontier[m]) { m = l }
                    if r < frontier.count, less(frontier[r], frontier[m]) { m = r }
                    if m == i { break }
                    frontier.swapAt(i, m)
                    i = m
                }
            }
            // Push the popped entry's children.
            let first = (top << 2) + 1
            for c in stride(from: first, to: min(first + 4, n), by: 1) {
                frontier.append(c)
                var i = frontier.count - 1
                while i > 0 {
                    let p = (i - 1) / 2
                    guard less(frontier[i], frontier[p]) else { break }
                    frontier.swapAt(i, p)
                    i = p
                }
            }
        }
        return out
    }
}
