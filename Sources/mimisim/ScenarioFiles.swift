import ArgumentParser
import Foundation
import Scenario

/// Loads the topology and workload a command names (the built-in quickstart when it names none), applies
/// `--set` overrides and `--seed`; a bad file or option prints one error and exits 64.
enum ScenarioFiles {
    static func load(topology: String?, workload: String?, overrides: [String], seed: UInt64?) throws -> (Topology, Workload) {
        do {
            let topo = try topology.map { try TopologyParser.load(path: $0) } ?? TopologyParser.parse(BuiltInScenario.topology, file: "built-in three-regions.yaml")
            var w = try workload.map { try WorkloadParser.load(path: $0, topology: topo) }
                ?? WorkloadParser.parse(BuiltInScenario.workload, file: "built-in quickstart.yaml", topology: topo)
            for o in overrides {
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
