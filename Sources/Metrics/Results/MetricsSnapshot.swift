/// The cumulative distribution of one latency metric, sampled at fixed percentiles.
public struct LatencyCDF: Sendable, Equatable {
    /// One point: `percentile` % of samples are at or below `valueMs`.
    public struct Point: Sendable, Equatable {
        /// 0 ... 100.
        public var percentile: Double
        /// Milliseconds.
        public var valueMs: Double

        /// Creates a point.
        public init(percentile: Double, valueMs: Double) { self.percentile = percentile; self.valueMs = valueMs }
    }

    /// The latency metric.
    public var metric: String
    /// Points in increasing percentile order (every 1% to 99%, then finer up to 100%).
    public var points: [Point]

    /// Creates a CDF.
    public init(metric: String, points: [Point]) { self.metric = metric; self.points = points }
}

/// One latency metric during one time-series interval.
public struct TimeSeriesRow: Sendable, Equatable {
    /// Interval index: the interval covers [index * width, (index + 1) * width) of simulated time.
    public var interval: Int
    /// The latency metric.
    public var metric: String
    /// Samples that completed in the interval.
    public var count: UInt64
    /// Median of those samples in milliseconds, nil when there were none.
    public var p50Ms: Double?
    /// 99th percentile in milliseconds, nil when there were none.
    public var p99Ms: Double?

    /// Creates a row.
    public init(interval: Int, metric: String, count: UInt64, p50Ms: Double?, p99Ms: Double?) {
        self.interval = interval; self.metric = metric; self.count = count; self.p50Ms = p50Ms; self.p99Ms = p99Ms
    }
}

/// Everything a recorder holds, computed: the summary's metrics plus the CDFs and time series that the
/// CSV files and the report draw. Arrays are sorted (by metric name; time series by interval, then metric).
public struct MetricsSnapshot: Sendable, Equatable {
    /// The metrics written to `summary.json`.
    public var summary: MetricsSummary
    /// One CDF per latency metric, sorted by name.
    public var cdfs: [LatencyCDF]
    /// Every (interval, latency metric) pair from interval 0 to the last, sorted by interval then metric.
    public var timeSeries: [TimeSeriesRow]
    /// The configured rates (name, source latency metric), sorted by name.
    public var rates: [MetricsConfiguration.Rate]

    /// Creates a snapshot.
    public init(summary: MetricsSummary, cdfs: [LatencyCDF], timeSeries: [TimeSeriesRow], rates: [MetricsConfiguration.Rate]) {
        self.summary = summary; self.cdfs = cdfs; self.timeSeries = timeSeries; self.rates = rates
    }

    /// The time-series rows of one latency metric, in interval order.
    public func series(of metric: String) -> [TimeSeriesRow] {
        timeSeries.filter { $0.metric == metric }
    }
}
