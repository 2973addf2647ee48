import XCTest
@testable import MLSCrypto

/// The calibration table: every metered primitive has a built-in cost for suites 1–3, costs add up per
/// count, and a measured table is in the same shape.
final class CryptoCostTableTests: XCTestCase {
    func testBuiltInCoversEveryPrimitive() {
        for suite in CipherSuite.supported {
            for p in Primitive.allCases {
                XCTAssertGreaterThan(CryptoCostTable.builtIn.nanos(p, suite: suite.id), 0, "\(p) in suite \(suite.id)")
            }
        }
    }

    func testCostIsCountTimesUnit() {
        let t = CryptoCostTable.builtIn
        let cost = t.cost([(.sign, 2), (.verify, 3), (.hash, 10)], suite: 1)
        XCTAssertEqual(cost, 2 * t.nanos(.sign, suite: 1) + 3 * t.nanos(.verify, suite: 1) + 10 * t.nanos(.hash, suite: 1))
        XCTAssertEqual(t.nanos(.sign, suite: 9), 0)
    }

    func testMeasuredTableHasTheSameShape() throws {
        let measured = try CryptoCostTable.measure(.x25519Aes128GcmEd25519, batches: 1, callsPerBatch: 2)
        XCTAssertEqual(measured.keys.sorted(), CryptoCostTable.builtIn.suites["1"]!.keys.sorted())
        XCTAssertTrue(measured.values.allSatisfy { $0 > 0 })
    }
}
