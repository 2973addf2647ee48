import XCTest
@testable import Vectors

/// Runs the official deserialization vectors (14 variable-length integer headers).
final class DeserializationVectorTests: XCTestCase {
    func testOfficialDeserializationVectorsAllPass() throws {
        try VectorFiles.assertFile(try VectorFiles.mls("deserialization.json"), passed: 14)
    }

    func testMismatchedAndNonMinimalHeadersFail() throws {
        let json = #"[{"vlbytes_header": "4040", "length": 65}, {"vlbytes_header": "4001", "length": 1}, {"vlbytes_header": "c0", "length": 0}, {"vlbytes_header": "0d00", "length": 13}]"#
        let entries = try JSONDecoder().decode([DeserializationVector].self, from: Data(json.utf8))
        for (index, entry) in entries.enumerated() {
            guard case .failed = entry.verify() else { return XCTFail("entry \(index) must fail") }
        }
    }
}
