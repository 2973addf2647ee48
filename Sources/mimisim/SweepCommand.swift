import ArgumentParser
import Foundation
import Metrics
import Scenario

/// `mimisim sweep`: one workload parameter over a list of values, one `mimisim run` process per value.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a workload once per value of one parameter (in parallel processes) and chart every headline metric against it.",
        discussion: "Writes DIR/<param>-<value>/ per run, and DIR/sweep.md (table), DIR/sweep.csv and DIR/sweep.html (charts). Parameters: \(Workload.overridableKeys.joined(separator: ", ")). Example: mimisim sweep --workload Workloads/group-size-sweep.yaml --topology Topologies/lan.yaml --param users --values 2,4,8,16,32"
    )

    @Option(help: "Topology file.") var topology: String
    @Option(help: "Workload file.") var workload: String
    @Option(help: "The parameter to vary.") var param: String
    @Option(help: "Comma-separated values.") var values: String
    @Option(help: "Processes at once (default: the number of cores).") var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Output folder (default Results/sweep-<param>).") var out: String?
    @Option(help: "Extra `run` options, e.g. --crypto-time free (one string).") var runOptions: String = ""

    func run() throws {
        let list = values.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !list.isEmpty else { throw ValidationError("--values is empty") }
        guard Workload.overridableKeys.contains(param) else { throw ValidationError("cannot sweep '\(param)'; choose one of \(Workload.overridableKeys.joined(separator: ", "))") }
        let topo = try TopologyParser.load(path: topology)
        let base = try WorkloadParser.load(path: workload, topology: topo)
        for v in list { _ = try base.setting(param, to: v, topology: topo) }   // every value checked before anything runs
        let folder = out ?? "Results/sweep-\(param)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        var pending = Array(list.enumerated())
        var running: [(Process, String)] = []
        var failures: [String] = []
        while !pending.isEmpty || !running.isEmpty {
            while running.count < max(1, jobs), !pending.isEmpty {
                let (_, v) = pending.removeFirst()
                let p = Process()
                p.executableURL = URL(fileURLWithPath: executable)
                p.arguments = ["run", "--topology", topology, "--workload", workload, "--set", "\(param)=\(v)", "--out", "\(folder)/\(param)-\(v)"]
                    + runOptions.split(separator: " ").map(String.init)
                p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
                p.standardError = FileHandle(forWritingAtPath: "/dev/null")
                try p.run()
                running.append((p, v))
                FileHandle.standardError.write(Data("sweep: started \(param)=\(v)\n".utf8))
            }
            Thread.sleep(forTimeInterval: 0.05)
            running.removeAll { (p, v) in
                guard !p.isRunning else { return false }
                if p.terminationStatus > 1 { failures.append("\(param)=\(v) exited \(p.terminationStatus)") }
                FileHandle.standardError.write(Data("sweep: finished \(param)=\(v) (exit \(p.terminationStatus))\n".utf8))
                return true
            }
        }
        let numeric = list.allSatisfy { Double($0) != nil }
        var points: [SweepReport.Point] = []
        for (i, v) in list.enumerated() {
            let path = "\(folder)/\(param)-\(v)/summary.json"
            guard let data = FileManager.default.contents(atPath: path) else { failures.append("no \(path)"); continue }
            let summary = try JSONDecoder().decode(RunSummary.self, from: data)
            points.append(SweepReport.Point(label: v, x: numeric ? Double(v)! : Double(i), metrics: try MetricPaths.flatten(summary)))
        }
        let table = SweepReport.markdown(parameter: param, points: points)
        try table.write(toFile: "\(folder)/sweep.md", atomically: true, encoding: .utf8)
        try table.replacingOccurrences(of: " | ", with: ",").replacingOccurrences(of: "| ", with: "").replacingOccurrences(of: " |", with: "")
            .split(separator: "\n").enumerated().filter { $0.offset != 1 }.map(\.element).joined(separator: "\n")
            .write(toFile: "\(folder)/sweep.csv", atomically: true, encoding: .utf8)
        try SweepReport.html(title: "Sweep of \(param) — \(base.name ?? workload)", parameter: param, numeric: numeric, points: points)
            .write(toFile: "\(folder)/sweep.html", atomically: true, encoding: .utf8)
        print(table)
        print("wrote \(folder)/sweep.md, sweep.csv, sweep.html")
        if !failures.isEmpty {
            print("failed: " + failures.joined(separator: "; "))
            throw ExitCode(1)
        }
    }
}
