import Foundation
import XCTest
@testable import Simulator

/// Feeds Poisson arrivals into one link (or one CPU) and measures mean sojourn time after a warm-up.
struct PoissonFeeder: EventHandler {
    enum Target { case link(from: HostID, to: HostID), cpu(HostID) }
    let network: VirtualNetwork
    let target: Target
    let meanGapNanos: Double
    let size: Distribution              // bytes for a link, nanoseconds of CPU for a job
    var arrivals: RandomStream
    var sizes: RandomStream
    let warmUp: Int
    let measured: Int
    var completions = 0
    var sojournSum = 0.0
    var sent = 0

    init(network: VirtualNetwork, target: Target, meanGapNanos: Double, size: Distribution, warmUp: Int, measured: Int) {
        self.network = network; self.target = target; self.meanGapNanos = meanGapNanos; self.size = size
        self.arrivals = RandomStream(seed: network.seed, name: "arrivals")
        self.sizes = RandomStream(seed: network.seed, name: "sizes")
        self.warmUp = warmUp; self.measured = measured
    }

    mutating func start() {
        network.engine.schedule(after: .zero, kind: .user(0), actor: .none)
    }

    mutating func handle(_ event: Event, engine: Engine) {
        switch event.kind {
        case .user(0):
            let amount = size.sample(&sizes)
            switch target {
            case .link(let a, let b): _ = try! network.send(from: a, to: b, bytes: Int(amount.rounded()))
            case .cpu(let h): _ = try! network.submitJob(on: h, cost: SimDuration(roundingNanoseconds: amount))
            }
            sent += 1
            if sent < warmUp + measured {
                engine.schedule(after: SimDuration(roundingNanoseconds: -meanGapNanos * log(arrivals.nextOpenUnit())), kind: .user(0), actor: .none)
            }
        case .messageDelivered:
            record(engine.now - network.message(MessageID(payload: event.payload))!.sentAt)
        case .jobCompleted:
            record(engine.now - network.job(JobID(payload: event.payload))!.submittedAt)
        default: break
        }
    }

    private mutating func record(_ sojourn: SimDuration) {
        completions += 1
        if completions > warmUp { sojournSum += Double(sojourn.nanoseconds) }
    }

    var meanSojournNanos: Double { sojournSum / Double(completions - warmUp) }
}

final class QueueingTheoryTests: XCTestCase {
    /// 1 Gbps link, mean message 12,500 B: mean service time 100 us.
    static let bitsPerSecond = 1e9
    static let meanBytes = 12_500.0
    static let meanServiceNanos = meanBytes * 8e9 / bitsPerSecond

    private func linkSojourn(utilisation rho: Double, sizes: Distribution, measured: Int, seed: UInt64) throws -> Double {
        let net = VirtualNetwork(seed: seed)
        let r = try net.addRegion("lab")
        try net.setRegionLink(from: r, to: r, LinkParameters(bitsPerSecond: Self.bitsPerSecond))
        let a = try net.addHost("a", region: r, cores: 1), b = try net.addHost("b", region: r, cores: 1)
        var feeder = PoissonFeeder(network: net, target: .link(from: a, to: b), meanGapNanos: Self.meanServiceNanos / rho,
                                   size: sizes, warmUp: 20_000, measured: measured)
        feeder.start()
        net.runUntilIdle(handler: &feeder)
        XCTAssertEqual(feeder.completions, 20_000 + measured)
        XCTAssertEqual(net.statistics.messagesDelivered, UInt64(20_000 + measured))
        return feeder.meanSojournNanos
    }

    private func assertWithin(_ measured: Double, _ theory: Double, _ tolerance: Double, _ label: String) {
        let error = abs(measured - theory) / theory
        print(String(format: "%@: simulated %.2f us, theory %.2f us, error %.2f%%", label, measured / 1e3, theory / 1e3, error * 100))
        XCTAssertLessThan(error, tolerance, label)
    }

    /// M/M/1: mean sojourn 1/(mu - lambda) at utilisation 0.5 and 0.9, 10^6 messages each
    /// (2 x 10^6 at 0.9, where the sample mean converges slowest).
    func testLinkMatchesMM1() throws {
        let sizes = Distribution.exponential(mean: Self.meanBytes)
        for (rho, n) in [(0.5, 1_000_000), (0.9, 2_000_000)] {
            let theory = Self.meanServiceNanos / (1 - rho)
            assertWithin(try linkSojourn(utilisation: rho, sizes: sizes, measured: n, seed: 11), theory, 0.03, "M/M/1 rho=\(rho) n=\(n)")
        }
    }

    /// M/D/1 (Pollaczek-Khinchine): W = S + rho S / (2 (1 - rho)).
    func testLinkMatchesMD1() throws {
        for rho in [0.5, 0.9] {
            let s = Self.meanServiceNanos
            let theory = s + rho * s / (2 * (1 - rho))
            assertWithin(try linkSojourn(utilisation: rho, sizes: .constant(Self.meanBytes), measured: 1_000_000, seed: 12),
                         theory, 0.03, "M/D/1 rho=\(rho)")
        }
    }

    /// Erlang C probability that an arrival waits, for c servers and offered load a = lambda/mu.
    static func erlangC(servers c: Int, offered a: Double) -> Double {
        var term = 1.0, sum = 0.0
        for k in 0..<c { if k > 0 { term *= a / Double(k) }; sum += term }
        let top = term * a / Double(c) / (1 - a / Double(c))
        return top / (sum + top)
    }

    /// M/M/c: a host with c cores and exponential job costs; W = C(c, a) / (c mu - lambda) + 1/mu.
    func testCPUMatchesMMc() throws {
        let meanCost = 1e6   // 1 ms
        for (cores, rho) in [(4, 0.7), (8, 0.9)] {
            let net = VirtualNetwork(seed: 13)
            let r = try net.addRegion("lab")
            let h = try net.addHost("server", region: r, cores: cores)
            let lambda = rho * Double(cores) / meanCost
            var feeder = PoissonFeeder(network: net, target: .cpu(h), meanGapNanos: 1 / lambda,
                                       size: .exponential(mean: meanCost), warmUp: 20_000, measured: 1_000_000)
            feeder.start()
            net.runUntilIdle(handler: &feeder)
            let mu = 1 / meanCost
            let theory = Self.erlangC(servers: cores, offered: lambda / mu) / (Double(cores) * mu - lambda) + 1 / mu
            XCTAssertEqual(net.statistics.jobsCompleted, 1_020_000)
            assertWithin(feeder.meanSojournNanos, theory, 0.03, "M/M/\(cores) rho=\(rho)")
        }
    }

    func testErlangCKnownValue() {
        // c = 2, a = 1: C = 1/3.
        XCTAssertEqual(Self.erlangC(servers: 2, offered: 1), 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(Self.erlangC(servers: 1, offered: 0.5), 0.5, accuracy: 1e-12)
    }
}
