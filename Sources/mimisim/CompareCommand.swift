import ArgumentParser
import Foundation
import Metrics

/// `mimisim compare BASE NEW [--fail-if EXPR ...]`: every metric of two runs side by side; exit 1 when a
/// threshold is crossed.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two runs' summary.json files (or results folders) metric by metric.",
        discussion: """
        Prints a markdown table of every metric path (sorted): base, new, new - base, and the relative change.
        --fail-if METRIC>AMOUNT or METRIC<AMOUNT, repeatable:
          commit.converge_ms.p99>+5%          relative change above +5%
          fanout.deliveries_per_s.max<-10%    relative change below -10%
          message.lost>+0                     signed number: absolute change (new - base)
          commit.converge_ms.p99>2000         unsigned number: the new value itself
        Exit status: 0 when no threshold is crossed, 1 when one is, 64 for bad input (an unreadable file,
        a bad expression, a metric that does not exist).
        """
    )

    @Argument(help: "The base run: a summary.json file or a results folder holding one.")
    var base: String

    @Argument(help: "The new run: a summary.json file or a results folder holding one.")
    var new: String

    @Option(name: .customLong("fail-if"), help: "A threshold such as 'commit.converge_ms.p99>+5%' (repeatable).")
    var failIf: [String] = []

    @Flag(help: "Print only metrics whose values differ.")
    var changedOnly = false

    func run() throws {
        let comparison: SummaryComparison
        let baseSummary: RunSummary, newSummary: RunSummary
        do {
            let thresholds = try failIf.map(Threshold.parse)
            baseSummary = try ResultsFolder.readSummary(at: base)
            newSummary = try ResultsFolder.readSummary(at: new)
            comparison = try SummaryComparison(base: baseSummary, new: newSummary, thresholds: thresholds)
        } catch let error as MetricsError {
            throw ValidationError(error.description)
        }
        print("base: \(base) (\(describe(baseSummary.run)))")
        print("new:  \(new) (\(describe(newSummary.run)))")
        print("")
        print(comparison.markdown(changedOnly: changedOnly), terminator: "")
        if !failIf.isEmpty {
            print("")
            print(comparison.violations.isEmpty ? "OK: no threshold crossed (\(failIf.count) checked)"
                                                : "\(comparison.violations.count) of \(failIf.count) thresholds crossed")
        }
        if comparison.exitCode != 0 { throw ExitCode(comparison.exitCode) }
    }

    private func describe(_ run: RunInfo) -> String {
        "\(run.config.name), seed \(run.seed), fingerprint \(run.fingerprint), mimisim \(run.toolVersion)"
    }
}
