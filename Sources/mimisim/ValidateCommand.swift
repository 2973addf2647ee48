import ArgumentParser
import Foundation
import Scenario

/// `mimisim validate FILE...`: checks topology and workload files without running them.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check topology and workload files; print each error with file, line and key.",
        discussion: "A file with a top-level 'regions' key is read as a topology, one with 'rooms' as a workload. With --topology, workloads' hub and spread domains are checked against that topology. Exits 1 when any file has an error."
    )

    @Argument(help: "Topology or workload files (YAML).")
    var files: [String]

    @Option(help: "Topology that workloads refer to.")
    var topology: String?

    func run() throws {
        var failed = false
        var topo: Topology?
        if let topology {
            do { topo = try TopologyParser.load(path: topology) } catch {
                print("error: \(error)")
                throw ExitCode(1)
            }
        }
        for file in files {
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            let isTopology = text.split(separator: "\n").contains { $0.hasPrefix("regions:") }
            do {
                if isTopology {
                    let t = try TopologyParser.load(path: file)
                    print("ok: \(file): topology with \(t.regions.count) regions, \(t.providers.count) providers, \(t.faults.count) faults")
                } else {
                    let w = try WorkloadParser.load(path: file, topology: topo)
                    print("ok: \(file): workload with \(w.roomCount) rooms, \(w.rooms.reduce(0) { $0 + $1.count * $1.users }) users, \(w.duration)")
                }
            } catch {
                print("error: \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}
