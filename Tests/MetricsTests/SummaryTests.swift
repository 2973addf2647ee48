import Foundation
import XCTest
@testable import Metrics

final class SummaryTests: XCTestCase {
    func testSummaryCarriesSchemaRunChecksAndObjectives() throws {
        let results = try SyntheticRun.standard.get()
        let s = results.summary
        XCTAssertEqual(s.schema, "mimisim.summary/1")
        XCTAssertEqual(s.run.seed, 42)
        XCTAssertEqual(s.checks.count, 2)
        XCTAssertEqual(s.objectives["commit.converge_ms.p99"]?.passed, true)
        XCTAssertEqual(s.objectives["commit.converge_ms.p99"]?.value, s.metrics.latency["commit.converge_ms"]?.p99)
        XCTAssertEqual(s.objectives["fanout.deliveries_per_s.mean"]?.passed, true)
        XCTAssertTrue(s.passed)
        XCTAssertEqual(s.metrics.intervals, 61)  // samples completing after 60 s
    }

    func testAFailedCheckOrObjectiveFailsTheRun() throws {
        let snap = try recorderWithOneSample().snapshot()
        let ok = try RunSummary(run: SyntheticRun.run(), wall: SyntheticRun.wall(), metrics: snap.summary, checks: [:],
                                objectives: [Objective(metric: "commit.accept_ms.p99", limit: 100)])
        XCTAssertTrue(ok.passed)
        let slow = try RunSummary(run: SyntheticRun.run(), wall: SyntheticRun.wall(), metrics: snap.summary, checks: [:],
                                  objectives: [Objective(metric: "commit.accept_ms.p99", limit: 10)])
        XCTAssertFalse(slow.passed)
        XCTAssertEqual(slow.objectives["commit.accept_ms.p99"]?.passed, false)
        let broken = try RunSummary(run: SyntheticRun.run(), wall: SyntheticRun.wall(), metrics: snap.summary,
                                    checks: ["exactly_once_delivery": CheckResult(passed: false, detail: "2 missing")], objectives: [])
        XCTAssertFalse(broken.passed)
    }

    func testObjectiveOnAnUnrecordedMetricIsAnError() throws {
        let snap = try recorderWithOneSample().snapshot()
        XCTAssertThrowsError(try RunSummary(run: SyntheticRun.run(), wall: SyntheticRun.wall(), metrics: snap.summary, checks: [:],
                                            objectives: [Objective(metric: "commit.converge_ms.p99", limit: 1)])) {
            XCTAssertEqual(($0 as? MetricsError)?.code, .unknownMetric)
        }
    }

    func testJSONHasSortedKeysAndRoundTrips() throws {
        let summary = try SyntheticRun.standard.get().summary
        let text = String(decoding: try summary.jsonData(), as: UTF8.self)
        let top = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        XCTAssertEqual(top, ["checks", "metrics", "objectives", "passed", "run", "schema", "wall"])
        let latency = ["commit.accept_ms", "commit.converge_ms", "message.deliver_ms", "message.last_deliver_ms"]
        let positions = latency.map { text.range(of: "\"\($0)\" : {")!.lowerBound }
        XCTAssertEqual(positions, positions.sorted())
        XCTAssertTrue(text.contains("\"p99.9\" : "))
        XCTAssertTrue(text.hasSuffix("}\n"))
        XCTAssertEqual(try RunSummary.decode(Data(text.utf8), source: "t"), summary)
    }

