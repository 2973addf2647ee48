/// Distribution of one latency metric, in milliseconds (samples are recorded in nanoseconds).
///
/// Percentiles come from an HdrHistogram with 3 significant digits; `min` and `max` are exact.
public struct LatencyStats: Codable, Sendable, Equatable {
    /// Number of samples.
    public var count: UInt64
    /// Smallest sample.
    public var min: Double
    /// Mean at histogram resolution.
    public var mean: Double
    /// Median.
    public var p50: Double
    /// 90th percentile.
    public var p90: Double
    /// 99th percentile.
    public var p99: Double
    /// 99.9th percentile.
    public var p99_9: Double
    /// Largest sample.
    public var max: Double

    /// Creates statistics from their values.
    public init(count: UInt64, min: Double, mean: Double, p50: Double, p90: Double, p99: Double, p99_9: Double, max: Double) {
        self.count = count; self.min = min; self.mean = mean
        self.p50 = p50; self.p90 = p90; self.p99 = p99; self.p99_9 = p99_9; self.max = max
    }

    enum CodingKeys: String, CodingKey {
        case count, min, mean, p50, p90, p99, p99_9 = "p99.9", max
    }

    /// (stat name, value) in report order: count, min, mean, p50, p90, p99, p99.9, max.
    public var fields: [(name: String, value: Double)] {
        [("count", Double(count)), ("min", min), ("mean", mean), ("p50", p50), ("p90", p90),
         ("p99", p99), ("p99.9", p99_9), ("max", max)]
    }
}

/// Distribution of the encoded sizes of one message type, in bytes.
public struct SizeStats: Codable, Sendable, Equatable {
    /// Number of messages.
    public var count: UInt64
    /// Sum of all sizes.
    public var total: UInt64
    /// Smallest size.
    public var min: UInt64
    /// Mean size at histogram resolution.
    public var mean: Double
    /// Median size.
    public var p50: UInt64
    /// 90th percentile.
    public var p90: UInt64
    /// 99th percentile.
    public var p99: UInt64
    /// Largest size.
    public var max: UInt64

    /// Creates statistics from their values.
    public init(count: UInt64, total: UInt64, min: UInt64, mean: Double, p50: UInt64, p90: UInt64, p99: UInt64, max: UInt64) {
        self.count = count; self.total = total; self.min = min; self.mean = mean
        self.p50 = p50; self.p90 = p90; self.p99 = p99; self.max = max
    }

    /// (stat name, value) in report order: count, total, min, mean, p50, p90, p99, max.
    public var fields: [(name: String, value: Double)] {
        [("count", Double(count)), ("total", Double(total)), ("min", Double(min)), ("mean", mean),
         ("p50", Double(p50)), ("p90", Double(p90)), ("p99", Double(p99)), ("max", Double(max))]
    }
}

/// Message count and bytes of one message type on one link.
public struct TrafficBytes: Codable, Sendable, Equatable {
    /// Number of messages.
    public var count: UInt64
    /// Sum of their sizes.
    public var totalBytes: UInt64

    /// Creates a total.
    public init(count: UInt64, totalBytes: UInt64) { self.count = count; self.totalBytes = totalBytes }

    enum CodingKeys: String, CodingKey { case count, totalBytes = "total_bytes" }
}

/// Everything sent over one named link.
public struct LinkBytes: Codable, Sendable, Equatable {
    /// Number of messages.
    public var count: UInt64
    /// Sum of their sizes.
    public var totalBytes: UInt64
    /// The same, per message type.
    public var byType: [String: TrafficBytes]

    /// Creates a link total.
    public init(count: UInt64, totalBytes: UInt64, byType: [String: TrafficBytes]) {
        self.count = count; self.totalBytes = totalBytes; self.byType = byType
    }

    enum CodingKeys: String, CodingKey { case count, totalBytes = "total_bytes", byType = "by_type" }
}

/// Byte sizes per message type and per link.
public struct BytesSummary: Codable, Sendable, Equatable {
    /// Size distribution per message type (commit, welcome, groupinfo, application, keypackage, ...).
    public var byType: [String: SizeStats]
    /// Totals per link name.
    public var byLink: [String: LinkBytes]

