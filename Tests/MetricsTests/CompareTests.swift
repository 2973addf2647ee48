import Foundation
import XCTest
@testable import Metrics

final class CompareTests: XCTestCase {
    private func summary(converge p99Scale: Double = 1) throws -> RunSummary {
        var s = try SyntheticRun.standard.get().summary
        s.metrics.latency["commit.converge_ms"]!.p99 *= p99Scale
        return s
    }

    func testIdenticalInputsExitZero() throws {
        let s = try summary()
        let c = try SummaryComparison(base: s, new: s, thresholds: [try Threshold.parse("commit.converge_ms.p99>+5%"),
                                                                    try Threshold.parse("message.lost>+0")])
        XCTAssertEqual(c.exitCode, 0)
        XCTAssertTrue(c.violations.isEmpty)
        XCTAssertTrue(c.rows.allSatisfy { $0.difference == 0 && $0.relative == 0 })
        XCTAssertEqual(c.rows.map(\.metric), c.rows.map(\.metric).sorted())
        XCTAssertEqual(c.rows.count, try MetricPaths.flatten(s).count)
    }

    func testPlantedTenPercentRegressionCrossesFivePercent() throws {
        let base = try summary(), new = try summary(converge: 1.10)
        let c = try SummaryComparison(base: base, new: new, thresholds: [try Threshold.parse("commit.converge_ms.p99>+5%")])
        XCTAssertEqual(c.exitCode, 1)
        XCTAssertEqual(c.violations.map(\.threshold.metric), ["commit.converge_ms.p99"])
        let row = try XCTUnwrap(c.rows.first { $0.metric == "commit.converge_ms.p99" })
        XCTAssertEqual(try XCTUnwrap(row.relative), 10, accuracy: 1e-9)
        XCTAssertTrue(c.markdown().contains("FAIL commit.converge_ms.p99>+5%: base "), c.markdown())
        XCTAssertTrue(c.markdown().hasSuffix("change +10%\n"))
        // The same regression under a 15% threshold passes.
        XCTAssertEqual(try SummaryComparison(base: base, new: new, thresholds: [try Threshold.parse("commit.converge_ms.p99>+15%")]).exitCode, 0)
        // An improvement does not cross a "> +5%" threshold.
        XCTAssertEqual(try SummaryComparison(base: new, new: base, thresholds: [try Threshold.parse("commit.converge_ms.p99>+5%")]).exitCode, 0)
    }

    func testUnknownMetricIsAnErrorNamingSimilarOnes() throws {
        let s = try summary()
        XCTAssertThrowsError(try SummaryComparison(base: s, new: s, thresholds: [try Threshold.parse("commit.converge_ms.p98>+5%")])) { error in
            XCTAssertEqual((error as? MetricsError)?.code, .unknownMetric)
            XCTAssertTrue("\(error)".contains("commit.converge_ms.p99"), "\(error)")
        }
    }

    func testMarkdownTable() throws {
        let base = try summary(), new = try summary(converge: 1.10)
        let md = try SummaryComparison(base: base, new: new).markdown()
        let lines = md.split(separator: "\n")
        XCTAssertEqual(lines[0], "| metric | base | new | diff | rel |")
        let p99 = try XCTUnwrap(lines.first { $0.hasPrefix("| commit.converge_ms.p99 |") })
        XCTAssertTrue(p99.hasSuffix("| +10% |"), String(p99))
        let changed = try SummaryComparison(base: base, new: new).markdown(changedOnly: true).split(separator: "\n")
        XCTAssertEqual(changed.count, 3)
        var fewer = new
        fewer.metrics.counters["message.lost"] = nil
        let missing = try SummaryComparison(base: base, new: fewer).markdown()
        XCTAssertTrue(missing.contains("| message.lost | 0 | — | — | — |"))
    }

    func testResultsFolderRoundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mimisim-metrics-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let results = try SyntheticRun.standard.get()
        let written = try ResultsFolder.write(results, to: dir)
        XCTAssertEqual(written.map(\.lastPathComponent), ["bytes.csv", "counters.csv", "crypto.csv", "latency.csv",
                                                          "latency_cdf.csv", "report.html", "summary.json", "timeseries.csv"])
        XCTAssertEqual(try ResultsFolder.readSummary(at: dir.path), results.summary)
        XCTAssertEqual(try ResultsFolder.readSummary(at: dir.appendingPathComponent("summary.json").path), results.summary)
        XCTAssertThrowsError(try ResultsFolder.readSummary(at: dir.appendingPathComponent("nope").path)) {
            XCTAssertEqual(($0 as? MetricsError)?.code, .io)
        }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("summary.json"))
        XCTAssertThrowsError(try ResultsFolder.readSummary(at: dir.path)) {
            XCTAssertEqual(($0 as? MetricsError)?.code, .io)
        }
    }
}
