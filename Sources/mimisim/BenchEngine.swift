import ArgumentParser
import Foundation
import Simulator

/// `mimisim bench engine`: event-queue and virtual-network throughput, with peak memory.
struct BenchEngine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Benchmark the discrete-event engine (hold model, link messages).",
        discussion: """
        (a) hold model: PENDING events in the queue; each processed event schedules one more at now + Exp(1 s). \
        (b) link model: HOSTS hosts in 4 regions with access links (100 Mbps) and inter-region links \
        (10 Gbps, 10-150 ms) exchange Poisson traffic of 200 B - 16 KiB messages. Each is run --repeat times; \
        the median rate is printed, with each run's fingerprint (same --seed, same fingerprint). Rates are per \
        second of the engine thread's CPU time (one core), so other load on a shared machine does not deflate them.
        """
    )

    @Option(help: "Pending events in the hold model.") var pending = 100_000
    @Option(help: "Events processed per hold-model run.") var events = 10_000_000
    @Option(help: "Hosts in the link model.") var hosts = 10_000
    @Option(help: "Messages delivered per link-model run.") var messages = 1_000_000
    @Option(help: "Runs of each model (the median is reported).") var `repeat` = 3
    @Option(help: "Master seed.") var seed: UInt64 = 1
    @Flag(help: "Print only {\"hold_events_per_s\", \"link_messages_per_s\", \"peak_rss_mb\"} as JSON.") var json = false
    @Flag(help: "Run only the hold model.") var holdOnly = false

    func validate() throws {
        guard pending > 0, events > 0, hosts > 1, messages > 0, `repeat` > 0 else {
            throw ValidationError("--pending, --events, --messages and --repeat must be > 0, --hosts > 1")
        }
    }

    func run() throws {
        var holdRates: [Double] = []
        for _ in 0..<`repeat` {
            let r = HoldModelBenchmark(pending: pending, events: events, seed: seed).run()
            holdRates.append(r.rate)
            if !json { print(String(format: "hold: %d pending, %d events in %.3f CPU s = %.2f M events/s  fingerprint %@",
                                    pending, r.processed, r.seconds, r.rate / 1e6, r.fingerprint.description)) }
        }
        var linkRates: [Double] = []
        if !holdOnly {
            for _ in 0..<`repeat` {
                let r = try LinkModelBenchmark(hosts: hosts, messages: messages, seed: seed).run()
                linkRates.append(r.rate)
                if !json { print(String(format: "link: %d hosts, %d messages (%d events, %.1f s virtual) in %.3f CPU s = %.3f M messages/s  fingerprint %@",
                                        hosts, r.delivered, r.processed, r.virtualSeconds, r.seconds, r.rate / 1e6,
                                        r.fingerprint.description)) }
            }
        }
        let peak = ProcessMemory.peakRSSMB()
        let hold = median(holdRates), link = linkRates.isEmpty ? 0 : median(linkRates)
        if json {
            print(String(format: "{\"hold_events_per_s\": %.0f, \"link_messages_per_s\": %.0f, \"peak_rss_mb\": %.1f}", hold, link, peak))
        } else {
            print(String(format: "median: hold %.2f M events/s, link %.3f M messages/s, peak RSS %.1f MB", hold / 1e6, link / 1e6, peak))
        }
    }

    private func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
}

/// The classic hold model: a constant number of pending events, each processed event schedules one more.
struct HoldModelBenchmark {
    let pending: Int, events: Int, seed: UInt64

    struct Handler: EventHandler {
        var random: RandomStream
        var remaining: Int
        mutating func handle(_ event: Event, engine: Engine) {
            let delay = SimDuration(roundingNanoseconds: -1e9 * log(random.nextOpenUnit()))
            engine.schedule(after: delay, kind: .user(0), actor: event.actor)
            remaining -= 1
            if remaining == 0 { engine.stop() }
        }
    }