    /// Creates a bytes summary.
    public init(byType: [String: SizeStats], byLink: [String: LinkBytes]) { self.byType = byType; self.byLink = byLink }

    enum CodingKeys: String, CodingKey { case byType = "by_type", byLink = "by_link" }
}

/// A counter's total and its split by label (`commit.rejected` by reason).
public struct CounterSummary: Codable, Sendable, Equatable {
    /// Sum over all labels (and unlabelled increments).
    public var total: UInt64
    /// Per label; unlabelled increments count only in `total`.
    public var byLabel: [String: UInt64]

    /// Creates a counter summary.
    public init(total: UInt64, byLabel: [String: UInt64]) { self.total = total; self.byLabel = byLabel }

    enum CodingKeys: String, CodingKey { case total, byLabel = "by_label" }
}

/// Calls of one crypto primitive and their CPU time.
public struct CryptoCost: Codable, Sendable, Equatable {
    /// Number of calls.
    public var count: UInt64
    /// CPU time in microseconds.
    public var cpuUs: Double

    /// Creates a cost.
    public init(count: UInt64, cpuUs: Double) { self.count = count; self.cpuUs = cpuUs }

    enum CodingKeys: String, CodingKey { case count, cpuUs = "cpu_us" }
}

/// Mean calls of one crypto primitive, and their mean CPU time, spent on one accepted commit.
public struct CommitCryptoCost: Codable, Sendable, Equatable {
    /// Mean number of calls per commit.
    public var count: Double
    /// Mean CPU time per commit in microseconds.
    public var cpuUs: Double

    /// Creates a per-commit cost.
    public init(count: Double, cpuUs: Double) { self.count = count; self.cpuUs = cpuUs }

    enum CodingKeys: String, CodingKey { case count, cpuUs = "cpu_us" }
}

/// One primitive's cost over all roles and per role (committer, member, hub, follower, ...), per run and,
/// when the driver accounted commits, per accepted commit.
public struct PrimitiveCost: Codable, Sendable, Equatable {
    /// Sum over roles.
    public var total: CryptoCost
    /// Per role.
    public var byRole: [String: CryptoCost]
    /// Mean per accepted commit, per role and `*` (all roles); nil when no commit was accounted.
    public var perCommit: [String: CommitCryptoCost]?

    /// Creates a primitive cost.
    public init(total: CryptoCost, byRole: [String: CryptoCost], perCommit: [String: CommitCryptoCost]? = nil) {
        self.total = total; self.byRole = byRole; self.perCommit = perCommit
    }

    enum CodingKeys: String, CodingKey { case total, byRole = "by_role", perCommit = "per_commit" }
}

/// A per-interval rate over the run (`fanout.deliveries_per_s`).
public struct RateStats: Codable, Sendable, Equatable {
    /// Mean over all intervals of the run, per second.
    public var mean: Double
    /// Highest interval, per second.
    public var max: Double

    /// Creates rate statistics.
    public init(mean: Double, max: Double) { self.mean = mean; self.max = max }
}

/// Every metric of a run, as written under `metrics` in `summary.json`.
public struct MetricsSummary: Codable, Sendable, Equatable {
    /// Latency distributions by metric name (milliseconds).
    public var latency: [String: LatencyStats]
    /// Counters by name.
    public var counters: [String: CounterSummary]
    /// Byte sizes by message type and by link.
    public var bytes: BytesSummary
    /// Crypto cost by primitive name.
    public var crypto: [String: PrimitiveCost]
    /// Rates by name.
    public var rates: [String: RateStats]
    /// Number of time-series intervals the run covered.
    public var intervals: Int
    /// Width of one interval in seconds.
    public var intervalS: Double

    /// Creates a metrics summary.
    public init(latency: [String: LatencyStats], counters: [String: CounterSummary], bytes: BytesSummary,
                crypto: [String: PrimitiveCost], rates: [String: RateStats], intervals: Int, intervalS: Double) {
        self.latency = latency; self.counters = counters; self.bytes = bytes; self.crypto = crypto
        self.rates = rates; self.intervals = intervals; self.intervalS = intervalS
    }

    enum CodingKeys: String, CodingKey {
        case latency, counters, bytes, crypto, rates, intervals, intervalS = "interval_s"
    }
}
