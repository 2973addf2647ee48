import Foundation
import MIMI
import Metrics
import Playback
import Scenario
import XCTest
@testable import Live

/// Real servers on loopback: the directory, a full add / message / remove flow across three providers, and
/// racing commits.
final class LiveFlowTests: XCTestCase {
    func testDirectoryIsServedAtTheWellKnownPath() async throws {
        let run = try await startedRun()
        let a = run.providers["a.example"]!.address
        let (status, body) = try await withHTTPClient(LiveTLS.federationClient(identity: run.identities["b.example"]!, ca: run.ca!)) {
            try await HTTPCall.send($0, .GET, url: a.federationBase + LiveRoutes.directory, host: "a.example")
        }
        await run.shutdown()
        XCTAssertEqual(status, 200)
        let directory = try EndpointDirectory.decode(json: Data(body))
        XCTAssertEqual(directory, EndpointDirectory.standard(host: "a.example"))
        XCTAssertEqual(try directory.url(for: .notify, "mimi://a.example/r/x"), "https://a.example/v1/notify/mimi%3A%2F%2Fa.example%2Fr%2Fx")
    }

    func testAddMessageRemoveAcrossThreeProviders() async throws {
        let run = try await startedRun(users: 6)
        try await setUpRoom(run)
        let room = run.plan.rooms[0].uri
        let members = run.locked { run.members(room) }
        XCTAssertEqual(members.count, 6)
        XCTAssertEqual(Set(members.compactMap { MIMIURI.domain(of: $0) }), ["a.example", "b.example", "c.example"])
        run.locked {
            run.phase = "traffic"
            run.trafficStart = run.clock.nanos
            run.perform(TraceAction(t_ns: 0, room: 0, kind: .message, pick: 3, size: 100))
        }
        let quiet1 = await run.waitQuiet(limit: .seconds(30))
        XCTAssertTrue(quiet1)
        let (check, lost) = run.locked { run.deliveryCheck() }
        XCTAssertTrue(check.passed, check.detail)
        XCTAssertEqual(lost, 0)
        XCTAssertEqual(run.locked { run.tracker.acceptedOrder.count }, 1)
        let key = run.locked { run.tracker.acceptedOrder[0] }
        XCTAssertEqual(run.locked { run.tracker.accepted[key]?.got.count }, 5, "every other member decrypted the message once")

        run.locked { run.perform(TraceAction(t_ns: 0, room: 0, kind: .remove, pick: 1 | (4 << 32))) }
        let quiet2 = await run.waitQuiet(limit: .seconds(30))
        XCTAssertTrue(quiet2)
        XCTAssertEqual(run.locked { run.hubUsers(room).count }, 5)
        let converged = run.locked { run.convergenceCheck() }
        XCTAssertTrue(converged.passed, converged.detail)
        XCTAssertEqual(run.locked { run.errors }, [])
        await run.shutdown()
    }

    func testRacingCommitsLoserGetsWrongEpochAndEveryoneConverges() async throws {
        let run = try await startedRun(users: 6)
        try await setUpRoom(run)
        let room = run.plan.rooms[0].uri
        let members = run.locked { run.members(room) }
        let epoch = run.locked { run.groupSummary(client: members[0], room: room)!.epoch }
        // Both commits are built on the same epoch before either reaches the hub.
        run.locked {
            run.command(members[1], .commit(room: room))
            run.command(members[4], .commit(room: room))
        }
        let quiet = await run.waitQuiet(limit: .seconds(30))
        XCTAssertTrue(quiet)
        XCTAssertEqual(run.locked { run.rejections["wrongEpoch"] }, 1)
        XCTAssertEqual(run.locked { run.groupSummary(client: members[0], room: room)!.epoch }, epoch + 2, "the loser rebuilt and resubmitted")
        let converged = run.locked { run.convergenceCheck() }
        XCTAssertTrue(converged.passed, converged.detail)
        await run.shutdown()
    }
}

/// The whole `LiveRun.run()` path (setup, traffic at wall-clock offsets, drain, shutdown, checks) writes the same
/// results files as a simulated run.
final class LiveRunTests: XCTestCase {
    func testAWholeRunPassesItsChecksAndWritesTheResultsFolder() async throws {
        let topology = try TopologyParser.parse(BuiltInScenario.topology, file: "three-regions.yaml")
        let workload = try WorkloadParser.parse("""
            name: live-whole
            seed: 3
            duration: 3s
            rooms:
              - { count: 2, hub: b.example, users: 5, spread: even }
            traffic:
              messages: { rate: 4/s, per: room, size: 100B }
              updates: { every: 1s, per: room }
            """, file: "live-whole.yaml", topology: topology)
        var options = LiveOptions()
        options.pollTimeout = .seconds(2)
        let outcome = try await LiveRun(topology: topology, workload: workload, options: options).run()
        for (name, check) in outcome.checks { XCTAssertTrue(check.passed, "\(name): \(check.detail)") }
        XCTAssertGreaterThan(outcome.messages, 5)
        XCTAssertGreaterThan(outcome.commits, 1)
        XCTAssertEqual(outcome.run.mode, .live)
        let results = try RunResults(run: outcome.run, wall: Host.wall(start: Date(), end: Date()), snapshot: outcome.snapshot,
                                     checks: outcome.checks, objectives: outcome.objectives)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mimisim-live-\(ProcessInfo.processInfo.processIdentifier)")
        try ResultsFolder.write(results, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(files, ["bytes.csv", "counters.csv", "crypto.csv", "latency.csv", "latency_cdf.csv", "report.html", "summary.json", "timeseries.csv"])
    }
}
