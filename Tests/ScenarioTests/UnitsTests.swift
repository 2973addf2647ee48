import XCTest
@testable import Scenario

final class UnitsTests: XCTestCase {
    private func value(_ r: Result<Double, UnitProblem>) -> Double? { if case .success(let v) = r { return v } else { return nil } }
    private func problem(_ r: Result<Double, UnitProblem>) -> UnitProblem? { if case .failure(let p) = r { return p } else { return nil } }

    func testDurations() {
        XCTAssertEqual(value(Units.duration("250us")), 250_000)
        XCTAssertEqual(value(Units.duration("40ms")), 40_000_000)
        XCTAssertEqual(value(Units.duration("1.5s")), 1_500_000_000)
        XCTAssertEqual(value(Units.duration("2m")), 120_000_000_000)
        XCTAssertEqual(value(Units.duration("1h")), 3_600_000_000_000)
        XCTAssertEqual(value(Units.duration("7ns")), 7)
        XCTAssertEqual(value(Units.duration("1e3ms")), 1e9)
        XCTAssertEqual(problem(Units.duration("40"))?.isUnitError, true)
        XCTAssertEqual(problem(Units.duration("40Mbps"))?.isUnitError, true)
        XCTAssertEqual(problem(Units.duration("-5ms"))?.isUnitError, false)
        XCTAssertEqual(problem(Units.duration("fast"))?.isUnitError, false)
    }

    func testBandwidthSizePercent() {
        XCTAssertEqual(value(Units.bandwidth("50Mbps")), 50e6)
        XCTAssertEqual(value(Units.bandwidth("1Gbps")), 1e9)
        XCTAssertEqual(value(Units.bandwidth("2.5Kbps")), 2500)
        XCTAssertEqual(value(Units.size("1500B")), 1500)
        XCTAssertEqual(value(Units.size("64KiB")), 65_536)
        XCTAssertEqual(value(Units.size("1MB")), 1e6)
        XCTAssertEqual(value(Units.percent("0.1%")), 0.001)
        XCTAssertEqual(value(Units.percent("5%")), 0.05)
        XCTAssertEqual(problem(Units.percent("0.1"))?.isUnitError, true)
        XCTAssertEqual(problem(Units.bandwidth("50MB"))?.isUnitError, true)
        XCTAssertEqual(problem(Units.size("12 bits"))?.isUnitError, true)
    }
}
