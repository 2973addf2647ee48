import ArgumentParser
import Foundation
import MLSCrypto
import Metrics

/// `mimisim bench crypto`: µs per call of every primitive through MLSCrypto, beside the same primitive
/// called straight through OpenSSL's EVP API in the same process, and the meter's own cost.
struct BenchCrypto: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crypto",
        abstract: "Benchmark every crypto primitive against raw OpenSSL EVP (medians of interleaved batches).",
        discussion: "ratio = MLSCrypto µs / raw EVP µs. meter_overhead = cost of one count / cost of the cheapest primitive (the worst case); timing_overhead likewise with CPU timing switched on."
    )

    @Option(help: "Cipher suites to run (comma-separated).")
    var suites: String = "1,2,3"

    @Option(help: "Batches per primitive (the median is reported).")
    var batches: Int = 9

    @Option(help: "Target duration of one batch, in milliseconds.")
    var batchMs: Double = 15

    @Flag(help: "Print JSON: {\"meter_overhead\": ..., \"timing_overhead\": ..., \"rows\": [...]}.")
    var json = false

    func run() throws {
        var rows: [CryptoBenchRow] = []
        for idText in suites.split(separator: ",") {
            guard let id = UInt16(idText.trimmingCharacters(in: .whitespaces)) else { throw ValidationError("bad suite '\(idText)'") }
            let suite: CipherSuite
            do { suite = try CipherSuite(id: id) } catch { throw ValidationError(error.description) }
            rows += try CryptoBenchSuite(suite: suite, batches: batches, targetNanos: batchMs * 1e6).run()
        }
        let overhead = MeterCost.measure(batches: batches, targetNanos: batchMs * 1e6)
        let cheapest = rows.map(\.us_per_op).min() ?? 1
        for i in rows.indices { rows[i].timed_overhead = overhead.timedNanos / 1000 / rows[i].us_per_op }
        let report = CryptoBenchReport(
            machine: BenchMachine.line(),
            meter_overhead: overhead.countNanos / 1000 / cheapest,
            timing_overhead: overhead.timedNanos / 1000 / cheapest,
            meter_count_ns: overhead.countNanos,
            meter_timed_ns: overhead.timedNanos,
            rows: rows)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.table())
        }
    }
}

/// One row of the crypto benchmark.
struct CryptoBenchRow: Codable {
    var suite: UInt16
    var primitive: String
    var us_per_op: Double
    var ops_per_s: Double
    var raw_us_per_op: Double
    var ratio: Double
    var raw_baseline: String
    /// Extra cost of CPU timing on this primitive (timed ns per call / µs per op).
    var timed_overhead: Double = 0
}

/// The whole crypto benchmark result.
struct CryptoBenchReport: Codable {
    var machine: String
    var meter_overhead: Double
    var timing_overhead: Double
    var meter_count_ns: Double
    var meter_timed_ns: Double
    var rows: [CryptoBenchRow]

    func table() -> String {
        var lines = ["machine: \(machine)",
                     "suite  primitive                        µs/op      ops/s  raw µs/op  ratio  timed  raw baseline"]
        for r in rows {
            lines.append(String(format: "%-6d ", r.suite) + r.primitive.padding(toLength: 28, withPad: " ", startingAt: 0)
                         + String(format: "%9.2f %10.0f %9.2f  %5.2f  %5.1f%%  ", r.us_per_op, r.ops_per_s, r.raw_us_per_op, r.ratio, r.timed_overhead * 100)
                         + r.raw_baseline)
        }
        lines.append(String(format: "meter: one count costs %.1f ns = %.2f%% of the cheapest primitive (counting is always on)", meter_count_ns, meter_overhead * 100))
        lines.append(String(format: "meter with CPU timing on: %.1f ns per call = %.2f%% of the cheapest primitive", meter_timed_ns, timing_overhead * 100))
        return lines.joined(separator: "\n")
    }
}

/// The cost of the meter itself: one count, and one count with thread-CPU timing.
enum MeterCost {
    nonisolated(unsafe) static var sink: UInt64 = 0

    @inline(never)
    static func counted(_ actor: MeterActor) { actor.measureInfallible(.hash) { sink &+= 1 } }

    @inline(never)
    static func bare() { sink &+= 1 }

    static func measure(batches: Int, targetNanos: Double) -> (countNanos: Double, timedNanos: Double) {
        let meter = OperationMeter()
        let actor = meter.actor("bench")
        let (withCount, without) = compareInterleaved(batches: batches, targetNanos: targetNanos, { counted(actor) }, { bare() })
        meter.timing = true
        let (withTiming, without2) = compareInterleaved(batches: batches, targetNanos: targetNanos, { counted(actor) }, { bare() })
        return (max(0, withCount - without), max(0, withTiming - without2))
    }
}
