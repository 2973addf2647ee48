import XCTest
@testable import Simulator

/// Sends one message every 100 ms, from t = 0 to 2.9 s, on every listed (from, to) pair; tag = send time in ms.
struct PeriodicSender: EventHandler {
    var log: NetworkLog
    let pairs: [(HostID, HostID)]
    mutating func handle(_ event: Event, engine: Engine) {
        guard event.kind == .user(0) else { log.handle(event, engine: engine); return }
        let tag = UInt64(engine.now.nanoseconds / ms)
        for (a, b) in pairs { _ = try? log.network.send(from: a, to: b, bytes: 100, tag: tag) }
        if tag < 2_900 { engine.schedule(after: .milliseconds(100), kind: .user(0), actor: .none) }
    }
}

final class FaultTests: XCTestCase {
    /// eu: a, c; us: b. Links 10 ms everywhere.
    private func world() throws -> (VirtualNetwork, a: HostID, b: HostID, c: HostID, eu: RegionID, us: RegionID) {
        let net = VirtualNetwork(seed: 1)
        let eu = try net.addRegion("eu"), us = try net.addRegion("us")
        for (x, y) in [(eu, eu), (eu, us), (us, eu), (us, us)] { try net.setRegionLink(from: x, to: y, LinkParameters(latency: .constant(10e6))) }
        return (net, try net.addHost("a", region: eu, cores: 1), try net.addHost("b", region: us, cores: 1),
                try net.addHost("c", region: eu, cores: 1), eu, us)
    }

    private func run(_ net: VirtualNetwork, _ pairs: [(HostID, HostID)]) -> NetworkLog {
        var sender = PeriodicSender(log: NetworkLog(net), pairs: pairs)
        net.engine.schedule(at: .zero, kind: .user(0), actor: .none)
        net.runUntilIdle(handler: &sender)
        return sender.log
    }

    /// A symmetric hold partition between a and b over [1 s, 2 s): exactly the messages sent in the
    /// window, in both directions, are held and delivered at 2 s + 10 ms in order; a -> c is untouched.
    func testSymmetricHoldPartitionHoldsExactlyTheWindow() throws {
        let (net, a, b, c, _, _) = try world()
        try net.schedulePartition(PartitionSpec(sideA: HostGroup(hosts: [a]), sideB: HostGroup(hosts: [b]), symmetric: true, mode: .hold),
                                  from: Instant(nanoseconds: 1000 * ms), until: Instant(nanoseconds: 2000 * ms))
        let log = run(net, [(a, b), (b, a), (a, c)])
        XCTAssertTrue(log.lost.isEmpty)
        XCTAssertEqual(log.delivered.count, 90)
        for d in log.delivered {
            let sent = Int64(d.info.tag)
            let crossing = d.info.destination != c
            let inWindow = sent >= 1000 && sent < 2000
            XCTAssertEqual(d.time, (crossing && inWindow ? 2000 : sent) * ms + 10 * ms, "sent at \(sent) ms to \(net.name(of: d.info.destination))")
        }
        for (x, y) in [(a, b), (b, a)] {
            let tags = log.delivered.filter { $0.info.source == x && $0.info.destination == y }.map(\.info.tag)
            XCTAssertEqual(tags, (0..<30).map { UInt64($0 * 100) }, "held messages keep their order")
        }
        XCTAssertEqual(net.statistics.messagesHeldByPartition, 20)
    }

    /// A one-sided drop partition from region eu to region us: eu -> us messages sent in the window are
    /// lost and counted; us -> eu and eu -> eu are untouched.
    func testOneSidedDropPartitionBetweenRegions() throws {
        let (net, a, b, c, eu, us) = try world()
        try net.schedulePartition(PartitionSpec(sideA: HostGroup(regions: [eu]), sideB: HostGroup(regions: [us]), symmetric: false, mode: .drop),
                                  from: Instant(nanoseconds: 1000 * ms), until: Instant(nanoseconds: 2000 * ms))
        let log = run(net, [(a, b), (c, b), (b, a), (a, c)])
        let lostTags = log.lost.map(\.info.tag)
        XCTAssertEqual(log.lost.count, 20)
        XCTAssertTrue(log.lost.allSatisfy { $0.info.lossReason == .partitionDropped && net.region(of: $0.info.source) == eu && $0.info.destination == b })
        XCTAssertEqual(Set(lostTags), Set((10..<20).map { UInt64($0 * 100) }))
        XCTAssertTrue(log.lost.allSatisfy { $0.time == Int64($0.info.tag) * ms }, "reported when sent")
        XCTAssertEqual(net.statistics.messagesDroppedByPartition, 20)
        XCTAssertEqual(log.delivered.count, 120 - 20)
        XCTAssertTrue(log.delivered.allSatisfy { $0.time == Int64($0.info.tag) * ms + 10 * ms })
    }

