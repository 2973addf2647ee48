import Foundation
import XCTest
@testable import Simulator

final class DistributionTests: XCTestCase {
    static let probabilities = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99]

    /// Draws `n` samples and compares empirical quantiles with the definition, within 2 %.
    private func assertQuantilesMatch(_ d: Distribution, against definition: (Double) -> Double, n: Int = 400_000,
                                      file: StaticString = #filePath, line: UInt = #line) {
        var stream = RandomStream(seed: 2024, name: d.description)
        var samples = [Double](repeating: 0, count: n)
        for i in 0..<n { samples[i] = d.sample(&stream) }
        samples.sort()
        for p in Self.probabilities {
            let empirical = samples[Int(p * Double(n))]
            let expected = definition(p)
            XCTAssertEqual(d.quantile(p), expected, accuracy: abs(expected) * 1e-9, "quantile() vs definition at p=\(p)", file: file, line: line)
            XCTAssertEqual(empirical, expected, accuracy: abs(expected) * 0.02, "\(d) at p=\(p)", file: file, line: line)
        }
    }

    func testConstant() {
        var s = RandomStream(seed: 1)
        XCTAssertEqual(Distribution.constant(7).sample(&s), 7)
        assertQuantilesMatch(.constant(7), against: { _ in 7 }, n: 1000)
    }

    func testUniform() { assertQuantilesMatch(.uniform(min: 10, max: 30), against: { 10 + 20 * $0 }) }

    func testExponential() { assertQuantilesMatch(.exponential(mean: 5), against: { -5 * log(1 - $0) }) }

    /// Normal(100, 15): definition by the standard normal CDF, inverted here by bisection on erfc.
    func testNormal() {
        func phiInverse(_ p: Double) -> Double {
            var lo = -10.0, hi = 10.0
            for _ in 0..<200 { let mid = (lo + hi) / 2; if 0.5 * erfc(-mid / 2.0.squareRoot()) < p { lo = mid } else { hi = mid } }
            return (lo + hi) / 2
        }
        assertQuantilesMatch(.normal(mean: 100, standardDeviation: 15), against: { 100 + 15 * phiInverse($0) })
    }

    /// Lognormal given as median 40 and p99 75: the median and p99 are exactly what was asked for.
    func testLognormalFromMedianAndP99() {
        let d = Distribution.lognormal(median: 40, p99: 75)
        XCTAssertEqual(d.quantile(0.5), 40, accuracy: 1e-9)
        XCTAssertEqual(d.quantile(0.99), 75, accuracy: 1e-9)
        let sigma = log(75.0 / 40) / 2.326_347_874_040_840_8
        assertQuantilesMatch(d, against: { p in
            var lo = -10.0, hi = 10.0
            for _ in 0..<200 { let mid = (lo + hi) / 2; if 0.5 * erfc(-mid / 2.0.squareRoot()) < p { lo = mid } else { hi = mid } }
            return 40 * exp(sigma * (lo + hi) / 2)
        })
    }

    func testPareto() { assertQuantilesMatch(.pareto(scale: 2, shape: 2.5), against: { 2 * pow(1 - $0, -1 / 2.5) }) }

    func testEmpirical() throws {
        let table = try EmpiricalTable(points: [(0, 10), (0.5, 20), (0.9, 50), (0.99, 100), (1, 200)])
        func definition(_ p: Double) -> Double {
            if p <= 0.5 { return 10 + 20 * p }
            if p <= 0.9 { return 20 + (p - 0.5) / 0.4 * 30 }
            if p <= 0.99 { return 50 + (p - 0.9) / 0.09 * 50 }
            return 100 + (p - 0.99) / 0.01 * 100
        }
        assertQuantilesMatch(.empirical(table), against: definition)
    }

    func testInvalidParametersAreRejected() throws {
        let bad: [Distribution] = [.uniform(min: 3, max: 1), .normal(mean: 0, standardDeviation: -1), .exponential(mean: 0),
                                   .lognormal(median: 50, p99: 40), .pareto(scale: 0, shape: 1), .constant(.nan)]
        for d in bad {
            XCTAssertThrowsError(try d.validate(), "\(d)") { XCTAssertEqual(($0 as? SimulatorError)?.code, .invalidDistribution) }
        }
        XCTAssertThrowsError(try EmpiricalTable(points: [(0, 1), (0.5, 0.5), (1, 2)]))
        XCTAssertThrowsError(try EmpiricalTable(points: [(0.1, 1), (1, 2)]))
        XCTAssertThrowsError(try EmpiricalTable(points: [(0, 1), (0.5, 2), (0.5, 3), (1, 4)]))
    }

    func testMeans() throws {
        XCTAssertEqual(Distribution.lognormal(median: 40, p99: 75).mean, 40 * exp(pow(log(75.0 / 40) / 2.3263478740408408, 2) / 2), accuracy: 1e-9)
        XCTAssertEqual(Distribution.pareto(scale: 2, shape: 2.5).mean, 2.5 * 2 / 1.5, accuracy: 1e-12)
        XCTAssertEqual(try EmpiricalTable(points: [(0, 0), (1, 10)]).mean, 5)
    }
}
