/// How a `MetricsRecorder` buckets and bounds what it records.
public struct MetricsConfiguration: Sendable, Equatable {
    /// A per-interval rate derived from the sample count of one latency metric.
    public struct Rate: Sendable, Equatable {
        /// The rate's name, unit included (`fanout.deliveries_per_s`).
        public var name: String
        /// The latency metric whose samples are counted (`message.deliver_ms`).
        public var source: String

        /// Creates a rate named `name` counting samples of `source`.
        public init(name: String, source: String) {
            self.name = name; self.source = source
        }
    }

    /// Width of one time-series interval in nanoseconds (default: one second).
    public var intervalNanoseconds: UInt64
    /// Largest latency a histogram tracks, in nanoseconds (default: 24 hours); larger samples are an error.
    public var highestLatencyNanoseconds: UInt64
    /// Largest message size a histogram tracks, in bytes (default: 4 GiB).
    public var highestBytes: UInt64
    /// Rates reported per interval and summarised (mean, max) in `summary.json`.
    public var rates: [Rate]

    /// The rates of the design's metric definitions: decrypted deliveries and accepted commits per second.
    public static let defaultRates: [Rate] = [
        Rate(name: "fanout.deliveries_per_s", source: "message.deliver_ms"),
        Rate(name: "commit.accepted_per_s", source: "commit.accept_ms"),
    ]

    /// Creates a configuration.
    public init(intervalNanoseconds: UInt64 = 1_000_000_000,
                highestLatencyNanoseconds: UInt64 = 86_400 * 1_000_000_000,
                highestBytes: UInt64 = 1 << 32,
                rates: [Rate] = MetricsConfiguration.defaultRates) {
        self.intervalNanoseconds = intervalNanoseconds
        self.highestLatencyNanoseconds = highestLatencyNanoseconds
        self.highestBytes = highestBytes
        self.rates = rates
    }

    /// Throws `invalidConfiguration` when a bound is unusable or a rate is misnamed or named twice.
    func validate() throws {
        guard intervalNanoseconds > 0 else {
            throw MetricsError(.invalidConfiguration, "intervalNanoseconds must be > 0")
        }
        guard highestLatencyNanoseconds >= 2, highestBytes >= 2 else {
            throw MetricsError(.invalidConfiguration, "histogram bounds must be >= 2")
        }
        var seen: [String] = []
        for rate in rates {
            try MetricName.validate(rate.name, as: "rate")
            try MetricName.validateLatency(rate.source)
            guard rate.name.hasSuffix("_per_s") else {
                throw MetricsError(.invalidConfiguration, "rate '\(rate.name)' must end in '_per_s'")
            }
            guard !seen.contains(rate.name) else {
                throw MetricsError(.invalidConfiguration, "rate '\(rate.name)' is defined twice")
            }
            seen.append(rate.name)
        }
    }
}
