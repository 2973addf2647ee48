/// Records what the driver hands it: latency samples, counters, message sizes and crypto cost, by name.
///
/// The recorder knows no protocol: it stores named metrics in constant memory (HdrHistogram, 3 significant
/// digits) and computes a `MetricsSnapshot`. Latency samples are nanoseconds of simulated (or live) time
/// and must arrive in time order (`at` never decreases), as a discrete-event driver produces them.
///
/// Call order: any number of `record...`/`increment` calls, then `snapshot(end:)` (which may be called
/// more than once). A recorder belongs to one thread; it is a value, so copying it forks the record.
public struct MetricsRecorder: Sendable {
    /// The configuration the recorder was created with.
    public let configuration: MetricsConfiguration

    private struct Latency: Sendable {
        var histogram: ValueHistogram
        var series: IntervalSeries
    }
    private struct Counter: Sendable {
        var total: UInt64 = 0
        var byLabel: [String: UInt64] = [:]
    }
    private struct Crypto: Sendable {
        var count: UInt64 = 0
        var nanos: UInt64 = 0
    }

    private var latency: [String: Latency] = [:]
    private var counters: [String: Counter] = [:]
    private var sizes: [String: (histogram: ValueHistogram, total: UInt64)] = [:]
    private var links: [String: [String: TrafficBytes]] = [:]
    private var crypto: [String: [String: Crypto]] = [:]
    private var commitCrypto: [String: [String: Crypto]] = [:]
    private var cryptoCommits: UInt64 = 0
    private var lastAt: UInt64 = 0
    private var sawSample = false

    /// A recorder with nothing recorded; throws `invalidConfiguration` for an unusable configuration.
    public init(configuration: MetricsConfiguration = MetricsConfiguration()) throws {
        try configuration.validate()
        self.configuration = configuration
    }

    /// Records one latency sample of `metric` (a name ending in `_ms`, such as `commit.converge_ms`):
    /// `nanoseconds` long, completed at `at` nanoseconds of run time. `at` decides the time-series interval.
    ///
    /// Throws `invalidName`, `valueOutOfRange` (above `highestLatencyNanoseconds`) or `timeWentBackwards`;
    /// nothing is recorded when it throws.
    public mutating func recordLatency(_ metric: String, nanoseconds: UInt64, at: UInt64) throws {
        guard !sawSample || at >= lastAt else {
            throw MetricsError(.timeWentBackwards, "\(metric) sample at \(at) ns is earlier than the previous sample at \(lastAt) ns")
        }
        guard nanoseconds <= configuration.highestLatencyNanoseconds else {
            throw MetricsError(.valueOutOfRange, "\(metric) sample \(nanoseconds) ns is above the tracked maximum \(configuration.highestLatencyNanoseconds) ns")
        }
        // Looked up once (by index), not hashed again for each change.
        var index = latency.index(forKey: metric)
        if index == nil {
            try MetricName.validateLatency(metric)
            let highest = configuration.highestLatencyNanoseconds
            latency[metric] = Latency(histogram: ValueHistogram(highest: highest), series: IntervalSeries(highest: highest))
            index = latency.index(forKey: metric)
        }
        let interval = Int(at / configuration.intervalNanoseconds)
        _ = latency.values[index!].histogram.record(nanoseconds)
        latency.values[index!].series.record(nanoseconds, interval: interval)
        lastAt = at
        sawSample = true
    }

    /// Adds `amount` to `counter` (`commit.rejected`, `message.lost`, `fanout.retries`, ...), and to its
    /// `label` (a rejection reason) when given. `amount` 0 makes a counter appear in the results at 0.
    /// Throws `invalidName`; nothing is recorded when it throws (as for every `record...` call).
    public mutating func increment(_ counter: String, label: String? = nil, by amount: UInt64 = 1) throws {
        if counters[counter] == nil { try MetricName.validate(counter, as: "counter") }
        if let label, counters[counter]?.byLabel[label] == nil { try MetricName.validate(label, as: "counter label") }
        if counters[counter] == nil { counters[counter] = Counter() }
        if let label { counters[counter]!.byLabel[label, default: 0] &+= amount }
        counters[counter]!.total &+= amount
    }