    func run() -> (processed: UInt64, seconds: Double, rate: Double, fingerprint: Fingerprint) {
        let engine = Engine()
        engine.reserveCapacity(pending + 1)
        var handler = Handler(random: RandomStream(seed: seed, name: "hold"), remaining: events)
        for i in 0..<pending {
            let delay = SimDuration(roundingNanoseconds: -1e9 * log(handler.random.nextOpenUnit()))
            engine.schedule(after: delay, kind: .user(0), actor: ActorID(rawValue: UInt32(i % 1024)))
        }
        let watch = Stopwatch()
        engine.run(until: .distantFuture, handler: &handler)
        let seconds = watch.cpuSeconds
        return (engine.processedEvents, seconds, Double(engine.processedEvents) / seconds, engine.fingerprint)
    }
}

/// Many hosts exchanging Poisson traffic over access and inter-region links.
struct LinkModelBenchmark {
    let hosts: Int, messages: Int, seed: UInt64

    struct Handler: EventHandler {
        let network: VirtualNetwork
        var random: RandomStream
        let hostCount: UInt64
        let meanGapNanos: Double
        var delivered = 0
        let target: Int
        mutating func handle(_ event: Event, engine: Engine) {
            switch event.kind {
            case .messageDelivered:
                delivered += 1
                if delivered == target { engine.stop() }
            case .user(0):   // host `actor` sends one message, then schedules its next send
                let source = HostID(actor: event.actor)
                var other = random.next(below: hostCount - 1)
                if other >= UInt64(source.index) { other += 1 }
                let bytes = 200 + Int(random.next(below: 16 * 1024 - 200))
                _ = try? network.send(from: source, to: HostID(actor: ActorID(rawValue: UInt32(other))), bytes: bytes)
                let gap = SimDuration(roundingNanoseconds: -meanGapNanos * log(random.nextOpenUnit()))
                engine.schedule(after: gap, kind: .user(0), actor: event.actor)
            default: break
            }
        }
    }

    func run() throws -> (delivered: Int, processed: UInt64, virtualSeconds: Double, seconds: Double, rate: Double, fingerprint: Fingerprint) {
        let network = VirtualNetwork(seed: seed)
        let regionLatencyMs: [[Double]] = [[1, 40, 110, 150], [40, 1, 70, 130], [110, 70, 1, 90], [150, 130, 90, 1]]
        var regions: [RegionID] = []
        for name in ["eu", "us", "ap", "sa"] { regions.append(try network.addRegion(name)) }
        for a in 0..<4 {
            for b in 0..<4 {
                let median = regionLatencyMs[a][b] * 1e6
                try network.setRegionLink(from: regions[a], to: regions[b], LinkParameters(
                    latency: .lognormal(median: median, p99: median * 1.5), bitsPerSecond: 10e9))
            }
        }
        let access = LinkParameters(latency: .constant(2e6), jitter: .milliseconds(1), bitsPerSecond: 100e6, lossRate: 0.0001)
        for i in 0..<hosts { try network.addHost("h\(i)", region: regions[i % 4], cores: 2, access: access) }
        // Each host sends 10 messages/s on average: 100,000 messages/s over the whole network at 10k hosts.
        var handler = Handler(network: network, random: RandomStream(seed: seed, name: "traffic"), hostCount: UInt64(hosts),
                              meanGapNanos: 1e8, target: messages)
        for i in 0..<hosts {
            let first = SimDuration(roundingNanoseconds: -1e8 * log(handler.random.nextOpenUnit()))
            network.engine.schedule(after: first, kind: .user(0), actor: ActorID(rawValue: UInt32(i)))
        }
        let watch = Stopwatch()
        network.run(until: .distantFuture, handler: &handler)
        let seconds = watch.cpuSeconds
        return (handler.delivered, network.engine.processedEvents, network.now.seconds, seconds,
                Double(handler.delivered) / seconds, network.engine.fingerprint)
    }
}

/// Measures the CPU time of the calling thread (the engine is single-threaded), so a benchmark on a
/// shared, noisy machine reports what one core did rather than how long it waited for one.
struct Stopwatch {
    private let start = Stopwatch.threadCPUSeconds()
    /// Thread CPU seconds since the stopwatch was created.
    var cpuSeconds: Double { Stopwatch.threadCPUSeconds() - start }

    static func threadCPUSeconds() -> Double { Double(BenchTiming.cpuNow()) * 1e-9 }
}
