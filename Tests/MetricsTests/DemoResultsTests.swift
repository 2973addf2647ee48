import Foundation
import XCTest
@testable import Metrics

/// Writes the synthetic run's results folder: to `$MIMISIM_DEMO_RESULTS` when set (to look at the report),
/// otherwise to a temporary folder that is removed again.
final class DemoResultsTests: XCTestCase {
    func testWriteDemoResultsFolder() throws {
        let target = ProcessInfo.processInfo.environment["MIMISIM_DEMO_RESULTS"]
        let dir = target.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("mimisim-demo-\(UUID().uuidString)")
        defer { if target == nil { try? FileManager.default.removeItem(at: dir) } }
        let wall = Host.wall(start: Date(timeIntervalSince1970: 1_735_689_600), end: Date(timeIntervalSince1970: 1_735_689_612.5))
        var results = try SyntheticRun.results(wall: wall)
        results.summary.run.machine = Host.machine()
        try ResultsFolder.write(results, to: dir)
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, HTMLReport.chartCount)
        XCTAssertEqual(wall.start, "2025-01-01T00:00:00.000Z")
        XCTAssertEqual(wall.durationS, 12.5)
        XCTAssertGreaterThan(try XCTUnwrap(wall.peakRssBytes), 1_000_000)
        XCTAssertGreaterThan(results.summary.run.machine.cores, 0)
    }
}
