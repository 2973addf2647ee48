import Foundation
import XCTest
@testable import Vectors

/// Runs the draft-ietf-mimi-content-08 examples (14 content messages and implied-original).
final class MIMIContentVectorTests: XCTestCase {
    private func folder() throws -> String {
        try VectorFiles.folder(env: "MIMI_CONTENT_EXAMPLES", shared: "mimi-content")
    }

    func testEveryExampleDecodesReencodesAndHasTheStatedMessageId() throws {
        let reports = try VectorRunner.run(paths: [try folder()])
        XCTAssertEqual(reports.count, 15, "files: \(reports.map(\.file))")
        XCTAssertEqual(reports.reduce(0) { $0 + $1.passed }, 15)
        XCTAssertEqual(reports.reduce(0) { $0 + $1.failed }, 0, "\(reports.flatMap(\.failures))")
        XCTAssertEqual(reports.reduce(0) { $0 + $1.skipped }, 0)
        XCTAssertTrue(reports.allSatisfy { $0.kind == "mimi-content" })
    }

    func testCborFilesSelectTheMimiContentKind() {
        XCTAssertEqual(VectorKinds.forFile("/x/original.cbor")?.name, "mimi-content")
        XCTAssertEqual(VectorKinds.forFile("/x/tree-math.json")?.name, "tree-math")
    }

    func testAChangedContentByteChangesTheMessageIdAndFails() throws {
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: (try folder() as NSString).appendingPathComponent("original.cbor"))))
        XCTAssertEqual(MIMIContentVector.verify(bytes), .passed)
        // The last byte is inside the Markdown text: still valid content, but another message ID.
        bytes[bytes.count - 1] ^= 0x01
        guard case .failed(let why) = MIMIContentVector.verify(bytes) else { return XCTFail("a changed body must fail") }
        XCTAssertTrue(why.contains("message ID"), why)
    }

    func testNonDeterministicExampleBytesFail() throws {
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: (try folder() as NSString).appendingPathComponent("original.cbor"))))
        // 0x87 (array of 7) rewritten as 0x98 0x07: the same array with a non-shortest length.
        bytes.replaceSubrange(0..<1, with: [0x98, 0x07])
        guard case .failed(let why) = MIMIContentVector.verify(bytes) else { return XCTFail("non-shortest length must fail") }
        XCTAssertTrue(why.contains("nonDeterministicCBOR"), why)
    }

    func testContentWithoutAStatedIdIsSkippedNotPassed() throws {
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: (try folder() as NSString).appendingPathComponent("original.cbor"))))
        bytes[2] ^= 0xff  // first salt byte
        guard case .skipped = MIMIContentVector.verify(bytes) else { return XCTFail("an unknown salt has no stated ID") }
    }
}
