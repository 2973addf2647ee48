/// Flattens a summary's metrics into `path -> number`, the names objectives and `compare` use:
///
/// | family | paths |
/// |---|---|
/// | latency | `<metric>.<count|min|mean|p50|p90|p99|p99.9|max>` (`commit.converge_ms.p99`) |
/// | counters | `<counter>` (total), `<counter>.<label>` (`commit.rejected.wrongEpoch`) |
/// | bytes by type | `<type>.bytes.<count|total|min|mean|p50|p90|p99|max>` (`commit.bytes.p99`) |
/// | bytes by link | `link.<link>.bytes.<count|total>`, `link.<link>.<type>.bytes.<count|total>` |
/// | crypto | `crypto.<primitive>.<count|cpu_us>`, `crypto.<primitive>.<role>.<count|cpu_us>`, `crypto.<primitive>.<role or *>.<count|cpu_us>_per_commit` |
/// | rates | `<rate>.<mean|max>` (`fanout.deliveries_per_s.max`) |
/// | checks | `check.<name>.passed` (1 or 0) |
public enum MetricPaths {
    /// Every path of `summary` with its value; throws `duplicateMetric` when two metrics share a path.
    public static func flatten(_ summary: RunSummary) throws -> [String: Double] {
        var out: [String: Double] = [:]
        func put(_ path: String, _ value: Double) throws {
            guard out.updateValue(value, forKey: path) == nil else {
                throw MetricsError(.duplicateMetric, "two metrics flatten to the path '\(path)'; rename one of them")
            }
        }
        let m = summary.metrics
        for (name, s) in m.latency.sorted(by: { $0.key < $1.key }) {
            for f in s.fields { try put("\(name).\(f.name)", f.value) }
        }
        for (name, c) in m.counters.sorted(by: { $0.key < $1.key }) {
            try put(name, Double(c.total))
            for (label, v) in c.byLabel.sorted(by: { $0.key < $1.key }) { try put("\(name).\(label)", Double(v)) }
        }
        for (type, s) in m.bytes.byType.sorted(by: { $0.key < $1.key }) {
            for f in s.fields { try put("\(type).bytes.\(f.name)", f.value) }
        }
        for (link, l) in m.bytes.byLink.sorted(by: { $0.key < $1.key }) {
            try put("link.\(link).bytes.count", Double(l.count))
            try put("link.\(link).bytes.total", Double(l.totalBytes))
            for (type, t) in l.byType.sorted(by: { $0.key < $1.key }) {
                try put("link.\(link).\(type).bytes.count", Double(t.count))
                try put("link.\(link).\(type).bytes.total", Double(t.totalBytes))
            }
        }
        for (primitive, p) in m.crypto.sorted(by: { $0.key < $1.key }) {
            try put("crypto.\(primitive).count", Double(p.total.count))
            try put("crypto.\(primitive).cpu_us", p.total.cpuUs)
            for (role, c) in p.byRole.sorted(by: { $0.key < $1.key }) {
                try put("crypto.\(primitive).\(role).count", Double(c.count))
                try put("crypto.\(primitive).\(role).cpu_us", c.cpuUs)
            }
            for (role, c) in (p.perCommit ?? [:]).sorted(by: { $0.key < $1.key }) {
                try put("crypto.\(primitive).\(role).count_per_commit", c.count)
                try put("crypto.\(primitive).\(role).cpu_us_per_commit", c.cpuUs)
            }
        }
        for (name, r) in m.rates.sorted(by: { $0.key < $1.key }) {
            try put("\(name).mean", r.mean)
            try put("\(name).max", r.max)
        }
        for (name, c) in summary.checks.sorted(by: { $0.key < $1.key }) {
            try put("check.\(name).passed", c.passed ? 1 : 0)
        }
        return out
    }
}
