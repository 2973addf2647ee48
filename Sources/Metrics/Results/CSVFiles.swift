/// The CSV files of a results folder, one per metric family. Rows are sorted; `*` in a name column means
/// "all" (a total row).
enum CSVFiles {
    private static func n(_ v: Double) -> String { NumberFormat.plain(v) }
    private static func n(_ v: UInt64) -> String { String(v) }

    /// `latency.csv`: one row per latency metric, milliseconds.
    static func latency(_ m: MetricsSummary) -> CSVTable {
        var t = CSVTable(["metric", "count", "min_ms", "mean_ms", "p50_ms", "p90_ms", "p99_ms", "p99.9_ms", "max_ms"])
        for (name, s) in m.latency.sorted(by: { $0.key < $1.key }) {
            t.append([name, n(s.count), n(s.min), n(s.mean), n(s.p50), n(s.p90), n(s.p99), n(s.p99_9), n(s.max)])
        }
        return t
    }

    /// `latency_cdf.csv`: the CDF points of each latency metric.
    static func latencyCDF(_ cdfs: [LatencyCDF]) -> CSVTable {
        var t = CSVTable(["metric", "percentile", "value_ms"])
        for cdf in cdfs { for p in cdf.points { t.append([cdf.metric, n(p.percentile), n(p.valueMs)]) } }
        return t
    }

    /// `timeseries.csv`: per interval and latency metric, the count, rate and p50/p99 (empty when no samples).
    static func timeSeries(_ rows: [TimeSeriesRow], intervalS: Double) -> CSVTable {
        var t = CSVTable(["interval", "start_s", "metric", "count", "per_s", "p50_ms", "p99_ms"])
        for r in rows {
            t.append([String(r.interval), n(Double(r.interval) * intervalS), r.metric, n(r.count),
                      n(Double(r.count) / intervalS), r.p50Ms.map(n) ?? "", r.p99Ms.map(n) ?? ""])
        }
        return t
    }

    /// `bytes.csv`: per message type over all links (link `*`, with size distribution), then per link and
    /// type, with a `*` type row for the link's total. Distribution columns are empty on link rows.
    static func bytes(_ m: MetricsSummary) -> CSVTable {
        var t = CSVTable(["link", "message_type", "count", "total_bytes", "min_bytes", "mean_bytes",
                          "p50_bytes", "p90_bytes", "p99_bytes", "max_bytes"])
        for (type, s) in m.bytes.byType.sorted(by: { $0.key < $1.key }) {
            t.append(["*", type, n(s.count), n(s.total), n(s.min), n(s.mean), n(s.p50), n(s.p90), n(s.p99), n(s.max)])
        }
        let empty = [String](repeating: "", count: 6)
        for (link, l) in m.bytes.byLink.sorted(by: { $0.key < $1.key }) {
            t.append([link, "*", n(l.count), n(l.totalBytes)] + empty)
            for (type, b) in l.byType.sorted(by: { $0.key < $1.key }) {
                t.append([link, type, n(b.count), n(b.totalBytes)] + empty)
            }
        }
        return t
    }

    /// `crypto.csv`: per primitive, a `*` role row (all roles) then one row per role: calls and CPU time per
    /// run, and their means per accepted commit (empty when no commit was accounted).
    static func crypto(_ m: MetricsSummary) -> CSVTable {
        var t = CSVTable(["primitive", "role", "count", "cpu_us", "count_per_commit", "cpu_us_per_commit"])
        for (primitive, p) in m.crypto.sorted(by: { $0.key < $1.key }) {
            func perCommit(_ role: String) -> [String] {
                guard let c = p.perCommit?[role] else { return p.perCommit == nil ? ["", ""] : ["0", "0"] }
                return [n(c.count), n(c.cpuUs)]
            }
            t.append([primitive, "*", n(p.total.count), n(p.total.cpuUs)] + perCommit("*"))
            for (role, c) in p.byRole.sorted(by: { $0.key < $1.key }) { t.append([primitive, role, n(c.count), n(c.cpuUs)] + perCommit(role)) }
        }
        return t
    }

    /// `counters.csv`: per counter, a `*` label row (the total) then one row per label.
    static func counters(_ m: MetricsSummary) -> CSVTable {
        var t = CSVTable(["counter", "label", "value"])
        for (name, c) in m.counters.sorted(by: { $0.key < $1.key }) {
            t.append([name, "*", n(c.total)])
            for (label, v) in c.byLabel.sorted(by: { $0.key < $1.key }) { t.append([name, label, n(v)]) }
        }
        return t
    }
}
