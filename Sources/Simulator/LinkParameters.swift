/// The configuration of one directed link: latency, jitter, bandwidth and TCP-style loss.
public struct LinkParameters: Sendable, Equatable {
    /// One-way propagation latency in nanoseconds (negative draws count as 0).
    public var latency: Distribution
    /// Extra delay drawn uniformly from [0, jitter] per message, on top of `latency`.
    public var jitter: SimDuration
    /// Serialization rate in bits per second; nil means unlimited (no serialization delay, no queue).
    public var bitsPerSecond: Double?
    /// Probability that one TCP segment is lost, in [0, 1); each loss costs one retransmission timeout.
    public var lossRate: Double
    /// Retransmission timeout charged per lost segment (doubling for repeated losses of one segment).
    public var retransmissionTimeout: SimDuration
    /// Segment size used to count how many segments a message needs.
    public var maximumSegmentSize: Int

    /// A link with the given properties; defaults: no jitter, unlimited bandwidth, no loss,
    /// 200 ms RTO (Linux's minimum), 1460-byte segments.
    public init(latency: Distribution = .constant(0), jitter: SimDuration = .zero, bitsPerSecond: Double? = nil,
                lossRate: Double = 0, retransmissionTimeout: SimDuration = .milliseconds(200),
                maximumSegmentSize: Int = 1460) {
        self.latency = latency; self.jitter = jitter; self.bitsPerSecond = bitsPerSecond
        self.lossRate = lossRate; self.retransmissionTimeout = retransmissionTimeout
        self.maximumSegmentSize = maximumSegmentSize
    }

    /// A link with no delay at all.
    public static let ideal = LinkParameters()

    /// Checks every field; throws `SimulatorError` naming the bad one.
    public func validate() throws(SimulatorError) {
        try latency.validate()
        guard jitter.nanoseconds >= 0 else { throw SimulatorError(.invalidParameter, "jitter must be >= 0") }
        if let bps = bitsPerSecond, !(bps.isFinite && bps > 0) {
            throw SimulatorError(.invalidParameter, "bandwidth must be > 0 bits/s, got \(bps)")
        }
        guard lossRate >= 0, lossRate < 1 else { throw SimulatorError(.invalidParameter, "loss must be in [0, 1), got \(lossRate)") }
        guard retransmissionTimeout.nanoseconds > 0 else { throw SimulatorError(.invalidParameter, "retransmission timeout must be > 0") }
        guard maximumSegmentSize > 0 else { throw SimulatorError(.invalidParameter, "segment size must be > 0") }
    }
}

/// A change to some of a link's parameters at a scheduled time (fields left nil stay as they are).
public struct LinkChange: Sendable, Equatable {
    /// New latency distribution.
    public var latency: Distribution?
    /// New jitter.
    public var jitter: SimDuration?
    /// New bandwidth in bits per second (`.infinity`: remove the limit).
    public var bitsPerSecond: Double?
    /// New loss rate.
    public var lossRate: Double?

    /// A change of the given fields.
    public init(latency: Distribution? = nil, jitter: SimDuration? = nil, bitsPerSecond: Double? = nil, lossRate: Double? = nil) {
        self.latency = latency; self.jitter = jitter; self.bitsPerSecond = bitsPerSecond; self.lossRate = lossRate
    }

    /// `parameters` with this change applied.
    public func applied(to parameters: LinkParameters) -> LinkParameters {
        var p = parameters
        if let latency { p.latency = latency }
        if let jitter { p.jitter = jitter }
        if let bitsPerSecond { p.bitsPerSecond = bitsPerSecond == .infinity ? nil : bitsPerSecond }
        if let lossRate { p.lossRate = lossRate }
        return p
    }
}
