import ArgumentParser
import Foundation
import Scenario

/// The options every run-like command shares: which topology and workload, `--set` overrides and `--seed`.
struct ScenarioOptions: ParsableArguments {
    @Option(help: "Topology file (default: the built-in three-regions topology).")
    var topology: String?

    @Option(help: "Workload file (default: the built-in quickstart).")
    var workload: String?

    @Option(help: "Master seed (overrides the workload's).")
    var seed: UInt64?

    @Option(name: .customLong("set"), help: "Override a workload parameter, KEY=VALUE (users, hub, seed, duration, rate, clients_per_user, ciphersuite, update_every); repeatable.")
    var overrides: [String] = []

    /// Loads the files (the built-in quickstart when none is named) and applies `extra` overrides after the
    /// command line's; a bad file or option prints one error and exits 64.
    func load(extra: [String] = []) throws -> (Topology, Workload) {
        do {
            let topo = try topology.map { try TopologyParser.load(path: $0) } ?? TopologyParser.parse(BuiltInScenario.topology, file: "built-in three-regions.yaml")
            var w = try workload.map { try WorkloadParser.load(path: $0, topology: topo) }
                ?? WorkloadParser.parse(BuiltInScenario.workload, file: "built-in quickstart.yaml", topology: topo)
            for o in overrides + extra {
                let kv = o.split(separator: "=", maxSplits: 1).map(String.init)
                guard kv.count == 2 else { throw ScenarioError(.invalidValue, "--set needs KEY=VALUE, got '\(o)'", file: "--set", line: nil, key: nil) }
                w = try w.setting(kv[0], to: kv[1], topology: topo)
            }
            if let seed { w.seed = seed }
            return (topo, w)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(64)
        }
    }
}

/// Reads a trace for `--trace`; an unreadable one prints one error and exits 64.
func readTrace(_ path: String) throws -> [TraceAction] {
    do { return try TraceReader.read(path: path) } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode(64)
    }
}
