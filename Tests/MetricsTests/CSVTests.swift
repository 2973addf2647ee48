import Foundation
import XCTest
@testable import Metrics

final class CSVTests: XCTestCase {
    private func file(_ name: String) throws -> [String] {
        let files = try SyntheticRun.standard.get().files()
        let data = try XCTUnwrap(files.first { $0.name == name }?.data, name)
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    func testLatencyCSV() throws {
        let lines = try file("latency.csv")
        XCTAssertEqual(lines.first, "metric,count,min_ms,mean_ms,p50_ms,p90_ms,p99_ms,p99.9_ms,max_ms")
        XCTAssertEqual(lines.dropFirst().map { String($0.split(separator: ",")[0]) },
                       ["commit.accept_ms", "commit.converge_ms", "message.deliver_ms", "message.last_deliver_ms"])
        XCTAssertTrue(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 9 })
        XCTAssertFalse(lines.joined().contains("e-"), "no exponent notation")
    }

    func testTimeSeriesCSVCoversEveryIntervalAndMetric() throws {
        let lines = try file("timeseries.csv")
        XCTAssertEqual(lines.first, "interval,start_s,metric,count,per_s,p50_ms,p99_ms")
        // 60 s of traffic; samples that complete after 60 s open a 61st interval.
        XCTAssertEqual(lines.count, 1 + 61 * 4)
        XCTAssertTrue(lines[1].hasPrefix("0,0,commit.accept_ms,"))
        XCTAssertTrue(lines.last!.hasPrefix("60,60,message.last_deliver_ms,"))
        // 20 messages x 40 recipients per second, one count per recipient.
        let deliveries = lines.filter { $0.contains(",message.deliver_ms,") }.map { UInt64($0.split(separator: ",")[3])! }
        XCTAssertEqual(deliveries.count, 61)
        XCTAssertEqual(deliveries.reduce(0, +), 60 * 20 * 40)
    }

    func testBytesCryptoCountersCSV() throws {
        let bytes = try file("bytes.csv")
        XCTAssertEqual(bytes.first, "link,message_type,count,total_bytes,min_bytes,mean_bytes,p50_bytes,p90_bytes,p99_bytes,max_bytes")
        XCTAssertEqual(bytes[1...5].map { String($0.split(separator: ",")[1]) }, ["application", "commit", "groupinfo", "keypackage", "welcome"])
        XCTAssertTrue(bytes.contains { $0.hasPrefix("a.example->b.example,*,") && $0.hasSuffix(",,,,,,") })
        let crypto = try file("crypto.csv")
        XCTAssertEqual(crypto.first, "primitive,role,count,cpu_us,count_per_commit,cpu_us_per_commit")
        XCTAssertTrue(crypto[1].hasSuffix(",,"), "no commit accounted: empty per-commit columns")
        XCTAssertEqual(crypto.count, 1 + 9 * 5)
        XCTAssertTrue(crypto[1].hasPrefix("aead.open,*,"))
        XCTAssertTrue(crypto[2].hasPrefix("aead.open,committer,"))
        XCTAssertEqual(try file("counters.csv"), ["counter,label,value", "commit.rejected,*,4", "commit.rejected,notAllowed,1",
                                                  "commit.rejected,wrongEpoch,3", "fanout.duplicates_dropped,*,5",
                                                  "fanout.retries,*,17", "message.lost,*,0"])
    }

    func testEscapingAndNumberText() {
        XCTAssertEqual(CSVTable.escape("plain"), "plain")
        XCTAssertEqual(CSVTable.escape("a,b"), "\"a,b\"")
        XCTAssertEqual(CSVTable.escape("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(NumberFormat.plain(0.000001), "0.000001")
        XCTAssertEqual(NumberFormat.plain(1234.5), "1234.5")
        XCTAssertEqual(NumberFormat.plain(2000), "2000")
        XCTAssertEqual(NumberFormat.plain(-0.0), "0")
        XCTAssertEqual(NumberFormat.plain(1e20), "100000000000000000000")
        XCTAssertEqual(NumberFormat.grouped(1_234_567), "1,234,567")
        XCTAssertEqual(NumberFormat.bytes(1536), "1.5 KiB")
        XCTAssertEqual(NumberFormat.short(0.012345), "0.01235")
    }
}
