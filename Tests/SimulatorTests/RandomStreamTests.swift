import XCTest
@testable import Simulator

final class RandomStreamTests: XCTestCase {
    func testSameSeedAndNameGiveSameDraws() {
        var a = RandomStream(seed: 42, name: "link:eu->us"), b = RandomStream(seed: 42, name: "link:eu->us")
        for _ in 0..<1000 { XCTAssertEqual(a.next(), b.next()) }
    }

    func testStreamsDifferByNameAndSeed() {
        var a = RandomStream(seed: 42, name: "a"), b = RandomStream(seed: 42, name: "b"), c = RandomStream(seed: 43, name: "a")
        let xs = (0..<4).map { _ in a.next() }, ys = (0..<4).map { _ in b.next() }, zs = (0..<4).map { _ in c.next() }
        XCTAssertNotEqual(xs, ys)
        XCTAssertNotEqual(xs, zs)
    }

    /// Streams are stable values of (seed, name): known first outputs pin the algorithm across releases.
    func testKnownValues() {
        XCTAssertEqual(StableHash.fnv1a64(""), 0xCBF2_9CE4_8422_2325)
        XCTAssertEqual(StableHash.fnv1a64("a"), 0xAF63_DC4C_8601_EC8C)
        var x: UInt64 = 0
        XCTAssertEqual(StableHash.splitMix64(&x), 0xE220_A839_7B1D_CDAF)
    }

    /// Adding actors (a region, its link, a host with access links, and their traffic) does not change
    /// the draws of the others: the a -> b(i) latencies are the same with and without them.
    func testAddingAnActorKeepsOtherStreams() throws {
        func delays(extraActors: Bool) throws -> [Int64] {
            let net = VirtualNetwork(seed: 9)
            if extraActors {
                let x = try net.addRegion("x")
                try net.setRegionLink(from: x, to: x, LinkParameters(latency: .exponential(mean: 3e5)))
                let extra = try net.addHost("extra", region: x, cores: 1, access: LinkParameters(latency: .exponential(mean: 5e5)))
                for _ in 0..<20 { try net.send(from: extra, to: extra, bytes: 10) }
            }
            let r = try net.addRegion("r")
            try net.setRegionLink(from: r, to: r, LinkParameters(latency: .exponential(mean: 1e6)))
            let a = try net.addHost("a", region: r, cores: 1)
            let bs = try (0..<50).map { try net.addHost("b\($0)", region: r, cores: 1) }
            var log = EventLog()
            for b in bs { try net.send(from: a, to: b, bytes: 100) }
            net.runUntilIdle(handler: &log)
            let delivered = log.events.filter { $0.kind == .messageDelivered }
            return bs.map { b in delivered.first { $0.actor == b.actor }!.time.nanoseconds }
        }
        let without = try delays(extraActors: false), with = try delays(extraActors: true)
        XCTAssertEqual(without.count, 50)
        XCTAssertEqual(Set(without).count, 50, "latencies are random, not constant")
        XCTAssertEqual(without, with)
    }

    func testBoundedDrawsStayInRangeAndCoverIt() {
        var r = RandomStream(seed: 3)
        var seen = [Bool](repeating: false, count: 7)
        for _ in 0..<10_000 { let v = r.next(below: 7); XCTAssertLessThan(v, 7); seen[Int(v)] = true }
        XCTAssertTrue(seen.allSatisfy { $0 })
        for _ in 0..<10_000 { let u = r.nextOpenUnit(); XCTAssertTrue(u > 0 && u < 1) }
    }
}
