import XCTest
@testable import Metrics

final class RecorderTests: XCTestCase {
    private let ms: UInt64 = 1_000_000

    func testLatencyStatisticsOfKnownSamples() throws {
        var r = try MetricsRecorder()
        for i in 1...1000 { try r.recordLatency("commit.accept_ms", nanoseconds: UInt64(i) * ms, at: UInt64(i) * ms) }
        let s = try XCTUnwrap(r.snapshot().summary.latency["commit.accept_ms"])
        XCTAssertEqual(s.count, 1000)
        XCTAssertEqual(s.min, 1)
        XCTAssertEqual(s.max, 1000)
        // 3 significant digits: each percentile within 0.1% of the exact order statistic.
        XCTAssertEqual(s.p50, 500, accuracy: 0.5)
        XCTAssertEqual(s.p90, 900, accuracy: 0.9)
        XCTAssertEqual(s.p99, 990, accuracy: 1)
        XCTAssertEqual(s.p99_9, 999, accuracy: 1)
        XCTAssertEqual(s.mean, 500.5, accuracy: 0.5)
    }

    func testSubMillisecondSamplesKeepTheirResolution() throws {
        var r = try MetricsRecorder()
        try r.recordLatency("message.deliver_ms", nanoseconds: 123_456, at: 0)
        let s = try XCTUnwrap(r.snapshot().summary.latency["message.deliver_ms"])
        XCTAssertEqual(s.min, 0.123456)
        XCTAssertEqual(s.p50, 0.123456, accuracy: 0.000124)
    }

    func testLatencyNamesMustCarryTheirUnit() throws {
        var r = try MetricsRecorder()
        for bad in ["commit.accept", "", "_ms", "commit accept_ms", "a,b_ms", "a\"b_ms", "x\u{7}_ms"] {
            XCTAssertThrowsError(try r.recordLatency(bad, nanoseconds: 1, at: 0), bad) {
                XCTAssertEqual(($0 as? MetricsError)?.code, .invalidName, bad)
            }
        }
        XCTAssertTrue(r.snapshot().summary.latency.isEmpty)
    }

    func testTimeGoingBackwardsIsRejectedAndRecordsNothing() throws {
        var r = try MetricsRecorder()
        try r.recordLatency("commit.accept_ms", nanoseconds: 5 * ms, at: 2_000 * ms)
        XCTAssertThrowsError(try r.recordLatency("commit.accept_ms", nanoseconds: 5 * ms, at: 1_999 * ms)) {
            XCTAssertEqual(($0 as? MetricsError)?.code, .timeWentBackwards)
        }
        try r.recordLatency("commit.accept_ms", nanoseconds: 7 * ms, at: 2_000 * ms)  // equal time is fine
        XCTAssertEqual(r.snapshot().summary.latency["commit.accept_ms"]?.count, 2)
    }

    func testOutOfRangeValuesAreErrors() throws {
        var r = try MetricsRecorder(configuration: MetricsConfiguration(highestLatencyNanoseconds: 1_000 * ms, highestBytes: 1_000))
        XCTAssertThrowsError(try r.recordLatency("commit.accept_ms", nanoseconds: 1_001 * ms, at: 0)) {
            XCTAssertEqual(($0 as? MetricsError)?.code, .valueOutOfRange)
        }
        XCTAssertThrowsError(try r.recordBytes(1_001, messageType: "commit")) {
            XCTAssertEqual(($0 as? MetricsError)?.code, .valueOutOfRange)
        }
        try r.recordLatency("commit.accept_ms", nanoseconds: 1_000 * ms, at: 0)
        XCTAssertEqual(r.snapshot().summary.latency["commit.accept_ms"]?.max, 1_000)
        XCTAssertNil(r.snapshot().summary.bytes.byType["commit"])
    }

    func testBadConfigurationsAreRejected() {
        let bad = [MetricsConfiguration(intervalNanoseconds: 0),
                   MetricsConfiguration(highestLatencyNanoseconds: 1),
                   MetricsConfiguration(rates: [.init(name: "deliveries", source: "message.deliver_ms")]),
                   MetricsConfiguration(rates: [.init(name: "x_per_s", source: "message.deliver")]),
                   MetricsConfiguration(rates: [.init(name: "x_per_s", source: "a_ms"), .init(name: "x_per_s", source: "b_ms")])]
        for c in bad {
            XCTAssertThrowsError(try MetricsRecorder(configuration: c)) { error in
                XCTAssert([.invalidConfiguration, .invalidName].contains((error as? MetricsError)?.code))
            }
        }
    }

    func testCountersSumTotalsAndLabels() throws {
        var r = try MetricsRecorder()
        try r.increment("commit.rejected", label: "wrongEpoch")
        try r.increment("commit.rejected", label: "wrongEpoch", by: 2)
        try r.increment("commit.rejected", label: "notAllowed")
        try r.increment("message.lost", by: 0)
        try r.increment("fanout.retries", by: 4)
        let c = r.snapshot().summary.counters
        XCTAssertEqual(c["commit.rejected"], CounterSummary(total: 4, byLabel: ["wrongEpoch": 3, "notAllowed": 1]))
        XCTAssertEqual(c["message.lost"], CounterSummary(total: 0, byLabel: [:]))
        XCTAssertEqual(c["fanout.retries"]?.total, 4)
        XCTAssertThrowsError(try r.increment("commit.rejected", label: "bad label")) {
            XCTAssertEqual(($0 as? MetricsError)?.code, .invalidName)
        }
    }

