import Foundation
import XCTest
@testable import Simulator

/// Records deliveries and losses of a network with the message info at the time of the event.
struct NetworkLog: EventHandler {
    let network: VirtualNetwork
    var delivered: [(time: Int64, info: MessageInfo)] = []
    var lost: [(time: Int64, info: MessageInfo)] = []
    var jobs: [(time: Int64, kind: EventKind, info: JobInfo)] = []
    init(_ network: VirtualNetwork) { self.network = network }
    mutating func handle(_ event: Event, engine: Engine) {
        switch event.kind {
        case .messageDelivered: delivered.append((event.time.nanoseconds, network.message(MessageID(payload: event.payload))!))
        case .messageLost: lost.append((event.time.nanoseconds, network.message(MessageID(payload: event.payload))!))
        case .jobCompleted, .jobLost: jobs.append((event.time.nanoseconds, event.kind, network.job(JobID(payload: event.payload))!))
        default: break
        }
    }
}

let ms: Int64 = 1_000_000

final class LinkTests: XCTestCase {
    /// 1 Mbps + 10 ms: a 1250-byte message takes 10 ms on the wire; a second one queues behind it.
    func testSerializationQueueAndLatency() throws {
        let net = VirtualNetwork(seed: 1)
        let r = try net.addRegion("r")
        try net.setRegionLink(from: r, to: r, LinkParameters(latency: .constant(10e6), bitsPerSecond: 1e6))
        let a = try net.addHost("a", region: r, cores: 1), b = try net.addHost("b", region: r, cores: 1)
        try net.send(from: a, to: b, bytes: 1250, tag: 1)
        try net.send(from: a, to: b, bytes: 1250, tag: 2)
        var log = NetworkLog(net)
        net.runUntilIdle(handler: &log)
        XCTAssertEqual(log.delivered.map(\.time), [20 * ms, 30 * ms])
        XCTAssertEqual(log.delivered.map(\.info.tag), [1, 2])
        XCTAssertEqual(net.counters(of: net.regionLink(from: r, to: r)!).bytes, 2500)
    }

    /// Uplink, inter-region link and downlink add up: 3 serializations and 3 latencies.
    func testThreeHopRoute() throws {
        let net = VirtualNetwork(seed: 1)
        let eu = try net.addRegion("eu"), us = try net.addRegion("us")
        try net.setRegionLink(from: eu, to: us, LinkParameters(latency: .constant(40e6), bitsPerSecond: 1e9))
        let access = LinkParameters(latency: .constant(5e6), bitsPerSecond: 10e6)
        let a = try net.addHost("a", region: eu, cores: 1, access: access), b = try net.addHost("b", region: us, cores: 1, access: access)
        try net.send(from: a, to: b, bytes: 12_500)   // 10 ms at 10 Mbps, 0.1 ms at 1 Gbps
        var log = NetworkLog(net)
        net.runUntilIdle(handler: &log)
        XCTAssertEqual(log.delivered.map(\.time), [10 * ms + 5 * ms + ms / 10 + 40 * ms + 10 * ms + 5 * ms])
    }

    /// Jitter would reorder messages; one connection per host pair never does.
    func testSameHostPairArrivesInSendOrder() throws {
        let net = VirtualNetwork(seed: 5)
        let r = try net.addRegion("r")
        try net.setRegionLink(from: r, to: r, LinkParameters(latency: .uniform(min: 1e6, max: 50e6), jitter: .milliseconds(20)))
        let a = try net.addHost("a", region: r, cores: 1), b = try net.addHost("b", region: r, cores: 1)
        struct Sender: EventHandler {
            var log: NetworkLog
            var next: UInt64 = 0
            mutating func handle(_ event: Event, engine: Engine) {
                if event.kind == .user(0) {
                    try! log.network.send(from: HostID(actor: ActorID(rawValue: 0)), to: HostID(actor: ActorID(rawValue: 1)), bytes: 100, tag: next)
                    next += 1
                    if next < 2000 { engine.schedule(after: .milliseconds(1), kind: .user(0), actor: .none) }
                } else { log.handle(event, engine: engine) }
            }
        }
        var sender = Sender(log: NetworkLog(net))
        net.engine.schedule(at: .zero, kind: .user(0), actor: .none)
        net.runUntilIdle(handler: &sender)
        XCTAssertEqual(sender.log.delivered.map(\.info.tag), (0..<2000).map(UInt64.init))
        let waits = sender.log.delivered.map { $0.time - $0.info.sentAt.nanoseconds }
        XCTAssertGreaterThan(Set(waits).count, 1000, "latencies vary")
        _ = (a, b)
    }