    /// Records one message of `messageType` (commit, welcome, groupinfo, application, keypackage, ...)
    /// of `bytes` encoded bytes, sent over the link named `link` when given.
    ///
    /// Throws `invalidName` or `valueOutOfRange` (above `highestBytes`).
    public mutating func recordBytes(_ bytes: UInt64, messageType: String, link: String? = nil) throws {
        guard bytes <= configuration.highestBytes else {
            throw MetricsError(.valueOutOfRange, "\(messageType) message of \(bytes) bytes is above the tracked maximum \(configuration.highestBytes)")
        }
        var index = sizes.index(forKey: messageType)   // looked up once, not hashed again for each change
        if index == nil { try MetricName.validate(messageType, as: "message type") }
        if let link, links[link] == nil { try MetricName.validate(link, as: "link") }
        if index == nil {
            sizes[messageType] = (ValueHistogram(highest: configuration.highestBytes), 0)
            index = sizes.index(forKey: messageType)
        }
        if let link, links[link] == nil { links[link] = [:] }
        _ = sizes.values[index!].histogram.record(bytes)
        sizes.values[index!].total &+= bytes
        if let link {
            links[link]![messageType, default: TrafficBytes(count: 0, totalBytes: 0)].count &+= 1
            links[link]![messageType]!.totalBytes &+= bytes
        }
    }

    /// Adds `count` calls of a crypto `primitive` (sign, hpke.seal, ...) that took `cpuNanoseconds` of CPU
    /// time in total, made by an actor in `role` (committer, member, hub, follower, ...).
    public mutating func recordCrypto(primitive: String, role: String, count: UInt64, cpuNanoseconds: UInt64) throws {
        if crypto[primitive] == nil { try MetricName.validate(primitive, as: "primitive") }
        if crypto[primitive]?[role] == nil { try MetricName.validate(role, as: "role") }
        crypto[primitive, default: [:]][role, default: Crypto()].count &+= 0
        crypto[primitive]![role]!.count &+= count
        crypto[primitive]![role]!.nanos &+= cpuNanoseconds
    }

    /// Adds one accepted commit's crypto: the calls each role made for it, per primitive, and their CPU time
    /// (what the snapshot averages per commit). Throws `invalidName`; nothing is recorded when it throws.
    public mutating func recordCommitCrypto(_ rows: [(primitive: String, role: String, count: UInt64, cpuNanoseconds: UInt64)]) throws {
        for row in rows {
            try MetricName.validate(row.primitive, as: "primitive")
            try MetricName.validate(row.role, as: "role")
        }
        cryptoCommits &+= 1
        for row in rows {
            commitCrypto[row.primitive, default: [:]][row.role, default: Crypto()].count &+= row.count
            commitCrypto[row.primitive]![row.role]!.nanos &+= row.cpuNanoseconds
        }
    }

