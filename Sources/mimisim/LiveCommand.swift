import ArgumentParser
import Foundation
import Live
import Metrics
import Scenario

/// `mimisim live`: the same workload on real HTTPS servers on loopback, with mutual TLS between providers.
struct LiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Run a workload live: one HTTPS server pair per provider on 127.0.0.x (mutual TLS between providers), real clients, wall-clock latencies.",
        discussion: """
        Writes the same results folder as `mimisim run` (summary.json with mode: live, CSVs, report.html). Link latencies of the \
        topology are not emulated: traffic crosses loopback. Crypto CPU time is measured by the meter. \
        Exit status: 0 when every end-of-run check and objective passed, 1 otherwise, 64 for bad files or options.
        """
    )

    @OptionGroup var scenario: ScenarioOptions

    @Option(help: "How long the traffic phase runs, e.g. 2m (overrides the workload's duration).")
    var duration: String?

    @Option(help: "Results folder (default Results/live-<workload>-<seed>).")
    var out: String?

    @Option(help: "Largest request body a listener accepts, in bytes (larger ones get 413).")
    var maxBody: Int = 8 << 20

    @Option(help: "Last octet of the first provider's loopback address (providers bind 127.0.0.N, N+1, ...).")
    var firstAddress: Int = 2

    @Option(help: "Seconds to wait after the traffic phase for the federation to go quiet.")
    var drain: Int = 30

    @Option(help: "Replay this trace (.jsonl or .jsonl.zst) instead of generating the workload's actions.")
    var trace: String?

    func run() async throws {
        let wallStart = Date()
        let (topo, work) = try scenario.load(extra: duration.map { ["duration=\($0)"] } ?? [])
        var options = LiveOptions()
        options.maxBody = maxBody
        options.firstAddress = firstAddress
        options.drain = .seconds(drain)
        if let trace { options.actions = try readTrace(trace) }
        let live = try LiveRun(topology: topo, workload: work, options: options)
        let outcome = try await live.run { line in FileHandle.standardError.write(Data("\(line)\n".utf8)) }
        let wallEnd = Date()
        let results = try RunResults(run: outcome.run, wall: Host.wall(start: wallStart, end: wallEnd), snapshot: outcome.snapshot,
                                     checks: outcome.checks, objectives: outcome.objectives)
        let folder = URL(fileURLWithPath: out ?? "Results/live-\(work.name ?? "run")-\(work.seed)")
        try ResultsFolder.write(results, to: folder)
        let seconds = Double(work.duration.nanoseconds) / 1e9
        var header = ["live \(outcome.run.config.name): seed \(outcome.run.seed), \(topo.providers.count) providers on loopback, crypto measured"]
        header += outcome.listeners.map { "  \($0)" }
        header.append(String(format: "traffic %.0f s (%.1f s wall in all), %d commits accepted, %d messages sent, %d HTTPS requests",
                             seconds, wallEnd.timeIntervalSince(wallStart), outcome.commits, outcome.messages, outcome.requests))
        print(RunSummaryText.render(results.summary, header: header, folder: folder.path))
        if !results.summary.passed { throw ExitCode(1) }
    }
}
