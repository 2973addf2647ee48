import XCTest
@testable import Scenario
@testable import Simulator

/// Records every event it sees.
struct EventLog: EventHandler {
    var events: [Event] = []
    mutating func handle(_ event: Event, engine: Engine) { events.append(event) }
}

/// Each malformed topology gives exactly one clear error naming file, line and key.
final class MalformedTopologyTests: XCTestCase {
    /// A valid base; each case replaces one line (or appends lines).
    static let base = """
    regions: [eu, us]
    links:
      - { between: [eu, us], latency: 40ms, bandwidth: 1Gbps }
    providers:
      - { domain: a.example, region: eu, cores: 8 }
      - { domain: b.example, region: us, cores: 8 }
    clients:
      default: { latency: 25ms, bandwidth: 50Mbps, cores: 2 }
    """

    struct Case {
        let name: String
        let yaml: String
        let code: ScenarioError.Code
        let line: Int
        let key: String?
    }

    static func replacing(_ old: String, with new: String) -> String {
        precondition(base.contains(old), old)
        return base.replacingOccurrences(of: old, with: new)
    }

    static let cases: [Case] = [
        Case(name: "YAML syntax", yaml: replacing("  - { domain: a.example, region: eu, cores: 8 }", with: "  - { domain: a.example, region: eu, cores: 8"),
             code: .syntax, line: 6, key: nil),
        Case(name: "unknown top-level key", yaml: base + "\nregion: [ap]", code: .unknownKey, line: 9, key: "region"),
        Case(name: "unknown key in a link", yaml: replacing("latency: 40ms, bandwidth", with: "latency: 40ms, bandwith"),
             code: .unknownKey, line: 3, key: "links[0].bandwith"),
        Case(name: "missing regions", yaml: replacing("regions: [eu, us]", with: "name: x"), code: .missingKey, line: 1, key: "regions"),
        Case(name: "duplicate key", yaml: replacing("cores: 8 }\n  - { domain: b", with: "cores: 8, cores: 4 }\n  - { domain: b"),
             code: .duplicateKey, line: 5, key: "cores"),
        Case(name: "regions not a list", yaml: replacing("regions: [eu, us]", with: "regions: { eu: 1 }"),
             code: .wrongType, line: 1, key: "regions"),
        Case(name: "latency without unit", yaml: replacing("latency: 40ms, bandwidth", with: "latency: 40, bandwidth"),
             code: .badUnit, line: 3, key: "links[0].latency"),
        Case(name: "bandwidth in a time unit", yaml: replacing("bandwidth: 1Gbps", with: "bandwidth: 40ms"),
             code: .badUnit, line: 3, key: "links[0].bandwidth"),
        Case(name: "loss without percent", yaml: replacing("bandwidth: 1Gbps }", with: "bandwidth: 1Gbps, loss: 0.1 }"),
             code: .badUnit, line: 3, key: "links[0].loss"),
        Case(name: "loss out of range", yaml: replacing("bandwidth: 1Gbps }", with: "bandwidth: 1Gbps, loss: 150% }"),
             code: .invalidValue, line: 3, key: "links[0].loss"),
        Case(name: "segment size in bits", yaml: replacing("bandwidth: 1Gbps }", with: "bandwidth: 1Gbps, mss: 1500bits }"),
             code: .badUnit, line: 3, key: "links[0].mss"),
        Case(name: "negative duration", yaml: replacing("latency: 40ms, bandwidth", with: "latency: -40ms, bandwidth"),
             code: .invalidValue, line: 3, key: "links[0].latency"),
        Case(name: "dangling region in a link", yaml: replacing("between: [eu, us]", with: "between: [eu, ap]"),
             code: .unknownName, line: 3, key: "links[0].between[1]"),
        Case(name: "dangling region of a provider", yaml: replacing("region: us, cores", with: "region: usa, cores"),
             code: .unknownName, line: 6, key: "providers[1].region"),
        Case(name: "dangling provider in a fault", yaml: base + "\nfaults:\n  - { at: 10s, crash: z.example }",
             code: .unknownName, line: 10, key: "faults[0].crash"),
        Case(name: "duplicate region", yaml: replacing("regions: [eu, us]", with: "regions: [eu, us, eu]"),
             code: .duplicateName, line: 1, key: "regions[2]"),
        Case(name: "duplicate provider", yaml: replacing("domain: b.example", with: "domain: a.example"),
             code: .duplicateName, line: 6, key: "providers[1].domain"),
        Case(name: "zero cores", yaml: replacing("region: us, cores: 8", with: "region: us, cores: 0"),
             code: .invalidValue, line: 6, key: "providers[1].cores"),
        Case(name: "cores not a number", yaml: replacing("region: us, cores: 8", with: "region: us, cores: many"),
             code: .wrongType, line: 6, key: "providers[1].cores"),
        Case(name: "missing link between regions", yaml: replacing("between: [eu, us]", with: "within: eu"),
             code: .missingLink, line: 3, key: "links"),
        Case(name: "link defined twice", yaml: replacing("bandwidth: 1Gbps }", with: "bandwidth: 1Gbps }\n  - { from: us, to: eu, latency: 41ms }"),
             code: .duplicateName, line: 4, key: "links[1].from"),
        Case(name: "both between and from", yaml: replacing("between: [eu, us], latency", with: "between: [eu, us], from: eu, latency"),
             code: .conflictingKeys, line: 3, key: "links[0]"),
        Case(name: "unknown distribution", yaml: replacing("latency: 40ms, bandwidth", with: "latency: { gamma: { k: 2 } }, bandwidth"),
             code: .unknownKey, line: 3, key: "links[0].latency.gamma"),
        Case(name: "lognormal p99 below median", yaml: replacing("latency: 40ms, bandwidth", with: "latency: { lognormal: { median: 40ms, p99: 30ms } }, bandwidth"),
             code: .invalidValue, line: 3, key: "links[0].latency.lognormal"),
        Case(name: "empirical quantiles not increasing", yaml: replacing("latency: 40ms, bandwidth",
             with: "latency: { empirical: [{ p: 0%, value: 30ms }, { p: 0%, value: 40ms }, { p: 100%, value: 90ms }] }, bandwidth"),
             code: .invalidValue, line: 3, key: "links[0].latency.empirical"),
        Case(name: "repeating fault without until", yaml: base + "\nfaults:\n  - { at: 10s, every: 1m, for: 5s, partition: [eu, us] }",
             code: .missingKey, line: 10, key: "faults[0].until"),
        Case(name: "bad partition mode", yaml: base + "\nfaults:\n  - { at: 10s, for: 5s, partition: [eu, us], mode: lose }",
             code: .invalidValue, line: 10, key: "faults[0].mode"),
        Case(name: "fault with two actions", yaml: base + "\nfaults:\n  - { at: 10s, crash: a.example, partition: [eu, us] }",
             code: .conflictingKeys, line: 10, key: "faults[0]"),
        Case(name: "absurdly long duration", yaml: base + "\nfaults:\n  - { at: 1e12h, crash: a.example }",
             code: .invalidValue, line: 10, key: "faults[0].at"),
        Case(name: "too many repeats", yaml: base + "\nfaults:\n  - { at: 0s, every: 1us, for: 100ns, until: 1h, partition: [eu, us] }",
             code: .invalidValue, line: 10, key: "faults[0].every"),
        Case(name: "segment size too small", yaml: replacing("bandwidth: 1Gbps }", with: "bandwidth: 1Gbps, mss: 1B }"),
             code: .invalidValue, line: 3, key: "links[0].mss"),
        Case(name: "client override for an unknown provider", yaml: base + "\n  providers:\n    z.example: { latency: 5ms }",
             code: .unknownName, line: 10, key: "clients.providers.z.example"),
    ]

