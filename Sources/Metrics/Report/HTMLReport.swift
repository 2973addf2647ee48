/// Renders `report.html`: one self-contained page (inline CSS and SVG, no scripts, no external resources)
/// with the run's facts, headline latency table, objectives, checks, five charts, counters, bytes per link
/// and, last and apart, the wall-clock facts. Output is deterministic apart from the wall-clock section.
struct HTMLReport {
    let results: RunResults

    init(_ results: RunResults) { self.results = results }

    /// Number of charts (`<svg>` elements) on every report, whether or not they have data.
    static let chartCount = 5

    private var summary: RunSummary { results.summary }
    private var metrics: MetricsSummary { results.summary.metrics }
    private static func h(_ s: String) -> String { SVGWriter.escape(s) }
    private static func ms(_ v: Double) -> String { NumberFormat.short(v, significant: 4) }

    func render() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<title>MIMISim report: \(Self.h(summary.run.config.name))</title>\n<style>\n\(ReportStyle.css)\n</style>\n</head>\n<body>\n"
        out += header() + headline() + objectives() + checks()
        out += "<h2>Charts</h2>\n" + charts()
        out += counters() + links() + wall()
        out += "</body>\n</html>\n"
        return out
    }

    private func header() -> String {
        let r = summary.run
        let verdict = summary.passed ? "<span class=\"badge pass\">PASS</span>" : "<span class=\"badge fail\">FAIL</span>"
        var rows: [(String, String)] = [("configuration", r.config.name)]
        if let t = r.config.topology { rows.append(("topology", t)) }
        if let w = r.config.workload { rows.append(("workload", w)) }
        rows += [("seed", String(r.seed)), ("fingerprint", r.fingerprint), ("mode", r.mode.rawValue),
                 ("crypto time", r.cryptoTime), ("run time", "\(NumberFormat.short(r.durationMs / 1000, significant: 4)) s"),
                 ("tool", "mimisim \(r.toolVersion)"),
                 ("machine", "\(r.machine.os), \(r.machine.arch), \(r.machine.cpu), \(r.machine.cores) cores")]
        var s = "<h1>MIMISim run report: \(Self.h(r.config.name)) \(verdict)</h1>\n"
        let provenance = summary.run.mode == .live
            ? "a live run: every latency is a wall-clock measurement on real sockets and differs from run to run"
            : "every figure below except the wall-clock section is reproducible from the seed"
        s += "<p class=\"muted\">schema \(Self.h(summary.schema)); \(provenance).</p>\n"
        s += "<table>\n" + rows.map { "<tr><th class=\"l\">\(Self.h($0.0))</th><td class=\"mono\">\(Self.h($0.1))</td></tr>\n" }.joined() + "</table>\n"
        return s
    }

    private func headline() -> String {
        var s = "<h2>Latency (ms)</h2>\n<table>\n<tr><th class=\"l\">metric</th><th>count</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th><th>mean</th><th>min</th></tr>\n"
        for (name, l) in metrics.latency.sorted(by: { $0.key < $1.key }) {
            s += "<tr><td class=\"l\">\(Self.h(name))</td><td>\(NumberFormat.grouped(l.count))</td>"
            s += [l.p50, l.p90, l.p99, l.p99_9, l.max, l.mean, l.min].map { "<td>\(Self.ms($0))</td>" }.joined() + "</tr>\n"
        }
        if metrics.latency.isEmpty { s += "<tr><td class=\"l muted\" colspan=\"9\">no latency recorded</td></tr>\n" }
        s += "</table>\n"
        if !metrics.rates.isEmpty {
            s += "<table>\n<tr><th class=\"l\">rate</th><th>mean</th><th>max</th></tr>\n"
            for (name, r) in metrics.rates.sorted(by: { $0.key < $1.key }) {
                s += "<tr><td class=\"l\">\(Self.h(name))</td><td>\(Self.ms(r.mean))</td><td>\(Self.ms(r.max))</td></tr>\n"
            }
            s += "</table>\n"
        }
        return s
    }

    private func verdict(_ passed: Bool) -> String {
        passed ? "<td class=\"l pass\">pass</td>" : "<td class=\"l fail\">FAIL</td>"
    }

    private func objectives() -> String {
        var s = "<h2>Objectives</h2>\n"
        guard !summary.objectives.isEmpty else { return s + "<p class=\"muted\">none set</p>\n" }
        s += "<table>\n<tr><th class=\"l\">metric</th><th>bound</th><th>limit</th><th>value</th><th class=\"l\">result</th></tr>\n"
        for (name, o) in summary.objectives.sorted(by: { $0.key < $1.key }) {
            s += "<tr><td class=\"l\">\(Self.h(name))</td><td>\(Self.h(o.bound.rawValue))</td><td>\(Self.ms(o.limit))</td><td>\(Self.ms(o.value))</td>\(verdict(o.passed))</tr>\n"
        }
        return s + "</table>\n"
    }

    private func checks() -> String {
        var s = "<h2>End-of-run checks</h2>\n"
        guard !summary.checks.isEmpty else { return s + "<p class=\"muted\">none reported</p>\n" }
        s += "<table>\n<tr><th class=\"l\">check</th><th class=\"l\">result</th><th class=\"l\">detail</th></tr>\n"
        for (name, c) in summary.checks.sorted(by: { $0.key < $1.key }) {
            s += "<tr><td class=\"l\">\(Self.h(name))</td>\(verdict(c.passed))<td class=\"l\">\(Self.h(c.detail))</td></tr>\n"
        }
        return s + "</table>\n"
    }

    private func counters() -> String {
        var s = "<h2>Counters</h2>\n"
        guard !metrics.counters.isEmpty else { return s + "<p class=\"muted\">none recorded</p>\n" }
        s += "<table>\n<tr><th class=\"l\">counter</th><th class=\"l\">label</th><th>value</th></tr>\n"
        for (name, c) in metrics.counters.sorted(by: { $0.key < $1.key }) {
            s += "<tr><td class=\"l\">\(Self.h(name))</td><td class=\"l muted\">total</td><td>\(NumberFormat.grouped(c.total))</td></tr>\n"
            for (label, v) in c.byLabel.sorted(by: { $0.key < $1.key }) {
                s += "<tr><td class=\"l\"></td><td class=\"l\">\(Self.h(label))</td><td>\(NumberFormat.grouped(v))</td></tr>\n"
            }
        }
        return s + "</table>\n"
    }

    private func links() -> String {
        var s = "<h2>Bytes per link</h2>\n"
        guard !metrics.bytes.byLink.isEmpty else { return s + "<p class=\"muted\">none recorded</p>\n" }
        s += "<table>\n<tr><th class=\"l\">link</th><th>messages</th><th>bytes</th><th class=\"l\">by type</th></tr>\n"
        for (name, l) in metrics.bytes.byLink.sorted(by: { $0.key < $1.key }) {
            let types = l.byType.sorted(by: { $0.key < $1.key }).map { "\($0.key) \(NumberFormat.bytes(Double($0.value.totalBytes)))" }.joined(separator: ", ")
            s += "<tr><td class=\"l\">\(Self.h(name))</td><td>\(NumberFormat.grouped(l.count))</td><td>\(NumberFormat.bytes(Double(l.totalBytes)))</td><td class=\"l\">\(Self.h(types))</td></tr>\n"
        }
        return s + "</table>\n"
    }

    private func wall() -> String {
        let w = summary.wall
        var s = "<h2>Wall clock <span class=\"muted\">(differs between identical runs)</span></h2>\n<table>\n"
        s += "<tr><th class=\"l\">start</th><td class=\"mono\">\(Self.h(w.start))</td></tr>\n"
        s += "<tr><th class=\"l\">end</th><td class=\"mono\">\(Self.h(w.end))</td></tr>\n"
        s += "<tr><th class=\"l\">duration</th><td class=\"mono\">\(NumberFormat.short(w.durationS, significant: 4)) s</td></tr>\n"
        s += "<tr><th class=\"l\">peak RSS</th><td class=\"mono\">\(w.peakRssBytes.map { NumberFormat.bytes(Double($0)) } ?? "unknown")</td></tr>\n"
        return s + "</table>\n"
    }

    private func figure(_ id: String, _ svg: String, _ caption: String) -> String {
        "<figure id=\"\(id)\">\n\(svg)<figcaption>\(Self.h(caption))</figcaption>\n</figure>\n"
    }

    private func charts() -> String {
        ReportCharts(results).all().map { figure($0.id, $0.svg, $0.caption) }.joined()
    }
}
