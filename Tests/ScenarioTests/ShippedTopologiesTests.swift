import XCTest
@testable import Scenario
@testable import Simulator

/// The repository's `Topologies/` folder.
enum TopologyFiles {
    static var folder: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Topologies").path
    }
    static func path(_ name: String) -> String { folder + "/" + name }
}

final class ShippedTopologiesTests: XCTestCase {
    func testLAN() throws {
        let t = try TopologyParser.load(path: TopologyFiles.path("lan.yaml"))
        XCTAssertEqual(t.regions, ["lan"])
        XCTAssertEqual(t.providers.map(\.domain), ["a.example", "b.example", "c.example"])
        XCTAssertEqual(t.links.count, 1)
        XCTAssertEqual(t.links[0].parameters.latency, .constant(250_000))
        XCTAssertEqual(t.links[0].parameters.bitsPerSecond, 10e9)
        XCTAssertEqual(t.defaultClient?.cores, 4)
    }

    func testThreeRegions() throws {
        let t = try TopologyParser.load(path: TopologyFiles.path("three-regions.yaml"))
        XCTAssertEqual(t.regions, ["eu", "us", "ap"])
        XCTAssertEqual(t.links.count, 3 + 6, "3 within + 3 between (both directions)")
        let euUS = t.links.first { $0.from == "eu" && $0.to == "us" }!
        XCTAssertEqual(euUS.parameters.latency, .lognormal(median: 45e6, p99: 60e6))
        XCTAssertEqual(euUS.parameters.lossRate, 0.0001, accuracy: 1e-12)
        XCTAssertEqual(t.links.first { $0.from == "us" && $0.to == "eu" }!.parameters.latency, euUS.parameters.latency)
        let c = t.clientOverrides.first { $0.domain == "c.example" }!.access
        XCTAssertEqual(c.link.bitsPerSecond, 20e6)
        XCTAssertEqual(c.link.lossRate, 0.001, accuracy: 1e-12, "inherited from default")
        XCTAssertEqual(c.cores, 2)
        let federation = try Federation(topology: t, seed: 1)
        XCTAssertEqual(federation.network.hostCount, 3)
        let client = try federation.addClient("alice", of: "c.example")
        XCTAssertEqual(federation.network.parameters(of: federation.network.uplink(of: client)!).bitsPerSecond, 20e6)
        XCTAssertEqual(federation.network.name(of: federation.network.region(of: client)), "ap")
    }

    func testFlakyTransatlanticFaults() throws {
        let t = try TopologyParser.load(path: TopologyFiles.path("flaky-transatlantic.yaml"))
        XCTAssertEqual(t.faults.count, 4)
        // every 2m from 60s until 1h: starts 60s, 180s, ..., 3540s = 30 windows of 20 s.
        let windows = t.faults[0].windows
        XCTAssertEqual(windows.count, 30)
        XCTAssertEqual(windows.first?.start, .seconds(60))
        XCTAssertEqual(windows.first?.end, .seconds(80))
        XCTAssertEqual(windows.last?.start, .seconds(3540))
        guard case .partition(let a, let b, let symmetric, let mode) = t.faults[0].action else { return XCTFail("partition expected") }
        XCTAssertEqual(a.regions, ["eu"]); XCTAssertEqual(b.regions, ["us"]); XCTAssertTrue(symmetric); XCTAssertEqual(mode, .drop)
        guard case .partition(let from, let to, let sym2, let mode2) = t.faults[2].action else { return XCTFail("partition expected") }
        XCTAssertEqual(from.providers, ["a.example"]); XCTAssertEqual(to.providers, ["b.example"]); XCTAssertFalse(sym2); XCTAssertEqual(mode2, .hold)
        guard case .crash(let host) = t.faults[3].action else { return XCTFail("crash expected") }
        XCTAssertEqual(host, "b.example")
        XCTAssertEqual(t.faults[3].windows.first?.end, .seconds(40 * 60 + 45))
    }

    /// The file's fault schedule really acts on the network: eu -> us traffic in the partition
    /// windows is dropped, the brown-out slows it, and it recovers afterwards.
    func testFaultScheduleActsOnTheNetwork() throws {
        let federation = try Federation(path: TopologyFiles.path("flaky-transatlantic.yaml"), seed: 3)
        let net = federation.network
        let a = federation.provider("a.example")!, b = federation.provider("b.example")!
        struct Probe: EventHandler {
            let net: VirtualNetwork; let a: HostID; let b: HostID
            var lostAt: [Int64] = []
            var before10m: [Int64] = [], inBrownOut: [Int64] = []
            mutating func handle(_ event: Event, engine: Engine) {
                switch event.kind {
                case .user(0):
                    try! net.send(from: a, to: b, bytes: 1000)
                    if engine.now < Instant.zero + .seconds(1000) { engine.schedule(after: .seconds(1), kind: .user(0), actor: .none) }
                case .messageDelivered:
                    let info = net.message(MessageID(payload: event.payload))!
                    let transit = (engine.now - info.sentAt).nanoseconds
                    let sent = info.sentAt.seconds
                    if sent < 600 { before10m.append(transit) }
                    if sent >= 600 && sent < 900 { inBrownOut.append(transit) }
                case .messageLost:
                    lostAt.append(net.message(MessageID(payload: event.payload))!.sentAt.nanoseconds / 1_000_000_000)
                default: break
                }
            }
        }
        var probe = Probe(net: net, a: a, b: b)
        net.engine.schedule(at: .zero, kind: .user(0), actor: .none)
        net.run(until: Instant.zero + .seconds(1100), handler: &probe)
        // Windows [60, 80), [180, 200), ... : sends at whole seconds in them are dropped.
        let expected = stride(from: 60, to: 1001, by: 120).flatMap { start in (start..<(start + 20)).map(Int64.init) }
        XCTAssertEqual(probe.lostAt, expected)
        XCTAssertEqual(net.statistics.messagesDroppedByPartition, UInt64(expected.count))
        // Brown-out: constant 150 ms latency instead of lognormal(median 45 ms).
        XCTAssertEqual(probe.inBrownOut.count, 300 - 40, "300 sends, minus the partition windows [660, 680) and [780, 800)")
        XCTAssertTrue(probe.inBrownOut.allSatisfy { $0 >= 150_000_000 })
        XCTAssertLessThan(probe.before10m.sorted()[probe.before10m.count / 2], 60_000_000)
    }
}