    /// Everything recorded so far, computed and sorted. `end` (nanoseconds of run time) extends the time
    /// series to cover [0, end) even when the last samples came earlier.
    public func snapshot(end: UInt64? = nil) -> MetricsSnapshot {
        let width = configuration.intervalNanoseconds
        let widthS = Double(width) / 1e9
        var intervals = sawSample ? Int(lastAt / width) + 1 : 0
        if let end { intervals = Swift.max(intervals, Int((end / width) + (end % width == 0 ? 0 : 1))) }

        let names = latency.keys.sorted()
        var latencyStats: [String: LatencyStats] = [:]
        var cdfs: [LatencyCDF] = []
        for name in names {
            let h = latency[name]!.histogram
            latencyStats[name] = LatencyStats(
                count: h.count, min: Self.ms(h.min), mean: h.mean / 1e6, p50: Self.ms(h.value(atPercentile: 50)),
                p90: Self.ms(h.value(atPercentile: 90)), p99: Self.ms(h.value(atPercentile: 99)),
                p99_9: Self.ms(h.value(atPercentile: 99.9)), max: Self.ms(h.max))
            cdfs.append(LatencyCDF(metric: name, points: h.cdf().map { .init(percentile: $0.percentile, valueMs: Self.ms($0.value)) }))
        }

        var rows: [TimeSeriesRow] = []
        rows.reserveCapacity(intervals * names.count)
        var perMetric: [[IntervalSeries.Closed]] = names.map { latency[$0]!.series.all }
        var cursor = [Int](repeating: 0, count: names.count)
        for i in 0..<intervals {
            for (m, name) in names.enumerated() {
                if cursor[m] < perMetric[m].count, perMetric[m][cursor[m]].interval == i {
                    let c = perMetric[m][cursor[m]]
                    rows.append(TimeSeriesRow(interval: i, metric: name, count: c.count, p50Ms: Self.ms(c.p50), p99Ms: Self.ms(c.p99)))
                    cursor[m] += 1
                } else {
                    rows.append(TimeSeriesRow(interval: i, metric: name, count: 0, p50Ms: nil, p99Ms: nil))
                }
            }
        }
        perMetric.removeAll()

        var rates: [String: RateStats] = [:]
        for rate in configuration.rates {
            let series = latency[rate.source]?.series.all ?? []
            let total = series.reduce(UInt64(0)) { $0 + $1.count }
            let peak = series.map(\.count).max() ?? 0
            rates[rate.name] = RateStats(mean: intervals == 0 ? 0 : Double(total) / (Double(intervals) * widthS),
                                         max: Double(peak) / widthS)
        }

        var sizeStats: [String: SizeStats] = [:]
        for (type, entry) in sizes {
            let h = entry.histogram
            sizeStats[type] = SizeStats(count: h.count, total: entry.total, min: h.min, mean: h.mean,
                                        p50: h.value(atPercentile: 50), p90: h.value(atPercentile: 90),
                                        p99: h.value(atPercentile: 99), max: h.max)
        }
        var linkBytes: [String: LinkBytes] = [:]
        for (link, byType) in links {
            linkBytes[link] = LinkBytes(count: byType.values.reduce(0) { $0 &+ $1.count },
                                        totalBytes: byType.values.reduce(0) { $0 &+ $1.totalBytes }, byType: byType)
        }
        var cost: [String: PrimitiveCost] = [:]
        for (primitive, byRole) in crypto {
            let roles = byRole.mapValues { CryptoCost(count: $0.count, cpuUs: Double($0.nanos) / 1e3) }
            let count = byRole.values.reduce(UInt64(0)) { $0 &+ $1.count }
            let nanos = byRole.values.reduce(UInt64(0)) { $0 &+ $1.nanos }
            cost[primitive] = PrimitiveCost(total: CryptoCost(count: count, cpuUs: Double(nanos) / 1e3), byRole: roles)
        }
        if cryptoCommits > 0 {
            let n = Double(cryptoCommits)
            for primitive in cost.keys where commitCrypto[primitive] == nil { cost[primitive]!.perCommit = ["*": CommitCryptoCost(count: 0, cpuUs: 0)] }
            for (primitive, byRole) in commitCrypto {
                var perCommit = byRole.mapValues { CommitCryptoCost(count: Double($0.count) / n, cpuUs: Double($0.nanos) / 1e3 / n) }
                perCommit["*"] = CommitCryptoCost(count: Double(byRole.values.reduce(UInt64(0)) { $0 &+ $1.count }) / n,
                                                  cpuUs: Double(byRole.values.reduce(UInt64(0)) { $0 &+ $1.nanos }) / 1e3 / n)
                cost[primitive, default: PrimitiveCost(total: CryptoCost(count: 0, cpuUs: 0), byRole: [:])].perCommit = perCommit
            }
        }

        let summary = MetricsSummary(
            latency: latencyStats,
            counters: counters.mapValues { CounterSummary(total: $0.total, byLabel: $0.byLabel) },
            bytes: BytesSummary(byType: sizeStats, byLink: linkBytes),
            crypto: cost, rates: rates, intervals: intervals, intervalS: widthS)
        return MetricsSnapshot(summary: summary, cdfs: cdfs, timeSeries: rows,
                               rates: configuration.rates.sorted { $0.name < $1.name })
    }

    /// Nanoseconds to milliseconds.
    private static func ms(_ ns: UInt64) -> Double { Double(ns) / 1e6 }
}
