import ArgumentParser
import Foundation
import Metrics
import MLSCrypto
import Scenario
import Simulation
import Simulator

/// `mimisim run`: plays a workload on a topology and writes a results folder.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a workload on a topology (default: the built-in quickstart) and write summary.json, CSVs and report.html.",
        discussion: "Exit status: 0 when every end-of-run check and objective passed, 1 otherwise, 64 for bad files or options."
    )

    @OptionGroup var scenario: ScenarioOptions

    @Option(help: "Results folder (default Results/<workload>-<seed>).")
    var out: String?

    @Option(help: "calibrated | measured | free (overrides the workload's crypto_time).")
    var cryptoTime: String?

    @Option(help: "Calibration table written by `mimisim calibrate` (default: the built-in reference table).")
    var calibration: String?

    @Option(help: "Replay this trace (.jsonl or .jsonl.zst) instead of generating the workload's actions.")
    var trace: String?

    @Option(help: "Write the run's action trace here (.jsonl, or .jsonl.zst for zstd).")
    var traceOut: String?

    @Option(help: "Threads that handle independent clients' deliveries ahead of time (results are identical for every value; since members share repeated crypto work, more than one has not been faster).")
    var threads: Int = 1


    func run() throws {
        let wallStart = Date()
        let (topo, work) = try scenario.load()
        var options = SimulationOptions(cryptoTime: work.cryptoTime)
        if let mode = cryptoTime {
            guard let m = Workload.CryptoTimeMode(rawValue: mode) else { throw ValidationError("--crypto-time must be calibrated, measured or free") }
            options.cryptoTime = m
        }
        if let calibration {
            do { options.costTable = try JSONDecoder().decode(CryptoCostTable.self, from: Data(contentsOf: URL(fileURLWithPath: calibration))) } catch {
                throw ValidationError("cannot read calibration table \(calibration): \(error)")
            }
        }
        if let trace { options.actions = try readTrace(trace) }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        options.threads = threads
        let sim = try SimulationRun(topology: topo, workload: work, options: options)
        // The run holds every node's state (a big room's is hundreds of MB in millions of objects), and the process
        // ends when this command returns: one retain the run never gets back keeps it until exit, instead of freeing
        // it object by object just before the OS takes the memory anyway. (Only this one-run command does this;
        // `sweep` and the tests free their runs.)
        _ = Unmanaged.passRetained(sim)
        if let traceOut {
            let writer = try TraceWriter(path: traceOut)
            for a in sim.plannedActions { try writer.write(a) }
            try writer.close()
        }
        let progress = ProgressReporter()
        let outcome = try sim.run { progress.report($0) }
        progress.finish()
        let results = try RunResults(run: outcome.run, wall: Host.wall(start: wallStart, end: Date()), snapshot: outcome.snapshot,
                                     checks: outcome.checks, objectives: outcome.objectives)
        let folder = URL(fileURLWithPath: out ?? "Results/\(work.name ?? "run")-\(work.seed)")
        try ResultsFolder.write(results, to: folder)
        print(RunSummaryText.render(results.summary, outcome: outcome, folder: folder.path, wallSeconds: Date().timeIntervalSince(wallStart)))
        if !results.summary.passed { throw ExitCode(1) }
    }
}

/// Progress on stderr: a redrawn line on a terminal, a plain line every 10 simulated seconds otherwise.
final class ProgressReporter {
    let terminal = isatty(2) != 0
    let start = Date()
    var lastPlain: Int64 = -10_000_000_000

    func report(_ p: SimulationProgress) {
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(p.events) / elapsed : 0
        let done = max(0.0, min(1.0, p.now.seconds / max(p.end.seconds, 1e-9)))
        let eta = done > 0 ? elapsed / done - elapsed : 0
        let line = String(format: "sim %.0fs / %.0fs  %.0f events/s  ETA %.0fs", p.now.seconds, p.end.seconds, rate, eta)
        if terminal {
            FileHandle.standardError.write(Data("\r\(line)   ".utf8))
        } else if p.now.nanoseconds - lastPlain >= 10_000_000_000 {
            lastPlain = p.now.nanoseconds
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }
    }

    func finish() { if terminal { FileHandle.standardError.write(Data("\n".utf8)) } }
}

/// The summary `mimisim run` and `mimisim live` print.
enum RunSummaryText {
    /// The simulated run's two header lines, then the common table.
    static func render(_ s: RunSummary, outcome: SimulationOutcome, folder: String, wallSeconds: Double) -> String {
        render(s, header: ["run \(outcome.run.config.name): seed \(outcome.run.seed), crypto \(outcome.run.cryptoTime), fingerprint \(outcome.fingerprint)",
                           String(format: "simulated %.0f s in %.1f s wall (%.1fx real time), %llu events, %d commits accepted, %d messages sent",
                                  outcome.run.durationMs / 1000, wallSeconds, outcome.run.durationMs / 1000 / max(wallSeconds, 1e-9),
                                  outcome.events, outcome.commits, outcome.messages)], folder: folder)
    }

    /// Header lines, the headline latencies, checks, objectives and where the results are.
    static func render(_ s: RunSummary, header: [String], folder: String) -> String {
        var lines = header
        lines.append("metric                    count      p50      p90      p99      max   (ms)")
        let paths = (try? MetricPaths.flatten(s)) ?? [:]
        for m in ["commit.accept_ms", "commit.converge_ms", "message.deliver_ms", "message.last_deliver_ms"] {
            func v(_ stat: String) -> String { paths["\(m).\(stat)"].map { String(format: "%8.1f", $0) } ?? "       -" }
            let count = paths["\(m).count"].map { String(format: "%6.0f", $0) } ?? "     0"
            lines.append(m.padding(toLength: 24, withPad: " ", startingAt: 0) + count + " " + v("p50") + " " + v("p90") + " " + v("p99") + " " + v("max"))
        }
        for name in s.checks.keys.sorted() {
            let c = s.checks[name]!
            lines.append("check \(name): \(c.passed ? "passed" : "FAILED") — \(c.detail)")
        }
        for name in s.objectives.keys.sorted() {
            let o = s.objectives[name]!
            lines.append(String(format: "objective %@ ≤ %g: %@ (%.1f)", name as NSString, o.limit, o.passed ? "met" : "MISSED", o.value))
        }
        lines.append("results: \(folder)/summary.json, report.html")
        return lines.joined(separator: "\n")
    }
}
