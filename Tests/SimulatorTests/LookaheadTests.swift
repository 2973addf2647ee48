import Foundation
import XCTest
@testable import Simulator

/// The lookahead a driver uses to handle independent hosts' inputs early: the queue's upcoming events, the
/// latency lower bounds and the network's classification of pending events.
final class LookaheadTests: XCTestCase {
    /// `smallest` walks the heap best-first: it equals the sorted queue's prefix, cut at the time limit.
    func testUpcomingIsTheSortedPrefix() {
        var random = RandomStream(seed: 3, name: "upcoming")
        let queue = EventQueue()
        var all: [(Int64, UInt64)] = []
        for i in 0..<2000 {
            let t = Int64(random.next(below: 500))
            queue.push(time: t, kind: 1, actor: 0, payload: UInt64(i))
            all.append((t, UInt64(i)))
        }
        let sorted = all.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        for (k, limit) in [(1, Int64(500)), (37, 500), (2000, 500), (5000, 500), (2000, 100), (10, -1)] {
            let got = queue.smallest(k, through: limit).map { ($0.time, $0.payload) }
            let want = Array(sorted.filter { $0.0 <= limit }.prefix(k))
            XCTAssertEqual(got.map(\.0), want.map(\.0), "k \(k) limit \(limit)")
            XCTAssertEqual(got.map(\.1), want.map(\.1), "k \(k) limit \(limit)")
        }
        XCTAssertEqual(queue.count, 2000, "looking does not change the queue")
    }

    /// No draw is below a distribution's lower bound; unbounded-below laws give 0.
    func testLowerBoundIsBelowEveryDraw() {
        var random = RandomStream(seed: 9, name: "bound")
        let laws: [Distribution] = [.constant(25e6), .uniform(min: 1e6, max: 2e6), .lognormal(median: 1e6, p99: 3e6),
                                    .exponential(mean: 1e6), .pareto(scale: 2e6, shape: 1.5), .normal(mean: 5e6, standardDeviation: 1e6)]
        for law in laws {
            let least = (0..<200_000).map { _ in SimDuration(roundingNanoseconds: law.sample(&random)).nanoseconds }.min()!
            XCTAssertLessThanOrEqual(law.lowerBound, least, law.description)
        }
        XCTAssertEqual(Distribution.constant(25e6).lowerBound, 24_974_999)
        XCTAssertGreaterThan(Distribution.lognormal(median: 1e6, p99: 3e6).lowerBound, 10_000)
        XCTAssertEqual(Distribution.normal(mean: 5e6, standardDeviation: 1e6).lowerBound, 0)
        XCTAssertEqual(Distribution.exponential(mean: 1e6).lowerBound, 0)
    }

    /// Every message's last hop shows up, before it ends, as a pending `.delivery` to its destination at the
    /// time it is then delivered; earlier hops are `.none`; a message behind a delayed one on its connection is
    /// `.mayDeliver`; the bound to a host with an access link is that link's least latency.
    func testPendingInputsPredictDeliveries() throws {
        let net = VirtualNetwork(seed: 5)
        let r = try net.addRegion("r")
        try net.setRegionLink(from: r, to: r, LinkParameters(latency: .constant(2e6), bitsPerSecond: 1e9, lossRate: 0.03))
        let access = LinkParameters(latency: .constant(5e6), jitter: .milliseconds(3), bitsPerSecond: 10e6)
        let a = try net.addHost("a", region: r, cores: 1, access: access), b = try net.addHost("b", region: r, cores: 1, access: access)
        let c = try net.addHost("c", region: r, cores: 1)
        XCTAssertEqual(net.lastHopLatencyBound(to: b), 4_994_999)
        XCTAssertEqual(net.lastHopLatencyBound(to: c), net.links.map(\.latencyBound).min())
        XCTAssertEqual(net.maximumLastHopLatencyBound, 4_994_999)
        for i in 0..<60 { try net.send(from: i % 2 == 0 ? a : c, to: b, bytes: 1500, tag: UInt64(i)) }
        var predicted: [UInt64: Int64] = [:]   // message payload -> predicted delivery time
        var log = NetworkLog(net)
        var kinds: Set<String> = []
        while let head = net.engine.upcoming(maxCount: 1, through: .distantFuture).first {
            for e in net.engine.upcoming(maxCount: 64, through: .distantFuture) {
                switch net.pendingInput(e) {
                case .delivery(let id, let to):
                    XCTAssertEqual(to, b)
                    predicted[id.payload] = e.time
                    kinds.insert("delivery")
                case .mayDeliver(let to):
                    XCTAssertEqual(to, b)
                    kinds.insert("mayDeliver")
                case .none: kinds.insert("none")
                case .driverEvent, .unpredictable: XCTFail("only network events here")
                }
            }
            net.run(until: Instant(nanoseconds: head.time), handler: &log)
        }
        XCTAssertEqual(log.delivered.count, 60)
        XCTAssertEqual(kinds, ["delivery", "mayDeliver", "none"], "lossy links reorder arrivals: some wait for earlier ones")
        var checked = 0
        for d in log.delivered {
            if let t = predicted[d.info.id.payload] { XCTAssertEqual(t, d.time); checked += 1 }
        }
        XCTAssertGreaterThan(checked, 20)
    }
}
