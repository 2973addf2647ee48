import ArgumentParser
import Foundation
import MLS
import MLSCrypto

/// `mimisim bench mls`: group operations at n = 2 … 1024 members against their primitive lower bound.
struct BenchMLS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mls",
        abstract: "Benchmark MLS group operations (batch add, sparse and dense UpdatePath commits) against their primitive lower bound.",
        discussion: """
            For each n: (a) batch: one commit adding n-1 members (create ms, Welcome bytes, one joiner's join ms); \
            (b) dense: every leaf has sent a path, one UpdatePath commit (create ms, process ms, bytes); \
            (c) sparse: right after the batch add, the same. Times are this thread's CPU time (robust on a shared machine). bound_ratio = time / Σ(count × single-call time of that primitive, \
            measured in the same run). --memory N instead builds one N-member group with every member in this process \
            and reports resident memory.
            """
    )

    @Option(help: "Group sizes (comma-separated).")
    var sizes: String = "2,4,8,16,32,64,128,256,512,1024"

    @Option(help: "Cipher suite.")
    var suite: UInt16 = 1

    @Option(help: "Repetitions per measurement (the median is reported).")
    var reps: Int = 5

    @Option(help: "Build one group of this many members, all held in this process, and report memory (instead of the timing runs).")
    var memory: Int?

    @Flag(help: "Print a JSON array of rows.")
    var json = false

    func run() throws {
        let suite: CipherSuite
        do { suite = try CipherSuite(id: self.suite) } catch { throw ValidationError(error.description) }
        if let memory {
            let report = try MLSMemoryBench(suite: suite, members: memory).run()
            if json {
                let e = JSONEncoder(); e.outputFormatting = [.sortedKeys]
                print(String(decoding: try e.encode(report), as: UTF8.self))
            } else { print(report.text) }
            return
        }
        let ns = try sizes.split(separator: ",").map { s -> Int in
            guard let n = Int(s.trimmingCharacters(in: .whitespaces)), n >= 2 else { throw ValidationError("bad size '\(s)' (need integers ≥ 2)") }
            return n
        }
        var rows: [MLSBenchRow] = []
        for n in ns {
            rows += try MLSBenchScenario(suite: suite, n: n, reps: max(1, n >= 512 ? min(reps, 3) : reps),
                                          measureCosts: { try PrimitiveCosts.measure(suite, batches: 3, targetNanos: 4e6) }).run()
            if !json { FileHandle.standardError.write(Data("n=\(n) done\n".utf8)) }
        }
        if json {
            let e = JSONEncoder(); e.outputFormatting = [.sortedKeys]
            print(String(decoding: try e.encode(rows), as: UTF8.self))
        } else {
            print("machine: \(BenchMachine.line()), suite \(suite.id)")
            print(MLSBenchRow.header)
            for r in rows { print(r.line) }
        }
    }
}

/// One row of `bench mls`.
struct MLSBenchRow: Codable {
    var scenario: String
    var suite: UInt16
    var n: Int
    var create_ms: Double
    var process_ms: Double?
    var bytes: Int
    var create_bound_ratio: Double
    var process_bound_ratio: Double?
    var create_hash_ops: UInt64
    var process_hash_ops: UInt64?
    var welcome_bytes: Int?
    var join_ms: Double?
    var join_bound_ratio: Double?
    var create_counts: String
    var process_counts: String?

    static let header = "scenario  n      create_ms  ratio  process_ms  ratio  bytes     welcome_B  join_ms  ratio  create counts | process counts"

    var line: String {
        func f(_ x: Double?, _ w: Int, _ p: Int = 2) -> String {
            guard let x else { return String(repeating: " ", count: w - 1) + "-" }
            let s = String(format: "%.\(p)f", x)
            return String(repeating: " ", count: max(0, w - s.count)) + s
        }
        func i(_ x: Int?, _ w: Int) -> String {
            let s = x.map(String.init) ?? "-"
            return String(repeating: " ", count: max(0, w - s.count)) + s
        }
        return scenario.padding(toLength: 8, withPad: " ", startingAt: 0) + i(n, 5) + f(create_ms, 11, 3) + f(create_bound_ratio, 7)
            + f(process_ms, 12, 3) + f(process_bound_ratio, 7) + i(bytes, 9) + i(welcome_bytes, 11) + f(join_ms, 9, 2) + f(join_bound_ratio, 7)
            + "  " + create_counts + (process_counts.map { " | " + $0 } ?? "")
    }
}
