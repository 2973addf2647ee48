import Foundation

/// Counts for one file and one cipher suite.
public struct VectorReport: Codable, Equatable, Sendable {
    /// The file's base name.
    public var file: String
    /// The vector kind used to check it.
    public var kind: String
    /// The cipher suite, or nil for kinds without one.
    public var suite: UInt16?
    /// Entries that matched.
    public var passed: Int
    /// Entries that did not match.
    public var failed: Int
    /// Entries not checked because this build does not support them yet.
    public var skipped: Int
    /// Up to ten failure reasons, `#index: reason`.
    public var failures: [String]
    /// Why entries were skipped (one distinct reason each).
    public var skipReasons: [String]
}

/// Errors of the vector runner.
public struct VectorRunnerError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, naming the file.
    public let description: String
}

/// Runs test-vector files and folders and tallies the verdicts per file and suite.
public enum VectorRunner {
    /// Expands folders (their `.json` and `.cbor` files, sorted by name) and keeps files as given.
    public static func files(in paths: [String]) throws -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw VectorRunnerError(description: "\(path): no such file or folder")
            }
            if isDir.boolValue {
                let names = try fm.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".json") || $0.hasSuffix(".cbor") }.sorted()
                out += names.map { (path as NSString).appendingPathComponent($0) }
            } else {
                out.append(path)
            }
        }
        return out
    }

    /// Checks one file with the given kind (or the kind its name selects).
    public static func run(file: String, kind override: VectorKind? = nil) throws -> [VectorReport] {
        let base = (file as NSString).lastPathComponent
        guard let kind = override ?? VectorKinds.forFile(file) else {
            throw VectorRunnerError(description: "\(file): cannot tell the vector kind from the file name; pass --kind")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw VectorRunnerError(description: "\(file): cannot read")
        }
        let results: [(suite: UInt16?, verdict: VectorVerdict)]
        do {
            results = try kind.check!(data)
        } catch {
            throw VectorRunnerError(description: "\(file): not a \(kind.name) vector file: \(error)")
        }
        var order: [UInt16?] = []
        var reports: [UInt16?: VectorReport] = [:]
        for (index, result) in results.enumerated() {
            if reports[result.suite] == nil {
                order.append(result.suite)
                reports[result.suite] = VectorReport(file: base, kind: kind.name, suite: result.suite,
                                                     passed: 0, failed: 0, skipped: 0, failures: [], skipReasons: [])
            }
            switch result.verdict {
            case .passed: reports[result.suite]!.passed += 1
            case .failed(let why):
                reports[result.suite]!.failed += 1
                if reports[result.suite]!.failures.count < 10 { reports[result.suite]!.failures.append("#\(index): \(why)") }
            case .skipped(let why):
                reports[result.suite]!.skipped += 1
                if !reports[result.suite]!.skipReasons.contains(why) { reports[result.suite]!.skipReasons.append(why) }
            }
        }
        // Suites in ascending order (nil first), independent of file order.
        return order.sorted { ($0 ?? 0) < ($1 ?? 0) }.map { reports[$0]! }
    }

    /// Checks every file under the paths.
    public static func run(paths: [String], kind: VectorKind? = nil) throws -> [VectorReport] {
        try files(in: paths).flatMap { try run(file: $0, kind: kind) }
    }
}
