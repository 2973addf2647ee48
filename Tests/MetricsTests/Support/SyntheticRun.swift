import Foundation
@testable import Metrics

/// A deterministic synthetic run for tests and for rendering a demo report before the simulator feeds
/// real data: one room hub on a.example, followers on b and c, 60 s of messages and commits, with a
/// latency spike (a simulated partition) between 30 s and 38 s.
///
/// To write a demo results folder: `MIMISIM_DEMO_RESULTS=/tmp/demo swift test --filter MetricsTests.DemoResultsTests`.
enum SyntheticRun {
    /// SplitMix64: a tiny seeded generator, identical on every platform.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// Uniform in (0, 1).
        mutating func unit() -> Double { (Double(next() >> 11) + 0.5) / Double(1 << 53) }
        /// Lognormal with the given median and sigma.
        mutating func lognormal(median: Double, sigma: Double) -> Double {
            let z = (-2 * log(unit())).squareRoot() * cos(2 * Double.pi * unit())
            return median * exp(sigma * z)
        }
    }

    /// One latency sample.
    struct Sample { var at: UInt64; var metric: String; var nanoseconds: UInt64 }

    static let seconds = 60

    /// Every latency sample of the run, in time order (ties keep generation order).
    static func samples(seed: UInt64 = 42) -> [Sample] {
        var g = Generator(state: seed)
        var out: [Sample] = []
        for second in 0..<seconds {
            let spike = (30..<38).contains(second) ? 3.5 : 1.0
            var batch: [Sample] = []
            let base = UInt64(second) * 1_000_000_000
            for _ in 0..<20 {  // application messages, 40 recipients each
                let at = base + g.next() % 1_000_000_000
                var last: UInt64 = 0
                for _ in 0..<40 {
                    let ns = UInt64(g.lognormal(median: 45e6 * spike, sigma: 0.35))
                    last = max(last, ns)
                    batch.append(Sample(at: at + ns, metric: "message.deliver_ms", nanoseconds: ns))
                }
                batch.append(Sample(at: at + last, metric: "message.last_deliver_ms", nanoseconds: last))
            }
            for _ in 0..<(second % 3 == 0 ? 2 : 1) {  // commits
                let at = base + g.next() % 1_000_000_000
                let accept = UInt64(g.lognormal(median: 60e6 * spike, sigma: 0.3))
                let converge = accept + UInt64(g.lognormal(median: 140e6 * spike, sigma: 0.4))
                batch.append(Sample(at: at + accept, metric: "commit.accept_ms", nanoseconds: accept))
                batch.append(Sample(at: at + converge, metric: "commit.converge_ms", nanoseconds: converge))
            }
            out += batch
        }
        return out.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    /// Feeds the synthetic latency samples, bytes, counters and crypto cost into `recorder`.
    static func feed(_ recorder: inout MetricsRecorder, seed: UInt64 = 42) throws {
        for s in samples(seed: seed) { try recorder.recordLatency(s.metric, nanoseconds: s.nanoseconds, at: s.at) }
        try feedBytes(&recorder, seed: seed)
        try feedCounters(&recorder)
        try feedCrypto(&recorder, seed: seed)
    }

    /// Message sizes per type over four links.
    static func feedBytes(_ recorder: inout MetricsRecorder, seed: UInt64 = 42) throws {
        var g = Generator(state: seed ^ 0xB17E5)
        let links = ["a.example->b.example", "a.example->c.example", "b.example->a.example", "c.example->a.example"]
        let types: [(String, Double, Int)] = [("application", 310, 1200), ("commit", 3900, 80), ("welcome", 41_000, 6),
                                              ("groupinfo", 8200, 12), ("keypackage", 380, 6)]
        for (type, median, n) in types {
            for i in 0..<n {
                try recorder.recordBytes(UInt64(g.lognormal(median: median, sigma: 0.15)), messageType: type, link: links[i % links.count])
            }
        }
    }

    /// Rejections by reason, losses (0), retries and duplicates; `reversed` makes the same calls in reverse order.
    static func feedCounters(_ recorder: inout MetricsRecorder, reversed: Bool = false) throws {
        let calls: [(String, String?, UInt64)] = [("commit.rejected", "wrongEpoch", 3), ("commit.rejected", "notAllowed", 1),
                                                  ("message.lost", nil, 0), ("fanout.retries", nil, 17),
                                                  ("fanout.duplicates_dropped", nil, 5)]
        for (name, label, n) in reversed ? calls.reversed() : calls { try recorder.increment(name, label: label, by: n) }
    }

    /// Counts and CPU time per primitive and role; `reversed` makes the same calls in reverse order.
    static func feedCrypto(_ recorder: inout MetricsRecorder, seed: UInt64 = 42, reversed: Bool = false) throws {
        var g = Generator(state: seed ^ 0xC0FFEE)
        let primitives: [(String, Double)] = [("sign", 48), ("verify", 95), ("hpke.seal", 110), ("hpke.open", 105),
                                               ("aead.seal", 1.1), ("aead.open", 1.0), ("hkdf.expand", 0.6), ("hash", 0.3), ("dh", 52)]
        let roles: [(String, Double)] = [("committer", 1), ("member", 30), ("hub", 6), ("follower", 4)]
        var calls: [(String, String, UInt64, UInt64)] = []
        for (primitive, us) in primitives {
            for (role, weight) in roles {
                let count = UInt64(weight * 80 * g.lognormal(median: 1, sigma: 0.2))
                calls.append((primitive, role, count, UInt64(Double(count) * us * 1000)))
            }
        }
        for (p, r, n, ns) in reversed ? calls.reversed() : calls {
            try recorder.recordCrypto(primitive: p, role: r, count: n, cpuNanoseconds: ns)
        }
    }

    /// Run facts of the synthetic run.
    static func run(seed: UInt64 = 42) -> RunInfo {
        RunInfo(config: RunConfig(name: "synthetic-three-providers", topology: "Topologies/three-regions.yaml",
                                  workload: "Workloads/synthetic.yaml"),
                seed: seed, fingerprint: "0123456789abcdef", toolVersion: "0.1.0",
                machine: MachineInfo(os: "Linux 6.8.0", arch: "x86_64", cpu: "Synthetic CPU @ 3.0GHz", cores: 2),
                mode: .sim, cryptoTime: "calibrated", durationMs: Double(seconds) * 1000)
    }

    /// A fixed wall object; pass another to model a second run of the same inputs.
    static func wall(start: String = "2025-01-01T00:00:00.000Z", durationS: Double = 12.5) -> WallInfo {
        WallInfo(start: start, end: "2025-01-01T00:00:12.500Z", durationS: durationS, peakRssBytes: 123_456_789)
    }

    /// `results()` computed once per test process (feeding 50,000 samples takes about a second in debug builds).
    static let standard: Result<RunResults, any Error> = Result { try results() }

    /// The complete synthetic results: checks, and one objective on commit.converge_ms.p99.
    static func results(seed: UInt64 = 42, wall: WallInfo = SyntheticRun.wall()) throws -> RunResults {
        var recorder = try MetricsRecorder()
        try feed(&recorder, seed: seed)
        return try RunResults(
            run: run(seed: seed), wall: wall, snapshot: recorder.snapshot(end: UInt64(seconds) * 1_000_000_000),
            checks: ["epoch_authenticators_agree": CheckResult(passed: true, detail: "3 rooms, 41 members each agree at epoch 27"),
                     "exactly_once_delivery": CheckResult(passed: true, detail: "48,000 deliveries, 0 missing, 0 duplicated")],
            objectives: [Objective(metric: "commit.converge_ms.p99", limit: 2000),
                         Objective(metric: "fanout.deliveries_per_s.mean", bound: .atLeast, limit: 500)])
    }

    /// `summary.json` text with the `wall` object removed (keys are sorted and pretty-printed, so the
    /// object is the block from `  "wall" : {` to the next line `  },` or `  }`).
    static func withoutWall(_ json: String) -> String {
        var out: [Substring] = [], skipping = false
        for line in json.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  \"wall\" : {") { skipping = true; continue }
            if skipping { if line == "  }," || line == "  }" { skipping = false }; continue }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }
}
