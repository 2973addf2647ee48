/// The ordering state of one (source, destination) host pair: like a TCP connection, it hands
/// messages to the destination in send order, holding a message that arrives early until every
/// earlier one has arrived or been lost. In the common in-order case it allocates nothing.
struct Connection {
    private var nextToSend: UInt64 = 0
    private var nextToDeliver: UInt64 = 0
    /// Arrived (reference) or lost (nil) messages that are not next in order, kept sorted by sequence.
    private var early: [(sequence: UInt64, reference: UInt64?)] = []

    /// The sequence number of the message to hand over next.
    var nextToDeliverSequence: UInt64 { nextToDeliver }

    /// What the connection says about a message that became next in order.
    enum Ready { case deliver(UInt64), skip }

    /// Numbers a newly sent message.
    mutating func assignSequence() -> UInt64 {
        defer { nextToSend += 1 }
        return nextToSend
    }

    /// Message `sequence` reached the destination (`reference`) or was lost (nil). Returns true when
    /// it was next in order (hand it over now, then drain `nextReady`); false when it must wait.
    mutating func arrive(_ sequence: UInt64, reference: UInt64?) -> Bool {
        if sequence == nextToDeliver {
            nextToDeliver += 1
            return true
        }
        var i = early.count
        while i > 0, early[i - 1].sequence > sequence { i -= 1 }
        early.insert((sequence, reference), at: i)
        return false
    }

    /// The next waiting message that is now in order, if any.
    mutating func nextReady() -> Ready? {
        guard let first = early.first, first.sequence == nextToDeliver else { return nil }
        early.removeFirst()
        nextToDeliver += 1
        return first.reference.map(Ready.deliver) ?? .skip
    }
}