    /// 10 % segment loss, one segment per message, RTO 200 ms with backoff: delays are 0, 200, 600,
    /// 1400 ms...; about 10 % of messages are delayed and the counters agree with the delays.
    /// One message per host pair, so no message waits behind a delayed one (head-of-line blocking).
    func testLossIsRetransmissionDelay() throws {
        let net = VirtualNetwork(seed: 3)
        let r = try net.addRegion("r")
        try net.setRegionLink(from: r, to: r, LinkParameters(lossRate: 0.1))
        let hosts = try (0..<142).map { try net.addHost("h\($0)", region: r, cores: 1) }
        var sent = 0
        for a in hosts { for b in hosts where a != b && sent < 20_000 { try net.send(from: a, to: b, bytes: 1000); sent += 1 } }
        var log = NetworkLog(net)
        net.runUntilIdle(handler: &log)
        XCTAssertEqual(log.delivered.count, 20_000, "loss delays, it never vanishes a request")
        XCTAssertTrue(log.lost.isEmpty)
        var retransmissions = 0, delayed = 0
        for d in log.delivered {
            let k = d.info.retransmissions
            XCTAssertEqual(d.time, 200 * ms * Int64((1 << k) - 1), "k = \(k)")
            retransmissions += k
            if k > 0 { delayed += 1 }
        }
        XCTAssertEqual(UInt64(retransmissions), net.statistics.retransmissions)
        XCTAssertEqual(Double(delayed) / 20_000, 0.1, accuracy: 0.01)
    }

    /// A delayed message holds back later ones on the same connection (head-of-line blocking), and a
    /// 10-segment message is delayed more often than a 1-segment one.
    func testHeadOfLineBlockingAndSegments() throws {
        let net = VirtualNetwork(seed: 4)
        let r = try net.addRegion("r")
        try net.setRegionLink(from: r, to: r, LinkParameters(latency: .constant(1e6), lossRate: 0.05))
        let a = try net.addHost("a", region: r, cores: 1), b = try net.addHost("b", region: r, cores: 1)
        for i in 0..<4000 { try net.send(from: a, to: b, bytes: i % 2 == 0 ? 100 : 14_600, tag: UInt64(i)) }
        var log = NetworkLog(net)
        net.runUntilIdle(handler: &log)
        XCTAssertEqual(log.delivered.map(\.info.tag), (0..<4000).map(UInt64.init))
        for i in 1..<log.delivered.count { XCTAssertGreaterThanOrEqual(log.delivered[i].time, log.delivered[i - 1].time) }
        let small = log.delivered.filter { $0.info.bytes == 100 && $0.info.retransmissions > 0 }.count
        let large = log.delivered.filter { $0.info.bytes == 14_600 && $0.info.retransmissions > 0 }.count
        // P(delayed) = 1 - 0.95^segments: 5 % for 1 segment, 40 % for 10.
        XCTAssertEqual(Double(small) / 2000, 0.05, accuracy: 0.02)
        XCTAssertEqual(Double(large) / 2000, 1 - pow(0.95, 10), accuracy: 0.04)
    }

    /// A 64 KiB message has 45 segments; with 2 % loss per attempt each segment is retransmitted
    /// p/(1-p) times on average, so a message averages 45 * 0.02/0.98 = 0.918 retransmissions.
    func testRetransmissionCountMatchesSegmentLaw() throws {
        let net = VirtualNetwork(seed: 6)
        let r = try net.addRegion("r")
        try net.setRegionLink(from: r, to: r, LinkParameters(lossRate: 0.02))
        let a = try net.addHost("a", region: r, cores: 1), b = try net.addHost("b", region: r, cores: 1)
        for _ in 0..<5000 { try net.send(from: a, to: b, bytes: 65_536) }
        var log = NetworkLog(net)
        net.runUntilIdle(handler: &log)
        XCTAssertEqual(log.delivered.count, 5000)
        XCTAssertEqual(Double(net.statistics.retransmissions) / 5000, 45 * 0.02 / 0.98, accuracy: 0.05)
    }