    /// b crashes at 1005 ms and restarts at 2000 ms. Messages to or from b sent at 1000 ms are in
    /// flight (10 ms links) and lost to the crash; those sent while it is down are lost at once;
    /// after the restart traffic flows again. Jobs on b are lost too.
    func testCrashLosesAndCountsInFlightMessages() throws {
        let (net, a, b, c, _, _) = try world()
        try net.scheduleCrash(of: b, at: Instant(nanoseconds: 1005 * ms), restartAt: Instant(nanoseconds: 2000 * ms))
        try net.submitJob(on: b, cost: .seconds(2), tag: 7)
        try net.submitJob(on: b, cost: .seconds(1), tag: 8)
        let log = run(net, [(a, b), (b, a), (a, c)])
        let crashed = log.lost.filter { $0.info.lossReason == .hostCrashed }
        XCTAssertEqual(crashed.map(\.info.tag), [1000, 1000])
        XCTAssertTrue(crashed.allSatisfy { $0.time == 1005 * ms })
        let down = log.lost.filter { $0.info.lossReason == .hostDown }
        XCTAssertEqual(down.count, 2 * 9, "sent at 1100...1900 ms in both directions")
        XCTAssertEqual(net.statistics.messagesLostToCrash, 2)
        XCTAssertEqual(net.statistics.messagesLostToDownHost, 18)
        XCTAssertEqual(log.delivered.count, 90 - 20)
        XCTAssertEqual(log.delivered.filter { $0.info.destination == c }.count, 30)
        XCTAssertTrue(log.delivered.contains { $0.info.destination == b && $0.info.tag == 2000 })
        XCTAssertEqual(log.jobs.map(\.kind), [.jobLost, .jobLost])
        XCTAssertEqual(net.statistics.jobsLost, 2)
        XCTAssertTrue(net.isUp(b))
    }

    /// A crash that catches messages waiting for an earlier one on their connection (arrived, not yet
    /// handed over) must not wedge the connection: after the restart every message gets through.
    func testCrashDuringReorderingKeepsConnectionUsable() throws {
        let net = VirtualNetwork(seed: 8)
        let r = try net.addRegion("r")
        try net.setRegionLink(from: r, to: r, LinkParameters(latency: .uniform(min: 1e6, max: 100e6)))
        let a = try net.addHost("a", region: r, cores: 1), b = try net.addHost("b", region: r, cores: 1)
        for i in 0..<50 { try net.send(from: a, to: b, bytes: 100, tag: UInt64(i)) }
        try net.scheduleCrash(of: b, at: Instant(nanoseconds: 50 * ms), restartAt: Instant(nanoseconds: 200 * ms))
        var log = NetworkLog(net)
        net.run(until: Instant(nanoseconds: 300 * ms), handler: &log)
        let before = log.delivered.count
        XCTAssertEqual(before + log.lost.count, 50)
        XCTAssertGreaterThan(log.lost.count, 0)
        for i in 50..<250 { try net.send(from: a, to: b, bytes: 100, tag: UInt64(i)) }
        net.runUntilIdle(handler: &log)
        XCTAssertEqual(log.delivered.count - before, 200, "every message after the restart is delivered")
        XCTAssertEqual(log.delivered.suffix(200).map(\.info.tag), (50..<250).map(UInt64.init))
    }

    func testFaultWindowsAreValidated() throws {
        let (net, a, b, _, _, _) = try world()
        let spec = PartitionSpec(sideA: HostGroup(hosts: [a]), sideB: HostGroup(hosts: [b]), symmetric: true, mode: .drop)
        XCTAssertThrowsError(try net.schedulePartition(spec, from: Instant(nanoseconds: 10), until: Instant(nanoseconds: 5))) {
            XCTAssertEqual(($0 as? SimulatorError)?.code, .invalidTime)
        }
        XCTAssertThrowsError(try net.scheduleCrash(of: HostID(actor: ActorID(rawValue: 99)), at: .zero, restartAt: nil)) {
            XCTAssertEqual(($0 as? SimulatorError)?.code, .unknownEntity)
        }
        XCTAssertEqual(net.engine.pendingEvents, 0, "rejected faults schedule nothing")
    }
}
