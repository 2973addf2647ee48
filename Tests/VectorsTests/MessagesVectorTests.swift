import Foundation
import MLS
import MLSCrypto
import XCTest
@testable import Vectors

/// Runs the official messages vectors (300 entries) and checks that a damaged entry fails naming its field.
final class MessagesVectorTests: XCTestCase {
    func testOfficialMessagesVectorsAllPass() throws {
        try VectorFiles.assertFile(try VectorFiles.mls("messages.json"), passed: 300)
    }

    private func firstEntry() throws -> [String: String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: try VectorFiles.mls("messages.json")))
        let entries = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [[String: String]])
        return try XCTUnwrap(entries.first)
    }

    private func verdict(_ entry: [String: String]) throws -> VectorVerdict {
        let json = try JSONSerialization.data(withJSONObject: [entry])
        return try XCTUnwrap(try JSONDecoder().decode([MessagesVector].self, from: json).first).verify()
    }

    func testEveryFieldIsCheckedAndNamedWhenItsBytesAreDamaged() throws {
        let entry = try firstEntry()
        XCTAssertEqual(try verdict(entry), .passed)
        XCTAssertEqual(entry.count, 17)
        for field in entry.keys.sorted() {
            var damaged = entry
            damaged[field] = entry[field]! + "00" // One trailing byte.
            guard case .failed(let why) = try verdict(damaged) else {
                XCTFail("\(field) with a trailing byte must fail")
                continue
            }
            XCTAssertTrue(why.hasPrefix(field + ":"), "\(field): \(why)")
        }
    }

    func testAMessageOfTheWrongWireFormatFails() throws {
        var entry = try firstEntry()
        entry["mls_welcome"] = entry["mls_group_info"]
        guard case .failed(let why) = try verdict(entry) else { return XCTFail("a GroupInfo is not a Welcome") }
        XCTAssertTrue(why.hasPrefix("mls_welcome wire_format"), why)
        entry = try firstEntry()
        entry["public_message_commit"] = entry["public_message_proposal"]
        guard case .failed(let why2) = try verdict(entry) else { return XCTFail("a proposal is not a commit") }
        XCTAssertTrue(why2.hasPrefix("public_message_commit content_type"), why2)
    }

    /// The welcome vectors pair a KeyPackage with a Welcome to it: the KeyPackageRef computed here must be
    /// the `new_member` the Welcome names, for every suite this build supports.
    func testKeyPackageRefsMatchTheWelcomeVectors() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: try VectorFiles.mls("welcome.json")))
        let entries = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        var matched = 0
        for entry in entries {
            guard let suiteID = entry["cipher_suite"] as? Int, let suite = try? CipherSuite(id: UInt16(suiteID)) else { continue }
            let keyPackageMessage = try MLSMessage.decode(try XCTUnwrap(Hex.decode(try XCTUnwrap(entry["key_package"] as? String))))
            let welcomeMessage = try MLSMessage.decode(try XCTUnwrap(Hex.decode(try XCTUnwrap(entry["welcome"] as? String))))
            guard case .keyPackage(let keyPackage) = keyPackageMessage.body, case .welcome(let welcome) = welcomeMessage.body else {
                return XCTFail("welcome.json entry with unexpected wire formats")
            }
            let crypto = CryptoContext(suite: suite, actor: OperationMeter().actor("test"), random: SeededRandom(seed: 1))
            let reference = KeyPackageRef(keyPackage, crypto: crypto)
            XCTAssertNotNil(welcome.secrets(for: reference), "suite \(suiteID): the Welcome names the key package's reference")
            matched += 1
        }
        XCTAssertEqual(matched, 3, "one welcome entry per supported suite")
    }
}
