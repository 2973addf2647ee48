/// The hub's queue of fan-out messages for one follower and one room. One `/notify` request is outstanding
/// at a time, so the follower sees messages in the hub's order; a request that is not acknowledged is sent
/// again, byte for byte, after a timeout that doubles up to a cap.
struct FanoutQueue {
    /// A notify request waiting for its acknowledgment.
    struct InFlight {
        /// The request id (the same for every attempt).
        let requestID: UInt64
        /// The concatenated fanout messages.
        let body: [UInt8]
        /// How many messages the body holds.
        let count: Int
        /// Attempts so far (1 after the first send).
        var attempts: Int
        /// When to send it again.
        var deadline: Instant
    }

    /// The room.
    let room: IdentifierURI
    /// The follower's domain.
    let domain: String
    /// Messages not yet sent, in hub order.
    var waiting: [FanoutMessage] = []
    /// The outstanding request.
    var inFlight: InFlight?

    /// The retry delay after `attempts` attempts: `initial * 2^(attempts-1)`, at most `cap`.
    static func delay(attempts: Int, initial: UInt64, cap: UInt64) -> UInt64 {
        var delay = initial
        for _ in 1..<max(attempts, 1) where delay < cap { delay = delay > cap / 2 ? cap : delay * 2 }
        return min(delay, cap)
    }

    /// Takes every waiting message into a new request, if none is outstanding.
    mutating func startNext(requestID: UInt64, now: Instant, initial: UInt64) -> InFlight? {
        guard inFlight == nil, !waiting.isEmpty else { return nil }
        let body = FanoutMessage.encodeConcatenated(waiting)
        let next = InFlight(requestID: requestID, body: body, count: waiting.count, attempts: 1, deadline: now.adding(nanoseconds: initial))
        waiting = []
        inFlight = next
        return next
    }
}