    func testDeterminismSameSamplesGiveIdenticalBytesApartFromWall() throws {
        let a = try SyntheticRun.results(wall: SyntheticRun.wall(start: "2025-01-01T00:00:00.000Z", durationS: 12.5))
        // The second run feeds the same values in another order: crypto and counters first and in
        // reverse (new names arrive in another order), then bytes, then the time-ordered latency samples.
        var r = try MetricsRecorder()
        try SyntheticRun.feedCrypto(&r, reversed: true)
        try SyntheticRun.feedCounters(&r, reversed: true)
        try SyntheticRun.feedBytes(&r)
        for s in SyntheticRun.samples() { try r.recordLatency(s.metric, nanoseconds: s.nanoseconds, at: s.at) }
        let b = try RunResults(run: SyntheticRun.run(), wall: SyntheticRun.wall(start: "2025-06-30T23:59:59.999Z", durationS: 99.75),
                               snapshot: r.snapshot(end: 60_000_000_000), checks: a.summary.checks,
                               objectives: [Objective(metric: "fanout.deliveries_per_s.mean", bound: .atLeast, limit: 500),
                                            Objective(metric: "commit.converge_ms.p99", limit: 2000)])
        let ja = String(decoding: try a.summary.jsonData(), as: UTF8.self)
        let jb = String(decoding: try b.summary.jsonData(), as: UTF8.self)
        XCTAssertNotEqual(ja, jb, "the wall objects differ")
        XCTAssertEqual(SyntheticRun.withoutWall(ja), SyntheticRun.withoutWall(jb))
        XCTAssertFalse(SyntheticRun.withoutWall(ja).contains("\"wall\""))
        XCTAssertFalse(SyntheticRun.withoutWall(ja).contains("2025-"))
        for ((name, da), (_, db)) in zip(try a.files(), try b.files()) where name.hasSuffix(".csv") {
            XCTAssertEqual(da, db, name)
        }
    }

    func testDecodeRejectsOtherSchemasAndMissingFields() throws {
        let good = String(decoding: try SyntheticRun.standard.get().summary.jsonData(), as: UTF8.self)
        let cases: [(String, String)] = [
            ("not json", "not a JSON object"),
            ("{}", "schema (none)"),
            (good.replacingOccurrences(of: "mimisim.summary/1", with: "mimisim.summary/2"), "'mimisim.summary/2'"),
            (good.replacingOccurrences(of: "\"fingerprint\"", with: "\"fingerprint_x\""), "run.fingerprint"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try RunSummary.decode(Data(text.utf8), source: "x.json")) { error in
                XCTAssertEqual((error as? MetricsError)?.code, .invalidSummary)
                XCTAssertTrue("\(error)".contains(expected), "\(error) should mention \(expected)")
            }
        }
    }

    func testFlattenedPathsCoverEveryFamily() throws {
        let flat = try MetricPaths.flatten(try SyntheticRun.standard.get().summary)
        for path in ["commit.converge_ms.p99", "commit.converge_ms.p99.9", "message.deliver_ms.count",
                     "commit.rejected", "commit.rejected.wrongEpoch", "message.lost", "commit.bytes.p99", "welcome.bytes.total",
                     "link.a.example->b.example.bytes.total", "link.a.example->b.example.commit.bytes.count",
                     "crypto.hpke.seal.count", "crypto.hpke.seal.member.cpu_us", "fanout.deliveries_per_s.max",
                     "check.exactly_once_delivery.passed"] {
            XCTAssertNotNil(flat[path], path)
        }
        XCTAssertEqual(flat["message.lost"], 0)
        XCTAssertEqual(flat["commit.rejected"], 4)
        XCTAssertEqual(flat["check.exactly_once_delivery.passed"], 1)
    }

    func testTwoMetricsOnOnePathAreAnError() throws {
        var r = try MetricsRecorder()
        try r.recordLatency("x_ms", nanoseconds: 1, at: 0)
        try r.increment("x_ms.p50")
        XCTAssertThrowsError(try RunSummary(run: SyntheticRun.run(), wall: SyntheticRun.wall(), metrics: r.snapshot().summary,
                                            checks: [:], objectives: [])) {
            XCTAssertEqual(($0 as? MetricsError)?.code, .duplicateMetric)
        }
    }

    private func recorderWithOneSample() throws -> MetricsRecorder {
        var r = try MetricsRecorder()
        try r.recordLatency("commit.accept_ms", nanoseconds: 42_000_000, at: 0)
        return r
    }
}
