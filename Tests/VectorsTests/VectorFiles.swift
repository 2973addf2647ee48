import Foundation
import XCTest
@testable import Vectors

/// Finds the shared vector folders: environment variable first, then ../shared/vectors beside the package.
/// Without either the test is skipped with a message, except under CI=true, where it fails.
enum VectorFiles {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func folder(env: String, shared: String) throws -> String {
        if let path = ProcessInfo.processInfo.environment[env], !path.isEmpty { return path }
        let path = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/vectors/\(shared)").path
        if FileManager.default.fileExists(atPath: path) { return path }
        let message = "vector folder not found: set \(env) or place the vectors at \(path) (MLS vectors: mlswg/mls-implementations test-vectors; HPKE: RFC 9180 Appendix A)"
        if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail(message); throw XCTSkip(message) }
        throw XCTSkip(message)
    }

    /// The path of one MLS vector file.
    static func mls(_ name: String) throws -> String {
        (try folder(env: "MLS_TEST_VECTORS", shared: "mls") as NSString).appendingPathComponent(name)
    }

    /// The path of one HPKE vector file.
    static func hpke(_ name: String) throws -> String {
        (try folder(env: "HPKE_TEST_VECTORS", shared: "hpke") as NSString).appendingPathComponent(name)
    }

    /// Runs a file and asserts no failures, `expectedPassed` passes in total and the given skipped count.
    static func assertFile(_ path: String, kind: String? = nil, passed expectedPassed: Int, skipped expectedSkipped: Int = 0,
                           file: StaticString = #filePath, line: UInt = #line) throws {
        let reports = try VectorRunner.run(file: path, kind: kind.flatMap(VectorKinds.named))
        let passed = reports.reduce(0) { $0 + $1.passed }
        let failed = reports.reduce(0) { $0 + $1.failed }
        let skipped = reports.reduce(0) { $0 + $1.skipped }
        XCTAssertEqual(failed, 0, "failures: \(reports.flatMap(\.failures))", file: file, line: line)
        XCTAssertEqual(passed, expectedPassed, "entries passed", file: file, line: line)
        XCTAssertEqual(skipped, expectedSkipped, "entries skipped: \(reports.flatMap(\.skipReasons))", file: file, line: line)
    }
}