    func testEveryMalformedTopologyGivesOneClearError() {
        XCTAssertGreaterThanOrEqual(Self.cases.count, 15)
        for c in Self.cases {
            do {
                _ = try TopologyParser.parse(c.yaml, file: "bad-\(c.name).yaml")
                XCTFail("\(c.name): parsed without error")
            } catch {
                XCTAssertEqual(error.code, c.code, "\(c.name): \(error)")
                XCTAssertEqual(error.line, c.line, "\(c.name): \(error)")
                XCTAssertEqual(error.key, c.key, "\(c.name): \(error)")
                XCTAssertEqual(error.file, "bad-\(c.name).yaml")
                XCTAssertTrue(error.description.hasPrefix("bad-\(c.name).yaml:\(c.line)"), error.description)
                print("  \(c.name): \(error)")
            }
        }
    }

    func testBaseIsValid() throws {
        let t = try TopologyParser.parse(Self.base, file: "base.yaml")
        XCTAssertEqual(t.providers.count, 2)
    }

    /// A Topology built in code with dangling names is rejected by Federation, not trapped on.
    func testFederationRejectsHandBuiltDanglingNames() throws {
        var t = try TopologyParser.parse(Self.base, file: "base.yaml")
        t.providers[0].region = "mars"
        XCTAssertThrowsError(try Federation(topology: t, seed: 1)) { XCTAssertEqual(($0 as? ScenarioError)?.code, .unknownName) }
    }

    /// Extreme but valid values run without trapping: a 1 bps link carrying 200 GiB (virtual time
    /// saturates at the end of representable time) and a latency with an infinite-mean tail.
    func testExtremeValuesDoNotTrap() throws {
        let yaml = Self.replacing("latency: 40ms, bandwidth: 1Gbps", with: "latency: { pareto: { scale: 1ms, shape: 0.05 } }, bandwidth: 1bps")
        let federation = try Federation(topology: try TopologyParser.parse(yaml, file: "extreme.yaml"), seed: 1)
        let net = federation.network
        for _ in 0..<200 { try net.send(from: federation.providerHosts[0], to: federation.providerHosts[1], bytes: 1 << 30) }
        var log = EventLog()
        net.runUntilIdle(handler: &log)
        XCTAssertEqual(net.statistics.messagesDelivered, 200)
        XCTAssertEqual(net.now, .distantFuture)
    }

    func testUnreadableFile() {
        XCTAssertThrowsError(try TopologyParser.load(path: "/nonexistent/topology.yaml")) {
            XCTAssertEqual(($0 as? ScenarioError)?.code, .unreadableFile)
        }
    }
}
