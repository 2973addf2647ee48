import Foundation
import XCTest
@testable import Metrics

final class ReportTests: XCTestCase {
    private func occurrences(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    func testOneSVGPerChartAndNoScripts() throws {
        let html = HTMLReport(try SyntheticRun.standard.get()).render()
        XCTAssertEqual(occurrences("<svg", in: html), HTMLReport.chartCount)
        XCTAssertEqual(occurrences("</svg>", in: html), HTMLReport.chartCount)
        XCTAssertEqual(occurrences("<figure id=", in: html), HTMLReport.chartCount)
        XCTAssertFalse(html.lowercased().contains("<script"))
        XCTAssertFalse(html.contains("<script src="))
        XCTAssertFalse(html.contains("<link"), "no external stylesheets")
        XCTAssertFalse(html.contains("http://") && html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"))
        XCTAssertFalse(html.contains("https://"))
        for title in ["Latency CDF", "Latency over time", "Deliveries and commits per second",
                      "Crypto CPU time by primitive and role", "Bytes by message type"] {
            XCTAssertTrue(html.contains("aria-label=\"\(title)\""), title)
        }
    }

    func testChartsDrawTheData() throws {
        let charts = ReportCharts(try SyntheticRun.standard.get())
        // CDF: one polyline per latency metric plus one legend line each.
        XCTAssertEqual(occurrences("<polyline", in: charts.latencyCDF()), 4 * 2)
        // Over time: p50 and p99 of each of 4 metrics, with legends; p99 dashed; a line breaks where an
        // interval had no samples (commits complete in only some seconds).
        let overTime = charts.latencyOverTime()
        var lines = 0, dots = 0
        for cdf in charts.results.snapshot.cdfs {
            let filled = charts.results.snapshot.series(of: cdf.metric).filter { $0.count > 0 }.map(\.interval)
            var runs: [[Int]] = []
            for i in filled { if let last = runs.last?.last, i - last == 1 { runs[runs.count - 1].append(i) } else { runs.append([i]) } }
            lines += runs.filter { $0.count > 1 }.count
            dots += runs.filter { $0.count == 1 }.count
        }
        XCTAssertGreaterThan(lines, 4)
        XCTAssertEqual(occurrences("<polyline", in: overTime), 2 * lines + 8)
        XCTAssertEqual(occurrences("<circle", in: overTime), 2 * dots)
        XCTAssertEqual(occurrences("stroke-dasharray", in: overTime), lines + 4)
        // Crypto: 9 primitives x 4 roles stacked segments.
        XCTAssertEqual(occurrences("<rect", in: charts.cryptoCost()), 9 * 4 + 4)
        // Bytes: 5 message types, no legend for a single series.
        XCTAssertEqual(occurrences("<rect", in: charts.bytesByType()), 5)
        XCTAssertTrue(charts.throughput().contains(">fanout.deliveries_per_s</text>"))
    }

    func testAnEmptyRunStillHasEveryChart() throws {
        let empty = try RunResults(run: SyntheticRun.run(), wall: SyntheticRun.wall(), snapshot: try MetricsRecorder().snapshot())
        let html = HTMLReport(empty).render()
        XCTAssertEqual(occurrences("<svg", in: html), HTMLReport.chartCount)
        XCTAssertEqual(occurrences("no data recorded", in: html), HTMLReport.chartCount)
    }

    func testTextIsEscaped() throws {
        var r = try MetricsRecorder()
        try r.recordLatency("commit.accept_ms", nanoseconds: 1, at: 0)
        let results = try RunResults(run: SyntheticRun.run(), wall: SyntheticRun.wall(), snapshot: r.snapshot(),
                                     checks: ["agree": CheckResult(passed: false, detail: "<b>alice</b> & bob")])
        let html = HTMLReport(results).render()
        XCTAssertTrue(html.contains("&lt;b&gt;alice&lt;/b&gt; &amp; bob"))
        XCTAssertFalse(html.contains("<b>alice"))
        XCTAssertTrue(html.contains("badge fail"))
    }

    func testReportIsDeterministicApartFromTheWallSection() throws {
        var other = try SyntheticRun.standard.get()
        other.summary.wall = SyntheticRun.wall(start: "2030-02-02T02:02:02.000Z", durationS: 2)
        let a = HTMLReport(try SyntheticRun.standard.get()).render(), b = HTMLReport(other).render()
        XCTAssertNotEqual(a, b)
        func beforeWall(_ s: String) -> String { String(s[..<s.range(of: "<h2>Wall clock")!.lowerBound]) }
        XCTAssertEqual(beforeWall(a), beforeWall(b))
    }

    func testScales() {
        let log = ChartScale(kind: .log, values: [0.3, 45, 800], from: 0, to: 300)
        XCTAssertEqual(log.lower, 0.2, accuracy: 1e-12); XCTAssertEqual(log.upper, 1000)
        XCTAssertEqual(log.ticks.count, 5)
        for (t, e) in zip(log.ticks, [0.2, 1, 10, 100, 1000]) { XCTAssertEqual(t, e, accuracy: e * 1e-12) }
        XCTAssertEqual(log.position(1000), 300, accuracy: 1e-9)
        XCTAssertEqual(log.position(0.05), 0, "clamped")
        let narrow = ChartScale(kind: .log, values: [12, 430], from: 0, to: 100)
        XCTAssertEqual(narrow.lower, 10); XCTAssertEqual(narrow.upper, 500, accuracy: 1e-9)
        for (t, e) in zip(narrow.ticks, [10, 20, 50, 100, 200, 500.0]) { XCTAssertEqual(t, e, accuracy: e * 1e-12) }
        XCTAssertEqual(narrow.ticks.count, 6)
        let lin = ChartScale(kind: .linear, values: [3, 847], from: 0, to: 100, includeZero: true)
        XCTAssertEqual(lin.lower, 0); XCTAssertEqual(lin.upper, 1000)
        XCTAssertEqual(lin.ticks, [0, 200, 400, 600, 800, 1000])
        XCTAssertEqual(ChartScale.niceStep(0.13), 0.2, accuracy: 1e-12)
    }
}

final class LineChartGapTests: XCTestCase {
    func testIntervalsWithoutSamplesBreakTheLine() {
        let joined = LineChart(title: "t", xLabel: "x", yLabel: "y",
                               series: [.init(name: "a", color: "#000", points: [(0, 1), (1, 2), (5, 3), (6, 4)])]).render()
        let broken = LineChart(title: "t", xLabel: "x", yLabel: "y",
                               series: [.init(name: "a", color: "#000", points: [(0, 1), (1, 2), (5, 3), (6, 4)], maxGap: 1.5)]).render()
        let count = { (s: String) in s.components(separatedBy: "<polyline").count - 1 }
        XCTAssertEqual(count(joined), 1 + 1)   // line + legend
        XCTAssertEqual(count(broken), 2 + 1)
        let lonely = LineChart(title: "t", xLabel: "x", yLabel: "y",
                               series: [.init(name: "a", color: "#000", points: [(0, 1), (1, 2), (5, 3)], maxGap: 1.5)]).render()
        XCTAssertEqual(count(lonely), 1 + 1)
        XCTAssertEqual(lonely.components(separatedBy: "<circle").count - 1, 1)
    }
}
