import XCTest
@testable import Vectors

/// Runs the official tree-math vectors (10 tree sizes, 1 to 512 leaves).
final class TreeMathVectorTests: XCTestCase {
    func testOfficialTreeMathVectorsAllPass() throws {
        try VectorFiles.assertFile(try VectorFiles.mls("tree-math.json"), passed: 10)
    }

    func testAWrongParentIsReportedAsAFailureNamingTheField() throws {
        let json = #"[{"n_leaves": 2, "n_nodes": 3, "root": 1, "left": [null, 0, null], "right": [null, 2, null], "parent": [1, null, 2], "sibling": [2, null, 0]}]"#
        let entries = try JSONDecoder().decode([TreeMathVector].self, from: Data(json.utf8))
        guard case .failed(let why) = entries[0].verify() else { return XCTFail("a wrong parent[2] must fail") }
        XCTAssertTrue(why.hasPrefix("parent[2]"), why)
    }

    func testANonPowerOfTwoLeafCountFails() throws {
        let json = #"[{"n_leaves": 3, "n_nodes": 5, "root": 3, "left": [], "right": [], "parent": [], "sibling": []}]"#
        let entries = try JSONDecoder().decode([TreeMathVector].self, from: Data(json.utf8))
        guard case .failed = entries[0].verify() else { return XCTFail("3 leaves is not a full tree") }
    }
}
