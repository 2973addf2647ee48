/// The page `mimisim sweep` writes: one table and one chart per headline metric family against the swept
/// parameter (self-contained HTML with inline SVG, like `report.html`).
public enum SweepReport {
    /// One run of the sweep: the parameter value (as text and as a number for the x axis) and its metric paths.
    public struct Point: Sendable {
        /// The value as given (`8`, `b.example`).
        public var label: String
        /// Its position on the x axis (the number, or the index for non-numeric values).
        public var x: Double
        /// Flattened metric paths of the run's summary.
        public var metrics: [String: Double]
        /// Creates a point.
        public init(label: String, x: Double, metrics: [String: Double]) { self.label = label; self.x = x; self.metrics = metrics }
    }

    /// The headline metrics: each latency's p50 and p99, and the delivery rate.
    public static let headline = ["commit.accept_ms", "commit.converge_ms", "message.deliver_ms", "message.last_deliver_ms"]

    /// A markdown table of every headline statistic per point.
    public static func markdown(parameter: String, points: [Point]) -> String {
        let columns = headline.flatMap { ["\($0).p50", "\($0).p99"] } + ["fanout.deliveries_per_s.mean"]
        var lines = ["| \(parameter) | " + columns.joined(separator: " | ") + " |",
                     "|---|" + String(repeating: "---:|", count: columns.count)]
        for p in points {
            lines.append("| \(p.label) | " + columns.map { c in p.metrics[c].map { NumberFormat.short($0) } ?? "-" }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The HTML page: the table and two charts (latency p50/p99 on a log scale, delivery rate).
    public static func html(title: String, parameter: String, numeric: Bool, points: [Point]) -> String {
        var latency: [LineChart.Series] = []
        for (i, m) in headline.enumerated() {
            for (stat, dashed) in [("p50", false), ("p99", true)] {
                let pts = points.compactMap { p in p.metrics["\(m).\(stat)"].map { (x: p.x, y: $0) } }.filter { $0.y > 0 }
                latency.append(LineChart.Series(name: "\(m) \(stat)", color: ReportStyle.color(i), dashed: dashed, points: pts))
            }
        }
        let rate = LineChart.Series(name: "fanout.deliveries_per_s mean", color: ReportStyle.color(4),
                                    points: points.compactMap { p in p.metrics["fanout.deliveries_per_s.mean"].map { (x: p.x, y: $0) } })
        let xLabel = numeric ? parameter : "\(parameter) (\(points.map(\.label).joined(separator: ", ")))"
        let charts = [
            LineChart(title: "Latency against \(parameter)", xLabel: xLabel, yLabel: "latency (ms, log scale)",
                      xKind: numeric && points.allSatisfy({ $0.x > 0 }) && points.count > 2 ? .log : .linear, yKind: .log,
                      yIncludesZero: false, series: latency).render(),
            LineChart(title: "Deliveries per second against \(parameter)", xLabel: xLabel, yLabel: "per second",
                      xKind: numeric && points.allSatisfy({ $0.x > 0 }) && points.count > 2 ? .log : .linear, series: [rate]).render(),
        ]
        var rows = ""
        for p in points {
            rows += "<tr><td class=\"l\">\(p.label)</td>" + headline.flatMap { m in ["p50", "p99"].map { s in
                "<td>\(p.metrics["\(m).\(s)"].map { NumberFormat.short($0) } ?? "-")</td>" } }.joined() + "</tr>\n"
        }
        let header = "<tr><th class=\"l\">\(parameter)</th>" + headline.flatMap { m in ["p50", "p99"].map { "<th>\(m) \($0)</th>" } }.joined() + "</tr>"
        return """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>\(title)</title><style>\(ReportStyle.css)</style></head><body>
        <h1>\(title)</h1><p class="muted">One run per value; every number is reproducible from the seed.</p>
        <table>\(header)\n\(rows)</table>
        \(charts.map { "<figure>\($0)</figure>" }.joined(separator: "\n"))
        </body></html>
        """
    }
}
