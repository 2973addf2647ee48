/// The ordering state of one (source, destination) host pair: like a TCP connection, it hands
/// messages to the destination in send order, holding a message that arrives early until every
/// earlier one has arrived or been lost.
struct Connection {
    private var nextToSend: UInt64 = 0
    private var nextToDeliver: UInt64 = 0
    /// Arrived (reference) or lost (nil) messages that are not next in order, kept sorted by sequence.
    private var early: [(sequence: UInt64, reference: UInt64?)] = []
    /// Ready to hand over, in order.
    private var ready: [UInt64] = []
    private var readyHead = 0

    /// Numbers a newly sent message.
    mutating func assignSequence() -> UInt64 {
        defer { nextToSend += 1 }
        return nextToSend
    }

    /// Message `sequence` reached the destination (`reference`) or was lost (nil).
    mutating func arrived(_ sequence: UInt64, reference: UInt64?) {
        if sequence != nextToDeliver {
            var i = early.count
            while i > 0, early[i - 1].sequence > sequence { i -= 1 }
            early.insert((sequence, reference), at: i)
            return
        }
        if let reference { ready.append(reference) }
        nextToDeliver += 1
        var consumed = 0
        while consumed < early.count, early[consumed].sequence == nextToDeliver {
            if let r = early[consumed].reference { ready.append(r) }
            nextToDeliver += 1
            consumed += 1
        }
        if consumed > 0 { early.removeFirst(consumed) }
    }

    /// The next message to hand over, if any.
    mutating func popDeliverable() -> UInt64? {
        guard readyHead < ready.count else {
            if readyHead > 0 { ready.removeAll(keepingCapacity: true); readyHead = 0 }
            return nil
        }
        defer { readyHead += 1 }
        return ready[readyHead]
    }
}
