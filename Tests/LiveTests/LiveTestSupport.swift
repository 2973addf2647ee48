import NIOSSL
import AsyncHTTPClient
import MIMI
import NIOPosix
import Scenario
import XCTest
@testable import Live

/// A live run of one room whose users are spread over the three providers of the built-in topology, with
/// its servers started (tests call setup steps and actions directly).
func startedRun(users: Int = 6, maxBody: Int = 1 << 20) async throws -> LiveRun {
    let topology = try TopologyParser.parse(BuiltInScenario.topology, file: "three-regions.yaml")
    let workload = try WorkloadParser.parse("""
        name: live-test
        seed: 5
        duration: 1s
        rooms:
          - { count: 1, hub: a.example, users: \(users), spread: { a.example: 34%, b.example: 33%, c.example: 33% } }
        """, file: "live-test.yaml", topology: topology)
    var options = LiveOptions()
    options.maxBody = maxBody
    options.pollTimeout = .seconds(2)
    let run = try LiveRun(topology: topology, workload: workload, options: options)
    try await run.startServing()
    return run
}

/// Runs the setup steps (clients, room, initial users), each until the federation is quiet.
func setUpRoom(_ run: LiveRun, file: StaticString = #filePath, line: UInt = #line) async throws {
    try run.locked { try run.setUpClients() }
    let quiet1 = await run.waitQuiet(limit: .seconds(30))
    XCTAssertTrue(quiet1, "clients", file: file, line: line)
    run.locked { run.createRooms() }
    let quiet2 = await run.waitQuiet(limit: .seconds(30))
    XCTAssertTrue(quiet2, "room", file: file, line: line)
    run.locked { run.addInitialUsers() }
    let quiet3 = await run.waitQuiet(limit: .seconds(30))
    XCTAssertTrue(quiet3, "initial users", file: file, line: line)
    run.locked { run.checkSetUp() }
    XCTAssertEqual(run.locked { run.errors }, [], file: file, line: line)
}

/// An HTTPS client with the given TLS configuration on its own event loop group (shut down by `body`'s end).
func withHTTPClient<R>(_ tls: TLSConfiguration, _ body: (HTTPClient) async throws -> R) async throws -> R {
    let client = HTTPClient(eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton), configuration: LiveTLS.httpClientConfiguration(tls))
    do {
        let r = try await body(client)
        try await client.shutdown()
        return r
    } catch {
        try? await client.shutdown()
        throw error
    }
}
