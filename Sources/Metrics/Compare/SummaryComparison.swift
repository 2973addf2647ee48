/// Two summaries side by side: every metric path's base and new value, and which `--fail-if`
/// thresholds were crossed. `exitCode` is 0 when none was, 1 otherwise.
public struct SummaryComparison: Sendable {
    /// One metric path in either summary.
    public struct Row: Sendable, Equatable {
        /// Metric path.
        public var metric: String
        /// Value in the base summary, nil when absent there.
        public var base: Double?
        /// Value in the new summary, nil when absent there.
        public var new: Double?

        /// new - base, nil when either is absent.
        public var difference: Double? {
            guard let base, let new else { return nil }
            return new - base
        }
        /// Relative change in percent (see `Threshold.relativeChange`), nil when either is absent.
        public var relative: Double? {
            guard let base, let new else { return nil }
            return Threshold.relativeChange(base: base, new: new)
        }
    }

    /// A crossed threshold.
    public struct Violation: Sendable, Equatable {
        /// The threshold.
        public var threshold: Threshold
        /// The base value.
        public var base: Double
        /// The new value.
        public var new: Double
    }

    /// Every metric path of either summary, sorted by path.
    public let rows: [Row]
    /// Thresholds crossed, in the order they were given.
    public let violations: [Violation]

    /// 0 when no threshold was crossed, 1 otherwise.
    public var exitCode: Int32 { violations.isEmpty ? 0 : 1 }

    /// Compares `base` with `new` and judges `thresholds`; throws `unknownMetric` when a threshold names a
    /// path missing from either summary, and `duplicateMetric` when a summary has two metrics on one path.
    public init(base: RunSummary, new: RunSummary, thresholds: [Threshold] = []) throws {
        let b = try MetricPaths.flatten(base), n = try MetricPaths.flatten(new)
        rows = Set(b.keys).union(n.keys).sorted().map { Row(metric: $0, base: b[$0], new: n[$0]) }
        var violations: [Violation] = []
        for t in thresholds {
            for (side, values) in [("base", b), ("new", n)] where values[t.metric] == nil {
                let near = Self.similar(to: t.metric, in: values.keys)
                throw MetricsError(.unknownMetric, "--fail-if '\(t)': metric '\(t.metric)' does not exist in the \(side) summary"
                                   + (near.isEmpty ? "" : "; similar: \(near.joined(separator: ", "))"))
            }
            if t.isCrossed(base: b[t.metric]!, new: n[t.metric]!) {
                violations.append(Violation(threshold: t, base: b[t.metric]!, new: n[t.metric]!))
            }
        }
        self.violations = violations
    }

    /// Up to 8 paths sharing the longest dotted prefix with `path`.
    static func similar(to path: String, in paths: Dictionary<String, Double>.Keys) -> [String] {
        var parts = path.split(separator: ".").map(String.init)
        while !parts.isEmpty {
            parts.removeLast()
            let prefix = parts.joined(separator: ".") + "."
            let hits = paths.filter { $0.hasPrefix(prefix) }.sorted()
            if !hits.isEmpty && !parts.isEmpty { return Array(hits.prefix(8)) }
        }
        return []
    }

    /// The comparison as a markdown table (`| metric | base | new | diff | rel |`), then one line per
    /// crossed threshold. `changedOnly` leaves out rows whose values are equal.
    public func markdown(changedOnly: Bool = false) -> String {
        func num(_ v: Double?) -> String { v.map { NumberFormat.plain($0) } ?? "—" }
        func signed(_ v: Double?) -> String {
            guard let v else { return "—" }
            return v > 0 ? "+" + NumberFormat.plain(v) : NumberFormat.plain(v)
        }
        func percent(_ v: Double?) -> String {
            guard let v else { return "—" }
            guard v.isFinite else { return v > 0 ? "+inf%" : "-inf%" }
            return (v > 0 ? "+" : "") + NumberFormat.plain(v, decimals: 2) + "%"
        }
        var lines = ["| metric | base | new | diff | rel |", "|---|---:|---:|---:|---:|"]
        for r in rows where !(changedOnly && r.base == r.new) {
            lines.append("| \(r.metric) | \(num(r.base)) | \(num(r.new)) | \(signed(r.difference)) | \(percent(r.relative)) |")
        }
        if changedOnly && lines.count == 2 { lines.append("| (no differences) | | | | |") }
        var out = lines.joined(separator: "\n") + "\n"
        if !violations.isEmpty {
            out += "\n"
            for v in violations {
                let t = v.threshold
                let observed = t.observed(base: v.base, new: v.new)
                let shown: String
                switch t.amount {
                case .percent: shown = "change " + percent(observed)
                case .change: shown = "change " + signed(observed)
                case .level: shown = "value " + num(observed)
                }
                out += "FAIL \(t): base \(num(v.base)), new \(num(v.new)), \(shown)\n"
            }
        }
        return out
    }
}
