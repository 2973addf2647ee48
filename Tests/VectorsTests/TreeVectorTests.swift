import Foundation
import XCTest
@testable import Vectors

/// The official tree-operations, tree-validation and treekem vectors: every entry of suites 1–3 passes,
/// suites 4–7 are skipped, and a damaged entry fails naming its field.
final class TreeVectorTests: XCTestCase {
    func testTreeOperationsVectorsAllPass() throws {
        try VectorFiles.assertFile(try VectorFiles.mls("tree-operations.json"), passed: 5)
    }

    func testTreeValidationVectorsPassForSuites1To3() throws {
        try VectorFiles.assertFile(try VectorFiles.mls("tree-validation.json"), passed: 42, skipped: 56)
    }

    func testTreeKEMVectorsPassForSuites1To3() throws {
        try VectorFiles.assertFile(try VectorFiles.mls("treekem.json"), passed: 33, skipped: 44)
    }

    private func entries(_ file: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: try VectorFiles.mls(file)))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    private func verdict<V: TestVector>(_ entry: [String: Any], as type: V.Type) throws -> VectorVerdict {
        let json = try JSONSerialization.data(withJSONObject: [entry])
        return try XCTUnwrap(try JSONDecoder().decode([V].self, from: json).first).verify()
    }

    /// Flips the last hex digit of a hex string.
    private func damaged(_ hex: String) -> String {
        String(hex.dropLast()) + (hex.last == "0" ? "1" : "0")
    }

    private func assertFails(_ verdict: VectorVerdict, mentioning text: String, file: StaticString = #filePath, line: UInt = #line) {
        guard case .failed(let why) = verdict else { return XCTFail("expected a failure mentioning \(text), got \(verdict)", file: file, line: line) }
        XCTAssertTrue(why.contains(text), why, file: file, line: line)
    }

    func testDamagedTreeOperationsEntriesFail() throws {
        for entry in try entries("tree-operations.json") {
            XCTAssertEqual(try verdict(entry, as: TreeOperationsVector.self), .passed)
            for field in ["tree_hash_before", "tree_hash_after"] {
                var bad = entry
                bad[field] = damaged(try XCTUnwrap(entry[field] as? String))
                assertFails(try verdict(bad, as: TreeOperationsVector.self), mentioning: field)
            }
            var bad = entry
            bad["proposal_sender"] = 1000
            if (entry["proposal"] as? String)?.hasPrefix("0002") == true {
                assertFails(try verdict(bad, as: TreeOperationsVector.self), mentioning: "invalidProposal")
            }
        }
    }

    func testDamagedTreeValidationEntriesFail() throws {
        let entry = try XCTUnwrap(try entries("tree-validation.json").first { ($0["cipher_suite"] as? Int) == 1 && (($0["tree_hashes"] as? [Any])?.count ?? 0) > 7 })
        var hashes = try XCTUnwrap(entry["tree_hashes"] as? [String])
        hashes[3] = damaged(hashes[3])
        var bad = entry
        bad["tree_hashes"] = hashes
        assertFails(try verdict(bad, as: TreeValidationVector.self), mentioning: "tree_hashes[3]")
        var resolutions = try XCTUnwrap(entry["resolutions"] as? [[Int]])
        resolutions[0] = [2]
        bad = entry
        bad["resolutions"] = resolutions
        assertFails(try verdict(bad, as: TreeValidationVector.self), mentioning: "resolutions[0]")
        bad = entry
        bad["group_id"] = "00"
        assertFails(try verdict(bad, as: TreeValidationVector.self), mentioning: "signature")
    }

    func testDamagedTreeKEMEntriesFail() throws {
        let entry = try XCTUnwrap(try entries("treekem.json").first { ($0["cipher_suite"] as? Int) == 1 })
        XCTAssertEqual(try verdict(entry, as: TreeKEMVector.self), .passed)
        var paths = try XCTUnwrap(entry["update_paths"] as? [[String: Any]])
        paths[0]["commit_secret"] = damaged(try XCTUnwrap(paths[0]["commit_secret"] as? String))
        var bad = entry
        bad["update_paths"] = paths
        assertFails(try verdict(bad, as: TreeKEMVector.self), mentioning: "commit_secret")

        paths = try XCTUnwrap(entry["update_paths"] as? [[String: Any]])
        paths[0]["tree_hash_after"] = damaged(try XCTUnwrap(paths[0]["tree_hash_after"] as? String))
        bad = entry
        bad["update_paths"] = paths
        assertFails(try verdict(bad, as: TreeKEMVector.self), mentioning: "tree_hash_after")

        bad = entry
        bad["epoch"] = (entry["epoch"] as? Int ?? 0) + 1
        assertFails(try verdict(bad, as: TreeKEMVector.self), mentioning: "crypto")

        var leaves = try XCTUnwrap(entry["leaves_private"] as? [[String: Any]])
        leaves[0]["encryption_priv"] = leaves[1]["encryption_priv"]
        bad = entry
        bad["leaves_private"] = leaves
        assertFails(try verdict(bad, as: TreeKEMVector.self), mentioning: "leaves_private[0]")
    }
}
