import XCTest
@testable import Scenario

/// Action generation is deterministic and matches the workload's rates; traces round-trip through
/// `.jsonl` and `.jsonl.zst`; bad traces give errors naming the line.
final class TraceTests: XCTestCase {
    let yaml = """
    duration: 100s
    seed: 9
    rooms: [{ count: 2, hub: a.example, users: 10 }]
    traffic:
      messages: { rate: 5/s, per: room, size: { uniform: { min: 10B, max: 20B } } }
      updates: { every: 10s }
      churn: { add: 6/min, leave: 3/min }
    """

    func testGenerationIsDeterministicAndMatchesRates() throws {
        let w = try WorkloadParser.parse(yaml, file: "w.yaml")
        let a = ActionGenerator.actions(for: w), b = ActionGenerator.actions(for: w)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.map(\.t_ns), a.map(\.t_ns).sorted())
        let messages = a.filter { $0.kind == .message }
        let expected: Double = 1000
        XCTAssertEqual(Double(messages.count), expected, accuracy: expected * 0.1)
        XCTAssertEqual(a.filter { $0.kind == .update }.count, 2 * 9)
        let adds = Double(a.filter { $0.kind == .add }.count)
        XCTAssertEqual(adds, 20.0, accuracy: 12.0)
        XCTAssertTrue(messages.allSatisfy { (10...20).contains($0.size) })
        var other = w
        other.seed = 10
        XCTAssertNotEqual(ActionGenerator.actions(for: other), a)
    }

    func testTracesRoundTripPlainAndCompressed() throws {
        let actions = ActionGenerator.actions(for: try WorkloadParser.parse(yaml, file: "w.yaml"))
        for name in ["t.jsonl", "t.jsonl.zst"] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
            let w = try TraceWriter(path: path)
            for a in actions { try w.write(a) }
            try w.close()
            XCTAssertEqual(try TraceReader.read(path: path), actions, name)
        }
        let plain = try Data(contentsOf: FileManager.default.temporaryDirectory.appendingPathComponent("t.jsonl")).count
        let packed = try Data(contentsOf: FileManager.default.temporaryDirectory.appendingPathComponent("t.jsonl.zst")).count
        XCTAssertLessThan(packed * 3, plain, "zstd should compress JSON lines well")
    }

    func testBadTracesNameTheLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad.jsonl").path
        try "{\"t_ns\":5,\"room\":0,\"kind\":\"message\",\"pick\":1,\"size\":3}\n{\"t_ns\":\"x\"}\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TraceReader.read(path: path)) { XCTAssertEqual(($0 as? ScenarioError)?.line, 2) }
        try "{\"t_ns\":5,\"room\":0,\"kind\":\"message\",\"pick\":1,\"size\":3}\n{\"t_ns\":4,\"room\":0,\"kind\":\"message\",\"pick\":1,\"size\":3}\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TraceReader.read(path: path)) { XCTAssertEqual(($0 as? ScenarioError)?.line, 2) }
        let zst = FileManager.default.temporaryDirectory.appendingPathComponent("bad.jsonl.zst").path
        try Data([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]).write(to: URL(fileURLWithPath: zst))
        XCTAssertThrowsError(try TraceReader.read(path: zst))
    }
}
