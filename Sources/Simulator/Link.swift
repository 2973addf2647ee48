import Foundation

/// Identifies a directed link in a `VirtualNetwork`.
public struct LinkID: Hashable, Sendable, Comparable {
    /// Index into the network's links.
    public let index: UInt32
    /// Orders by index.
    public static func < (lhs: LinkID, rhs: LinkID) -> Bool { lhs.index < rhs.index }
}

/// Runtime state of one directed link: its parameters, its FIFO of messages waiting to be
/// serialized, whether it is transmitting, its own random stream and its counters.
struct Link {
    let name: String
    var parameters: LinkParameters { didSet { latencyBound = parameters.latency.lowerBound } }
    /// The smallest latency a draw can give (`Distribution.lowerBound`), kept with the parameters.
    private(set) var latencyBound: Int64
    var waiting = SlotQueue()
    var transmitting = false
    var random: RandomStream
    var messagesCarried: UInt64 = 0
    var bytesCarried: UInt64 = 0
    var retransmissions: UInt64 = 0

    init(name: String, parameters: LinkParameters, seed: UInt64) {
        self.name = name
        self.parameters = parameters
        self.latencyBound = parameters.latency.lowerBound
        self.random = RandomStream(seed: seed, name: "link:" + name)
    }

    /// The longest delay one hop can add (about 36 years), so sums of delays never overflow.
    static let maximumDelay: Int64 = 1 << 60

    /// Time to put `bytes` on the wire at the current bandwidth, rounded up to whole nanoseconds.
    func serializationDelay(bytes: Int64) -> Int64 {
        guard let bps = parameters.bitsPerSecond else { return 0 }
        let ns = (Double(bytes) * 8e9 / bps).rounded(.up)
        return ns < Double(Self.maximumDelay) ? Int64(ns) : Self.maximumDelay
    }

    /// Propagation delay of one message of `bytes`: latency draw + jitter + retransmission timeouts.
    /// Each attempt of each of the message's segments is lost with `lossRate`; the k-th consecutive
    /// loss of a segment costs RTO * 2^(k-1) (RFC 6298 backoff). Returns (delay, retransmissions).
    mutating func propagationDelay(bytes: Int64) -> (delay: Int64, retransmissions: UInt32) {
        var delay = min(SimDuration(roundingNanoseconds: parameters.latency.sample(&random)).nanoseconds, Self.maximumDelay)
        if parameters.jitter.nanoseconds > 0 {
            delay &+= Int64(random.next(below: UInt64(parameters.jitter.nanoseconds) + 1))
        }
        var lost: UInt32 = 0
        let p = parameters.lossRate
        if p > 0 {
            // Jump from one lost segment to the next: the gap before a segment whose first attempt is
            // lost is geometric, as is the number of further losses of that segment. The work is
            // proportional to the losses, not to the message size; the law is the same as one
            // Bernoulli(p) draw per attempt of every segment.
            let segments = max(1, (bytes + Int64(parameters.maximumSegmentSize) - 1) / Int64(parameters.maximumSegmentSize))
            let rto = parameters.retransmissionTimeout.nanoseconds
            let logKeep = log1p(-p), logLose = log(p)
            var segment: Int64 = 0
            while true {
                let gap = (log(random.nextOpenUnit()) / logKeep).rounded(.down)
                if gap >= Double(segments - segment) { break }
                segment += Int64(gap)
                let repeats = min((log(random.nextOpenUnit()) / logLose).rounded(.down), 60)   // further losses
                var backoff = rto
                for _ in 0...Int(repeats) {
                    delay = min(delay + backoff, Self.maximumDelay * 2)
                    backoff = min(backoff * 2, Self.maximumDelay)
                    lost &+= 1
                }
                segment += 1
                if segment >= segments { break }
            }
        }
        return (min(delay, Self.maximumDelay * 2), lost)
    }
}

/// A FIFO ring of 64-bit slot references (slot | generation << 32), without per-element allocation.
struct SlotQueue {
    private var storage: [UInt64] = []
    private var head = 0
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    mutating func append(_ slot: UInt64) {
        if count == storage.count { grow() }
        var tail = head + count
        if tail >= storage.count { tail -= storage.count }
        storage[tail] = slot
        count += 1
    }

    mutating func popFirst() -> UInt64? {
        guard count > 0 else { return nil }
        let value = storage[head]
        head += 1
        if head == storage.count { head = 0 }
        count -= 1
        return value
    }

    mutating func removeAll() { head = 0; count = 0 }

    private mutating func grow() {
        var bigger = [UInt64](repeating: 0, count: max(16, storage.count * 2))
        for i in 0..<count {
            var j = head + i
            if j >= storage.count { j -= storage.count }
            bigger[i] = storage[j]
        }
        storage = bigger
        head = 0
    }
}
