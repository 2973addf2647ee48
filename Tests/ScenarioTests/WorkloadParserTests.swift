import XCTest
@testable import Scenario

/// Workload files: the shipped ones parse against their topologies; each malformed kind gives one error
/// naming file, line and key.
final class WorkloadParserTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func topology(_ name: String) throws -> Topology {
        try TopologyParser.load(path: Self.root.appendingPathComponent("Topologies/\(name)").path)
    }

    func testShippedWorkloadsParse() throws {
        let pairs = [("quickstart", "three-regions.yaml"), ("group-size-sweep", "lan.yaml"), ("hub-placement", "three-regions.yaml"),
                     ("large-room", "three-regions.yaml"), ("churn-heavy", "three-regions.yaml"), ("partition", "flaky-transatlantic.yaml"),
                     ("ci-regression", "three-regions.yaml")]
        for (w, t) in pairs {
            let workload = try WorkloadParser.load(path: Self.root.appendingPathComponent("Workloads/\(w).yaml").path, topology: try topology(t))
            XCTAssertEqual(workload.name, w)
            XCTAssertGreaterThan(workload.roomCount, 0)
        }
        let q = try WorkloadParser.load(path: Self.root.appendingPathComponent("Workloads/quickstart.yaml").path, topology: try topology("three-regions.yaml"))
        XCTAssertEqual(q.duration.nanoseconds, 60_000_000_000)
        XCTAssertEqual(q.rooms[0].users, 50)
        XCTAssertEqual(q.rooms[0].spread.map(\.domain), ["a.example", "b.example", "c.example"])
        XCTAssertEqual(q.traffic.messages?.ratePerSecond, 2)
        XCTAssertEqual(q.traffic.churn?.addPerSecond ?? 0, 0.05, accuracy: 1e-12)
        XCTAssertEqual(q.objectives.map(\.metric), ["commit.converge_ms.p99", "message.deliver_ms.p99"])
    }

    /// (name, yaml, expected code, expected line, expected key)
    static let malformed: [(String, String, ScenarioError.Code, Int, String)] = [
        ("unknown top key", "duration: 10s\nrooms: [{ hub: a.example, users: 2 }]\nseeds: 3\n", .unknownKey, 3, "seeds"),
        ("missing duration", "rooms: [{ hub: a.example, users: 2 }]\n", .missingKey, 1, "duration"),
        ("duration without unit", "duration: 10\nrooms: [{ hub: a.example, users: 2 }]\n", .badUnit, 1, "duration"),
        ("wrong duration unit", "duration: 10Mbps\nrooms: [{ hub: a.example, users: 2 }]\n", .badUnit, 1, "duration"),
        ("zero duration", "duration: 0s\nrooms: [{ hub: a.example, users: 2 }]\n", .invalidValue, 1, "duration"),
        ("no rooms", "duration: 10s\nrooms: []\n", .invalidValue, 2, "rooms"),
        ("unknown hub", "duration: 10s\nrooms:\n  - { hub: z.example, users: 2 }\n", .unknownName, 3, "rooms[0].hub"),
        ("users not a number", "duration: 10s\nrooms:\n  - { hub: a.example, users: many }\n", .wrongType, 3, "rooms[0].users"),
        ("users out of range", "duration: 10s\nrooms:\n  - { hub: a.example, users: 0 }\n", .invalidValue, 3, "rooms[0].users"),
        ("shares not 100%", "duration: 10s\nrooms:\n  - { hub: a.example, users: 4, spread: { a.example: 50%, b.example: 40% } }\n", .invalidValue, 3, "rooms[0].spread"),
        ("unknown spread domain", "duration: 10s\nrooms:\n  - { hub: a.example, users: 4, spread: { a.example: 50%, q.example: 50% } }\n", .unknownName, 3, "rooms[0].spread.q.example"),
        ("unknown policy", "duration: 10s\nrooms:\n  - { hub: a.example, users: 2, policy: anarchic }\n", .invalidValue, 3, "rooms[0].policy"),
        ("unknown room key", "duration: 10s\nrooms:\n  - { hub: a.example, users: 2, size: 3 }\n", .unknownKey, 3, "rooms[0].size"),
        ("bad rate unit", "duration: 10s\nrooms: [{ hub: a.example, users: 2 }]\ntraffic:\n  messages: { rate: 2/day }\n", .badUnit, 4, "traffic.messages.rate"),
        ("rate without slash", "duration: 10s\nrooms: [{ hub: a.example, users: 2 }]\ntraffic:\n  messages: { rate: 20 }\n", .badUnit, 4, "traffic.messages.rate"),
        ("bad size unit", "duration: 10s\nrooms: [{ hub: a.example, users: 2 }]\ntraffic:\n  messages: { rate: 1/s, size: 200ms }\n", .badUnit, 4, "traffic.messages.size"),
        ("bad arrival", "duration: 10s\nrooms: [{ hub: a.example, users: 2 }]\ntraffic:\n  messages: { rate: 1/s, arrival: bursty }\n", .invalidValue, 4, "traffic.messages.arrival"),
        ("unknown churn kind", "duration: 10s\nrooms: [{ hub: a.example, users: 2 }]\ntraffic:\n  churn: { add: 1/s, kick: 1/s }\n", .unknownKey, 4, "traffic.churn.kick"),
        ("unknown objective", "duration: 10s\nrooms: [{ hub: a.example, users: 2 }]\nobjectives:\n  commit.latency.p99: 10\n", .unknownName, 4, "objectives.commit.latency.p99"),
        ("objective not a number", "duration: 10s\nrooms: [{ hub: a.example, users: 2 }]\nobjectives:\n  commit.converge_ms.p99: fast\n", .wrongType, 4, "objectives.commit.converge_ms.p99"),
        ("bad crypto_time", "duration: 10s\ncrypto_time: quantum\nrooms: [{ hub: a.example, users: 2 }]\n", .invalidValue, 2, "crypto_time"),
        ("bad ciphersuite", "duration: 10s\nciphersuite: 7\nrooms: [{ hub: a.example, users: 2 }]\n", .invalidValue, 2, "ciphersuite"),
        ("duplicate key", "duration: 10s\nduration: 20s\nrooms: [{ hub: a.example, users: 2 }]\n", .duplicateKey, 1, "duration"),
        ("yaml syntax", "duration: 10s\nrooms: [{ hub: a.example, users: 2 }\n", .syntax, 3, ""),
        ("uniform min above max", "duration: 10s\nrooms: [{ hub: a.example, users: 2 }]\ntraffic:\n  messages: { rate: 1/s, size: { uniform: { min: 2KiB, max: 1KiB } } }\n", .invalidValue, 4, "traffic.messages.size.uniform"),
    ]

    func testMalformedWorkloadsGiveOneClearError() throws {
        let topo = try topology("three-regions.yaml")
        XCTAssertGreaterThanOrEqual(Self.malformed.count, 15)
        for (name, yaml, code, line, key) in Self.malformed {
            do {
                _ = try WorkloadParser.parse(yaml, file: "bad.yaml", topology: topo)
                XCTFail("\(name): accepted")
            } catch {
                XCTAssertEqual(error.code, code, "\(name): \(error)")
                XCTAssertEqual(error.line, line, "\(name): \(error)")
                if !key.isEmpty { XCTAssertEqual(error.key, key, "\(name): \(error)") }
                XCTAssertTrue(error.description.contains("bad.yaml"), "\(name): \(error)")
            }
        }
    }
}

/// The built-in quickstart is the shipped files, byte for byte.
final class BuiltInScenarioTests: XCTestCase {
    func testBuiltInMatchesShippedFiles() throws {
        let root = WorkloadParserTests.root
        XCTAssertEqual(BuiltInScenario.topology, try String(contentsOfFile: root.appendingPathComponent("Topologies/three-regions.yaml").path, encoding: .utf8))
        XCTAssertEqual(BuiltInScenario.workload, try String(contentsOfFile: root.appendingPathComponent("Workloads/quickstart.yaml").path, encoding: .utf8))
    }
}
