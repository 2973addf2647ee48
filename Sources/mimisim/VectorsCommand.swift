import ArgumentParser
import Foundation
import Vectors

/// `mimisim vectors PATH...`: checks official test-vector files and prints per-file, per-suite counts.
struct VectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectors",
        abstract: "Run official MLS / HPKE test vectors (files or folders).",
        discussion: "The vector kind is taken from each file's name (tree-math.json -> tree-math); --kind overrides it. Exits 1 when any entry fails."
    )

    @Argument(help: "Vector files or folders of .json files.")
    var paths: [String]

    @Option(help: "Vector kind for every file (overrides the file name). One of: \(VectorKinds.all.map(\.name).joined(separator: ", ")).")
    var kind: String?

    @Flag(help: "Print a JSON array of {file, kind, suite, passed, failed, skipped, ...}.")
    var json = false

    func run() throws {
        var override: VectorKind?
        if let kind {
            guard let k = VectorKinds.named(kind) else {
                throw ValidationError("unknown kind '\(kind)'; known: \(VectorKinds.all.map(\.name).joined(separator: ", "))")
            }
            override = k
        }
        let reports: [VectorReport]
        do {
            reports = try VectorRunner.run(paths: paths, kind: override)
        } catch let error as VectorRunnerError {
            throw ValidationError(error.description)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(reports), as: UTF8.self))
        } else {
            print(VectorTable.render(reports))
        }
        if reports.contains(where: { $0.failed > 0 }) { throw ExitCode(1) }
    }
}

/// Plain-text rendering of vector reports.
enum VectorTable {
    static func render(_ reports: [VectorReport]) -> String {
        var lines = [pad("file", 34) + pad("kind", 20) + pad("suite", 7) + pad("passed", 8) + pad("failed", 8) + "skipped"]
        for r in reports {
            lines.append(pad(r.file, 34) + pad(r.kind, 20) + pad(r.suite.map(String.init) ?? "-", 7)
                         + pad(String(r.passed), 8) + pad(String(r.failed), 8) + String(r.skipped)
                         + (r.skipped > 0 ? "  (needs: \(r.skipReasons.joined(separator: "; ")))" : ""))
            for f in r.failures { lines.append("    FAIL \(f)") }
        }
        let p = reports.reduce(0) { $0 + $1.passed }, f = reports.reduce(0) { $0 + $1.failed }, s = reports.reduce(0) { $0 + $1.skipped }
        lines.append("total: \(p) passed, \(f) failed, \(s) skipped")
        return lines.joined(separator: "\n")
    }

    private static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count)
    }
}
