import Foundation
import MLS
import Metrics
import XCTest
@testable import Scenario
@testable import Simulation

/// End-to-end simulations: determinism, the end-of-run checks, and the network model's sanity.
final class SimulationTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func topology(_ name: String) throws -> Topology {
        try TopologyParser.load(path: Self.root.appendingPathComponent("Topologies/\(name)").path)
    }

    func run(_ yaml: String, topology name: String, mode: Workload.CryptoTimeMode? = nil, threads: Int = 1,
             shareWork: Bool = true) throws -> SimulationOutcome {
        try simulation(yaml, topology: name, mode: mode, threads: threads, shareWork: shareWork).run()
    }

    func simulation(_ yaml: String, topology name: String, mode: Workload.CryptoTimeMode? = nil, threads: Int = 1,
                    shareWork: Bool = true) throws -> SimulationRun {
        let topo = try topology(name)
        let w = try WorkloadParser.parse(yaml, file: "test.yaml", topology: topo)
        var options = SimulationOptions(cryptoTime: mode ?? w.cryptoTime)
        options.threads = threads
        options.shareWork = shareWork
        return try SimulationRun(topology: topo, workload: w, options: options)
    }

    func summaryWithoutWall(_ o: SimulationOutcome) throws -> Data {
        let results = try RunResults(run: o.run, wall: WallInfo(start: "", end: "", durationS: 0, peakRssBytes: nil), snapshot: o.snapshot,
                                     checks: o.checks, objectives: o.objectives)
        return try results.summary.jsonData()
    }

    let small = """
    name: small
    seed: 17
    duration: 20s
    rooms: [{ count: 2, hub: a.example, users: 6, spread: { a.example: 50%, b.example: 25%, c.example: 25% } }]
    traffic:
      messages: { rate: 3/s, per: room, size: 100B }
      updates: { every: 5s }
      churn: { add: 6/min, remove: 3/min, leave: 3/min, new_device: 3/min }
    """

    func testSameSeedSameBytesOtherSeedOtherFingerprint() throws {
        let a = try run(small, topology: "three-regions.yaml")
        let b = try run(small, topology: "three-regions.yaml")
        XCTAssertEqual(a.fingerprint, b.fingerprint)
        XCTAssertEqual(try summaryWithoutWall(a), try summaryWithoutWall(b))
        for (name, check) in a.checks.sorted(by: { $0.key < $1.key }) { XCTAssertTrue(check.passed, "\(name): \(check.detail)") }
        XCTAssertGreaterThan(a.messages, 30)
        XCTAssertGreaterThan(a.commits, 6)
        let c = try run(small.replacingOccurrences(of: "seed: 17", with: "seed: 18"), topology: "three-regions.yaml")
        XCTAssertNotEqual(a.fingerprint, c.fingerprint)
    }

    /// Handling clients' deliveries ahead of time on several threads gives the same run, byte for byte, as one
    /// thread: same fingerprint, same summary (with churn: commits, adds, removes, leaves, new devices).
    func testThreadsDoNotChangeTheRun() throws {
        let one = try run(small, topology: "three-regions.yaml")
        for threads in [2, 3] {
            let sim = try simulation(small, topology: "three-regions.yaml", threads: threads)
            let many = try sim.run()
            XCTAssertGreaterThan(sim.ahead.handledAhead, 100, "deliveries were handled ahead with \(threads) threads")
            XCTAssertEqual(many.fingerprint, one.fingerprint)
            XCTAssertEqual(try summaryWithoutWall(many), try summaryWithoutWall(one))
            for (name, check) in many.checks.sorted(by: { $0.key < $1.key }) { XCTAssertTrue(check.passed, "\(name): \(check.detail)") }
        }
    }

    /// Members sharing work they repeat on identical bytes (caches, shared secret trees, `CryptoContext.shared`) give
    /// the same run, byte for byte, as members working alone: same fingerprint, same summary with every crypto count
    /// (with churn: commits, Welcome joins, external joins, removes and leaves).
    func testSharedWorkDoesNotChangeTheRun() throws {
        let shared = try simulation(small, topology: "three-regions.yaml")
        let withSharing = try shared.run()
        let alone = try run(small, topology: "three-regions.yaml", shareWork: false)
        XCTAssertGreaterThan(shared.resultCache.hits, 500)
        XCTAssertGreaterThan(shared.verificationCache.hits, 100)
        XCTAssertEqual(withSharing.fingerprint, alone.fingerprint)
        XCTAssertEqual(try summaryWithoutWall(withSharing), try summaryWithoutWall(alone))
        XCTAssertGreaterThan(withSharing.snapshot.summary.crypto.count, 5)
        for (name, check) in alone.checks.sorted(by: { $0.key < $1.key }) { XCTAssertTrue(check.passed, "\(name): \(check.detail)") }
    }

    /// Crypto is reported per DESIGN role and per accepted commit: only committers seal path secrets, only
    /// hubs sign franks, the roles add up to the total, and per-commit means are positive where commits need work.
    func testCryptoPerRoleAndPerCommit() throws {
        let o = try run(small, topology: "three-regions.yaml")
        let crypto = o.snapshot.summary.crypto
        XCTAssertEqual(Set(crypto.values.flatMap { $0.byRole.keys }), ["committer", "member", "hub", "follower"])
        for (primitive, cost) in crypto {
            XCTAssertEqual(cost.byRole.values.reduce(0) { $0 + $1.count }, cost.total.count, primitive)
            XCTAssertNotNil(cost.perCommit, "\(primitive): commits were accounted")
        }
        let seal = try XCTUnwrap(crypto["hpke.seal"])
        XCTAssertEqual(seal.byRole.keys.sorted(), ["committer"], "path secrets and Welcomes are sealed by committers only")
        XCTAssertGreaterThan(seal.perCommit?["committer"]?.count ?? 0, 0)
        XCTAssertGreaterThanOrEqual(crypto["sign"]?.byRole["hub"]?.count ?? 0, UInt64(o.messages), "the hub signs a frank per message")
        XCTAssertGreaterThan(crypto["verify"]?.perCommit?["member"]?.count ?? 0, 1, "members verify each commit")
        XCTAssertGreaterThan(crypto["verify"]?.perCommit?["hub"]?.count ?? 0, 0, "the hub validates each commit")
    }

    /// Members of a room end the run holding one copy of its tree: every member at the newest epoch shares all of
    /// its tree's pages with the tree the simulation keeps for the room (and the trees are equal), and the storage
    /// of its group context's extension bodies.
    func testMembersShareOneTreeCopy() throws {
        let topo = try topology("three-regions.yaml")
        let w = try WorkloadParser.parse(small, file: "test.yaml", topology: topo)
        let run = try SimulationRun(topology: topo, workload: w, options: SimulationOptions(cryptoTime: w.cryptoTime))
        _ = try run.run()
        XCTAssertEqual(run.sharedTrees.count, 2)
        for (room, shared) in run.sharedTrees.sorted(by: { $0.key.uri < $1.key.uri }) {
            var members = 0
            for i in run.clients.indices where run.clients[i] != nil {
                guard let group = run.clients[i]!.group(of: room), group.epoch == shared.epoch else { continue }
                let tree = group.tree
                members += 1
                XCTAssertEqual(tree, shared.tree)
                XCTAssertEqual(tree.sharedPageCount(with: shared.tree), tree.pageCount, "\(room.uri): a member's tree has its own pages")
                for (mine, lent) in zip(group.context.extensions, shared.context.extensions) {
                    let same = mine.extensionData.withUnsafeBufferPointer { m in lent.extensionData.withUnsafeBufferPointer { m.baseAddress == $0.baseAddress } }
                    XCTAssertTrue(same || mine.extensionData.isEmpty, "\(room.uri): a member's context has its own copy of extension \(mine.extensionType)")
                }
            }
            XCTAssertGreaterThanOrEqual(members, 2, room.uri)
        }
    }

    /// With free crypto on a LAN, a message's delivery time is the sum of the link latencies on its path:
    /// client → its provider → hub → recipient's provider → recipient (access links 2 ms each way on lan.yaml,
    /// provider links 0.5 ms), plus serialization.
    func testFreeCryptoDeliveryEqualsPathLatency() throws {
        let yaml = """
        seed: 3
        duration: 10s
        crypto_time: free
        rooms: [{ hub: a.example, users: 4, spread: { a.example: 50%, b.example: 50% } }]
        traffic: { messages: { rate: 2/s, size: 100B } }
        """
        let o = try run(yaml, topology: "lan.yaml")
        let deliver = try XCTUnwrap(o.snapshot.summary.latency["message.deliver_ms"])
        XCTAssertGreaterThan(deliver.count, 10)
        print("free crypto on lan.yaml: message.deliver_ms min \(deliver.min) p50 \(deliver.p50) max \(deliver.max)")
        // Shortest path (sender and recipient on the hub): 0.75 + 0.75 ms; longest (both elsewhere): 0.75 + 0.25 + 0.25 + 0.75 ms;
        // jitter adds at most 0.1 ms per access link and 0.05 ms per LAN hop, serialization of ~400 B a few µs.
        XCTAssertGreaterThanOrEqual(deliver.min, 1.5 * 0.99 - 0.35)
        XCTAssertLessThanOrEqual(deliver.max, 2.0 * 1.01 + 0.35)
        XCTAssertTrue(o.checks.values.allSatisfy(\.passed))
    }

    /// Issue 6's sanity check: with free crypto on a LAN without jitter or bandwidth limits (lan-ideal.yaml), a
    /// commit's converge latency is the sum of the link latencies on its path, within 1%. The room's members are
    /// clients of b.example and its hub is a.example, so a commit goes committer → b (0.5 + 0.25 ms) → hub a
    /// (0.25 ms) → b (notify, 0.25 ms) → every client (0.25 + 0.5 ms) = 2.0 ms; when the hub's own client (the
    /// creator) commits, the b → a hop is missing: 1.75 ms. Scripts/sanity-table.sh prints the table for more sizes.
    func testFreeCryptoCommitConvergeEqualsPathLatency() throws {
        let yaml = """
        seed: 6
        duration: 30s
        crypto_time: free
        rooms: [{ hub: a.example, users: 8, spread: { b.example: 100% } }]
        traffic: { updates: { every: 2s } }
        """
        let o = try run(yaml, topology: "lan-ideal.yaml")
        let converge = try XCTUnwrap(o.snapshot.summary.latency["commit.converge_ms"])
        print("free crypto on lan-ideal.yaml: commit.converge_ms count \(converge.count) min \(converge.min) p50 \(converge.p50) max \(converge.max)")
        XCTAssertGreaterThanOrEqual(converge.count, 10)
        let path = 2 * 0.5 + 4 * 0.25, creatorPath = 2 * 0.5 + 3 * 0.25
        XCTAssertEqual(converge.p50, path, accuracy: path * 0.01)
        XCTAssertLessThanOrEqual(converge.max, path * 1.01)
        XCTAssertGreaterThanOrEqual(converge.min, creatorPath * 0.99)
        XCTAssertTrue(o.checks.values.allSatisfy(\.passed))
    }
}
