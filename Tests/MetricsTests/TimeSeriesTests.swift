import XCTest
@testable import Metrics

final class TimeSeriesTests: XCTestCase {
    private let ms: UInt64 = 1_000_000, s: UInt64 = 1_000_000_000

    func testEveryIntervalAndMetricHasARowGapsIncluded() throws {
        var r = try MetricsRecorder()
        try r.recordLatency("message.deliver_ms", nanoseconds: 10 * ms, at: 100 * ms)
        try r.recordLatency("message.deliver_ms", nanoseconds: 30 * ms, at: 900 * ms)
        try r.recordLatency("commit.accept_ms", nanoseconds: 50 * ms, at: 950 * ms)
        try r.recordLatency("message.deliver_ms", nanoseconds: 20 * ms, at: 2 * s + 1)
        let snap = r.snapshot(end: 5 * s)
        XCTAssertEqual(snap.summary.intervals, 5)
        XCTAssertEqual(snap.timeSeries.count, 10)
        XCTAssertEqual(snap.timeSeries.map(\.interval), [0, 0, 1, 1, 2, 2, 3, 3, 4, 4])
        XCTAssertEqual(snap.timeSeries.map(\.metric), Array(repeating: ["commit.accept_ms", "message.deliver_ms"], count: 5).flatMap { $0 })
        let deliver = snap.series(of: "message.deliver_ms")
        XCTAssertEqual(deliver.map(\.count), [2, 0, 1, 0, 0])
        XCTAssertEqual(try XCTUnwrap(deliver[0].p50Ms), 10, accuracy: 0.01)
        XCTAssertEqual(try XCTUnwrap(deliver[0].p99Ms), 30, accuracy: 0.03)
        XCTAssertNil(deliver[1].p50Ms)
        XCTAssertEqual(try XCTUnwrap(deliver[2].p99Ms), 20, accuracy: 0.02)
        XCTAssertEqual(snap.series(of: "commit.accept_ms").map(\.count), [1, 0, 0, 0, 0])
    }

    func testRatesAreSampleCountsPerSecond() throws {
        var r = try MetricsRecorder()
        for i in 0..<30 { try r.recordLatency("message.deliver_ms", nanoseconds: ms, at: UInt64(i) * 10 * ms) }  // 30 in second 0
        for i in 0..<10 { try r.recordLatency("message.deliver_ms", nanoseconds: ms, at: 3 * s + UInt64(i)) }     // 10 in second 3
        let rates = r.snapshot(end: 4 * s).summary.rates
        XCTAssertEqual(rates["fanout.deliveries_per_s"], RateStats(mean: 10, max: 30))
        XCTAssertEqual(rates["commit.accepted_per_s"], RateStats(mean: 0, max: 0))
    }

    func testIntervalWidthIsConfigurable() throws {
        var r = try MetricsRecorder(configuration: MetricsConfiguration(intervalNanoseconds: s / 2))
        for i in 0..<4 { try r.recordLatency("message.deliver_ms", nanoseconds: ms, at: UInt64(i) * s / 4) }  // 0, .25, .5, .75 s
        let snap = r.snapshot()
        XCTAssertEqual(snap.summary.intervals, 2)
        XCTAssertEqual(snap.summary.intervalS, 0.5)
        XCTAssertEqual(snap.series(of: "message.deliver_ms").map(\.count), [2, 2])
        XCTAssertEqual(snap.summary.rates["fanout.deliveries_per_s"], RateStats(mean: 4, max: 4))
    }

    func testEndInsideAnIntervalCountsThatInterval() throws {
        let r = try MetricsRecorder()
        XCTAssertEqual(r.snapshot().summary.intervals, 0)
        XCTAssertEqual(r.snapshot(end: 0).summary.intervals, 0)
        XCTAssertEqual(r.snapshot(end: s).summary.intervals, 1)
        XCTAssertEqual(r.snapshot(end: s + 1).summary.intervals, 2)
    }

    func testCDFIsMonotoneAndAgreesWithThePercentiles() throws {
        var r = try MetricsRecorder()
        for sample in SyntheticRun.samples() { try r.recordLatency(sample.metric, nanoseconds: sample.nanoseconds, at: sample.at) }
        let snap = r.snapshot()
        XCTAssertEqual(snap.cdfs.map(\.metric), ["commit.accept_ms", "commit.converge_ms", "message.deliver_ms", "message.last_deliver_ms"])
        for cdf in snap.cdfs {
            let stats = try XCTUnwrap(snap.summary.latency[cdf.metric])
            XCTAssertEqual(cdf.points.first?.percentile, 0)
            XCTAssertEqual(cdf.points.first?.valueMs, stats.min)
            XCTAssertEqual(cdf.points.last?.percentile, 100)
            XCTAssertEqual(cdf.points.last?.valueMs, stats.max)
            XCTAssertEqual(cdf.points.count, ValueHistogram.cdfPercentiles.count)
            for (a, b) in zip(cdf.points, cdf.points.dropFirst()) {
                XCTAssertLessThan(a.percentile, b.percentile)
                XCTAssertLessThanOrEqual(a.valueMs, b.valueMs, cdf.metric)
            }
            XCTAssertEqual(cdf.points.first { $0.percentile == 50 }?.valueMs, stats.p50, cdf.metric)
            XCTAssertEqual(cdf.points.first { $0.percentile == 90 }?.valueMs, stats.p90, cdf.metric)
            XCTAssertEqual(cdf.points.first { $0.percentile == 99 }?.valueMs, stats.p99, cdf.metric)
            XCTAssertEqual(cdf.points.first { $0.percentile == 99.9 }?.valueMs, stats.p99_9, cdf.metric)
        }
    }
}