    func testBytesPerTypeAndPerLink() throws {
        var r = try MetricsRecorder()
        try r.recordBytes(100, messageType: "commit", link: "a->b")
        try r.recordBytes(300, messageType: "commit", link: "a->c")
        try r.recordBytes(40_000, messageType: "welcome", link: "a->b")
        try r.recordBytes(50, messageType: "application")
        let b = r.snapshot().summary.bytes
        XCTAssertEqual(b.byType["commit"]?.count, 2)
        XCTAssertEqual(b.byType["commit"]?.total, 400)
        XCTAssertEqual(b.byType["commit"]?.min, 100)
        XCTAssertEqual(b.byType["commit"]?.max, 300)
        XCTAssertEqual(b.byType["application"]?.total, 50)
        XCTAssertEqual(b.byLink["a->b"], LinkBytes(count: 2, totalBytes: 40_100, byType: [
            "commit": TrafficBytes(count: 1, totalBytes: 100), "welcome": TrafficBytes(count: 1, totalBytes: 40_000)]))
        XCTAssertEqual(b.byLink["a->c"]?.totalBytes, 300)
        XCTAssertEqual(b.byLink.count, 2)
    }

    func testCryptoCostPerPrimitiveAndRole() throws {
        var r = try MetricsRecorder()
        try r.recordCrypto(primitive: "sign", role: "committer", count: 2, cpuNanoseconds: 90_000)
        try r.recordCrypto(primitive: "sign", role: "committer", count: 1, cpuNanoseconds: 45_500)
        try r.recordCrypto(primitive: "sign", role: "hub", count: 4, cpuNanoseconds: 0)
        try r.recordCrypto(primitive: "hpke.open", role: "member", count: 10, cpuNanoseconds: 1_000_000)
        let c = r.snapshot().summary.crypto
        XCTAssertEqual(c["sign"]?.byRole["committer"], CryptoCost(count: 3, cpuUs: 135.5))
        XCTAssertEqual(c["sign"]?.total, CryptoCost(count: 7, cpuUs: 135.5))
        XCTAssertEqual(c["hpke.open"]?.total, CryptoCost(count: 10, cpuUs: 1000))
        XCTAssertThrowsError(try r.recordCrypto(primitive: "sign", role: "", count: 1, cpuNanoseconds: 1))
        XCTAssertNil(c["sign"]?.perCommit, "no commit accounted: no per-commit figures")
    }

    func testCryptoPerCommitIsTheMeanOverAccountedCommits() throws {
        var r = try MetricsRecorder()
        try r.recordCrypto(primitive: "sign", role: "committer", count: 5, cpuNanoseconds: 5_000)
        try r.recordCrypto(primitive: "hash", role: "member", count: 9, cpuNanoseconds: 0)
        try r.recordCommitCrypto([("sign", "committer", 2, 2_000), ("sign", "hub", 1, 1_000)])
        try r.recordCommitCrypto([("sign", "committer", 1, 1_000)])
        XCTAssertThrowsError(try r.recordCommitCrypto([("sign", "bad role", 1, 1)]))
        let c = r.snapshot().summary.crypto
        XCTAssertEqual(c["sign"]?.perCommit?["committer"], CommitCryptoCost(count: 1.5, cpuUs: 1.5))
        XCTAssertEqual(c["sign"]?.perCommit?["hub"], CommitCryptoCost(count: 0.5, cpuUs: 0.5))
        XCTAssertEqual(c["sign"]?.perCommit?["*"], CommitCryptoCost(count: 2, cpuUs: 2))
        XCTAssertEqual(c["hash"]?.perCommit?["*"], CommitCryptoCost(count: 0, cpuUs: 0), "a primitive no commit used costs 0 per commit")
        XCTAssertEqual(c["sign"]?.total, CryptoCost(count: 5, cpuUs: 5), "per-run figures are what recordCrypto added")
    }

    func testMemoryDoesNotGrowWithSamples() throws {
        // The histogram is allocated for its full range up front: recording a million samples in one
        // interval adds no storage (the time series keeps 3 numbers per interval with samples).
        var h = ValueHistogram(highest: 86_400 * 1_000_000_000)
        let before = h.footprintBytes
        for i in 0..<200_000 { XCTAssertTrue(h.record(UInt64(i) &* 7_919_000 % 80_000_000_000_000)) }
        XCTAssertEqual(h.count, 200_000)
        XCTAssertEqual(h.footprintBytes, before)
        XCTAssertLessThan(before, 512 * 1024)
        var s = IntervalSeries(highest: 1_000_000)
        for i in 0..<100_000 { s.record(UInt64(i % 1000), interval: i / 50_000) }
        XCTAssertEqual(s.all.map(\.count), [50_000, 50_000])
    }
}

final class RecorderRejectionTests: XCTestCase {
    func testARejectedCallLeavesNoTrace() throws {
        var r = try MetricsRecorder()
        XCTAssertThrowsError(try r.increment("commit.rejected", label: "bad label"))
        XCTAssertThrowsError(try r.recordBytes(10, messageType: "commit", link: "a b"))
        XCTAssertThrowsError(try r.recordCrypto(primitive: "sign", role: "bad role", count: 1, cpuNanoseconds: 1))
        let s = r.snapshot().summary
        XCTAssertTrue(s.counters.isEmpty)
        XCTAssertTrue(s.bytes.byType.isEmpty)
        XCTAssertTrue(s.bytes.byLink.isEmpty)
        XCTAssertTrue(s.crypto.isEmpty)
    }
}