    /// Bandwidth and latency changes apply from the given time on.
    func testScheduledLinkChanges() throws {
        let net = VirtualNetwork(seed: 1)
        let r = try net.addRegion("r")
        let link = try net.setRegionLink(from: r, to: r, LinkParameters(latency: .constant(1e6), bitsPerSecond: 8e6))
        let a = try net.addHost("a", region: r, cores: 1), b = try net.addHost("b", region: r, cores: 1)
        try net.scheduleLinkChange([link], LinkChange(latency: .constant(50e6), bitsPerSecond: 80e6), at: Instant(nanoseconds: 100 * ms))
        try net.send(from: a, to: b, bytes: 10_000)             // 10 ms on the wire + 1 ms
        var log = NetworkLog(net)
        net.run(until: Instant(nanoseconds: 200 * ms), handler: &log)
        try net.send(from: a, to: b, bytes: 10_000)             // 1 ms on the wire + 50 ms
        net.runUntilIdle(handler: &log)
        XCTAssertEqual(log.delivered.map(\.time), [11 * ms, 251 * ms])
        XCTAssertEqual(net.parameters(of: link).bitsPerSecond, 80e6)
        XCTAssertThrowsError(try net.scheduleLinkChange([link], LinkChange(lossRate: 1.5), at: Instant(nanoseconds: 300 * ms)))
    }

    func testBadArgumentsAreTypedErrors() throws {
        let net = VirtualNetwork(seed: 1)
        let r = try net.addRegion("r")
        XCTAssertThrowsError(try net.addRegion("r")) { XCTAssertEqual(($0 as? SimulatorError)?.code, .duplicateName) }
        XCTAssertThrowsError(try net.addHost("h", region: r, cores: 0)) { XCTAssertEqual(($0 as? SimulatorError)?.code, .invalidParameter) }
        let h = try net.addHost("h", region: r, cores: 1)
        XCTAssertThrowsError(try net.addHost("h", region: r, cores: 1)) { XCTAssertEqual(($0 as? SimulatorError)?.code, .duplicateName) }
        XCTAssertThrowsError(try net.send(from: h, to: h, bytes: -1)) { XCTAssertEqual(($0 as? SimulatorError)?.code, .invalidParameter) }
        XCTAssertThrowsError(try net.setRegionLink(from: r, to: r, LinkParameters(bitsPerSecond: 0)))
        XCTAssertThrowsError(try net.addHost("g", region: RegionID(index: 9), cores: 1)) { XCTAssertEqual(($0 as? SimulatorError)?.code, .unknownEntity) }
        XCTAssertEqual(net.statistics.messagesSent, 0, "rejected calls change no state")
    }
}

final class CPUTests: XCTestCase {
    /// Two cores, FIFO: three 10 ms jobs finish at 10, 10 and 20 ms; the third started at 10 ms.
    func testJobsQueueFIFOForFreeCores() throws {
        let net = VirtualNetwork(seed: 1)
        let r = try net.addRegion("r")
        let h = try net.addHost("h", region: r, cores: 2)
        for tag in 0..<3 as Range<UInt64> { try net.submitJob(on: h, cost: .milliseconds(10), tag: tag) }
        XCTAssertEqual(net.cpuLoad(of: h).busyCores, 2)
        XCTAssertEqual(net.cpuLoad(of: h).waitingJobs, 1)
        var log = NetworkLog(net)
        net.runUntilIdle(handler: &log)
        XCTAssertEqual(log.jobs.map(\.time), [10 * ms, 10 * ms, 20 * ms])
        XCTAssertEqual(log.jobs.map(\.info.tag), [0, 1, 2])
        XCTAssertEqual(log.jobs[2].info.startedAt, Instant(nanoseconds: 10 * ms))
        XCTAssertEqual(net.cpuLoad(of: h).busyCores, 0)
    }
}
