import Foundation

/// The five charts of `report.html`, built from a run's summary and snapshot.
struct ReportCharts {
    let results: RunResults

    init(_ results: RunResults) { self.results = results }

    private var metrics: MetricsSummary { results.summary.metrics }
    private var latencyNames: [String] { results.snapshot.cdfs.map(\.metric) }
    private func color(ofLatency name: String) -> String {
        ReportStyle.color(latencyNames.firstIndex(of: name) ?? 0)
    }

    /// (anchor id, svg, caption) for every chart, in page order.
    func all() -> [(id: String, svg: String, caption: String)] {
        [("latency-cdf", latencyCDF(), "Cumulative distribution of each latency metric (HdrHistogram, 3 significant digits); x is logarithmic."),
         ("latency-over-time", latencyOverTime(), "Median (solid) and 99th percentile (dashed) of each latency metric per interval, by completion time; y is logarithmic."),
         ("throughput", throughput(), "Samples per second of each configured rate's source metric (deliveries: one per recipient decryption)."),
         ("crypto", cryptoCost(), "Crypto CPU time per primitive, stacked by role (call counts when no CPU time was charged)."),
         ("bytes", bytesByType(), "Total encoded bytes per message type; labels give total, count and mean size.")]
    }

    func latencyCDF() -> String {
        let series = results.snapshot.cdfs.map { cdf in
            LineChart.Series(name: cdf.metric, color: color(ofLatency: cdf.metric),
                             points: cdf.points.map { (x: $0.valueMs, y: $0.percentile) })
        }
        return LineChart(title: "Latency CDF", xLabel: "latency (ms, log scale)", yLabel: "percentile (%)",
                         xKind: .log, yKind: .linear, series: series).render()
    }

    func latencyOverTime() -> String {
        let width = metrics.intervalS
        var series: [LineChart.Series] = []
        for name in latencyNames {
            let rows = results.snapshot.series(of: name)
            for (label, dashed, pick) in [("p50", false, \TimeSeriesRow.p50Ms), ("p99", true, \TimeSeriesRow.p99Ms)] {
                let pts = rows.compactMap { r in r[keyPath: pick].map { (x: Double(r.interval) * width, y: $0) } }
                series.append(LineChart.Series(name: "\(name) \(label)", color: color(ofLatency: name), dashed: dashed,
                                               points: pts, maxGap: width * 1.5))
            }
        }
        return LineChart(title: "Latency over time", xLabel: "run time (s)", yLabel: "latency (ms, log scale)",
                         xKind: .linear, yKind: .log, series: series).render()
    }

    func throughput() -> String {
        let width = metrics.intervalS
        let series = results.snapshot.rates.enumerated().map { i, rate in
            LineChart.Series(name: rate.name, color: ReportStyle.color(latencyNames.count + i),
                             points: results.snapshot.series(of: rate.source).map { (x: Double($0.interval) * width, y: Double($0.count) / width) })
        }
        return LineChart(title: "Deliveries and commits per second", xLabel: "run time (s)", yLabel: "per second",
                         series: series.filter { !$0.points.isEmpty }).render()
    }

    func cryptoCost() -> String {
        let useCPU = metrics.crypto.values.contains { $0.total.cpuUs > 0 }
        let roles = Set(metrics.crypto.values.flatMap { $0.byRole.keys }).sorted()
        let colors = roles.enumerated().map { (series: $0.element, color: ReportStyle.color($0.offset)) }
        let value: (CryptoCost) -> Double = { useCPU ? $0.cpuUs / 1000 : Double($0.count) }
        let primitives = metrics.crypto.sorted {
            let a = value($0.value.total), b = value($1.value.total)
            return a != b ? a > b : $0.key < $1.key
        }
        let bars = primitives.map { name, cost in
            BarChart.Bar(label: name, segments: roles.map { (series: $0, value: cost.byRole[$0].map(value) ?? 0) },
                         note: useCPU ? "\(NumberFormat.short(cost.total.cpuUs / 1000)) ms, \(NumberFormat.grouped(cost.total.count)) calls"
                                      : "\(NumberFormat.grouped(cost.total.count)) calls")
        }
        return BarChart(title: useCPU ? "Crypto CPU time by primitive and role" : "Crypto calls by primitive and role",
                        valueLabel: useCPU ? "CPU time (ms)" : "calls", bars: bars, colors: colors,
                        format: { NumberFormat.short($0, significant: 3) }).render()
    }

    func bytesByType() -> String {
        let types = metrics.bytes.byType.sorted {
            $0.value.total != $1.value.total ? $0.value.total > $1.value.total : $0.key < $1.key
        }
        // Plot in the binary unit of the largest total so the axis ticks are round numbers of that unit.
        let peak = Double(types.first?.value.total ?? 0)
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var unit = 0
        while peak >= 1024 * pow(1024, Double(unit)), unit < units.count - 1 { unit += 1 }
        let divisor = pow(1024, Double(unit))
        let bars = types.map { name, s in
            BarChart.Bar(label: name, segments: [(series: "bytes", value: Double(s.total) / divisor)],
                         note: "\(NumberFormat.bytes(Double(s.total))), n=\(NumberFormat.grouped(s.count)), mean \(NumberFormat.bytes(s.mean))")
        }
        return BarChart(title: "Bytes by message type", valueLabel: "total (\(units[unit]))", bars: bars,
                        colors: [(series: "bytes", color: ReportStyle.color(0))],
                        format: { NumberFormat.short($0, significant: 3) }).render()
    }
}
