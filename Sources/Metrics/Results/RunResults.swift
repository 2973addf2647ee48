import Foundation

/// A finished run: its summary and the snapshot the summary's metrics came from (for the CSV files'
/// CDFs and time series and for the report's charts).
public struct RunResults: Sendable {
    /// What goes into `summary.json`.
    public var summary: RunSummary
    /// CDFs, time series and rates behind the summary.
    public var snapshot: MetricsSnapshot

    /// Builds the results of a run from a recorder's snapshot; see `RunSummary.init` for the errors.
    public init(run: RunInfo, wall: WallInfo, snapshot: MetricsSnapshot, checks: [String: CheckResult] = [:],
                objectives: [Objective] = []) throws {
        summary = try RunSummary(run: run, wall: wall, metrics: snapshot.summary, checks: checks, objectives: objectives)
        self.snapshot = snapshot
    }

    /// Names and contents of every file of the results folder, in name order.
    public func files() throws -> [(name: String, data: Data)] {
        let m = summary.metrics
        let tables: [(String, CSVTable)] = [
            ("bytes.csv", CSVFiles.bytes(m)),
            ("counters.csv", CSVFiles.counters(m)),
            ("crypto.csv", CSVFiles.crypto(m)),
            ("latency.csv", CSVFiles.latency(m)),
            ("latency_cdf.csv", CSVFiles.latencyCDF(snapshot.cdfs)),
            ("timeseries.csv", CSVFiles.timeSeries(snapshot.timeSeries, intervalS: m.intervalS)),
        ]
        var out = tables.map { (name: $0.0, data: Data($0.1.text.utf8)) }
        out.append((ResultsFolder.reportFile, Data(HTMLReport(self).render().utf8)))
        out.append((ResultsFolder.summaryFile, try summary.jsonData()))
        return out.sorted { $0.name < $1.name }
    }
}

/// Reads and writes results folders.
public enum ResultsFolder {
    /// The summary file's name.
    public static let summaryFile = "summary.json"
    /// The report file's name.
    public static let reportFile = "report.html"

    /// Writes every file of `results` into `folder` (created if missing), replacing files of the same names.
    /// Returns the paths written, in name order.
    @discardableResult
    public static func write(_ results: RunResults, to folder: URL) throws -> [URL] {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw MetricsError(.io, "cannot create \(folder.path)", underlying: error)
        }
        var written: [URL] = []
        for file in try results.files() {
            let url = folder.appendingPathComponent(file.name)
            do { try file.data.write(to: url, options: .atomic) } catch {
                throw MetricsError(.io, "cannot write \(url.path)", underlying: error)
            }
            written.append(url)
        }
        return written
    }

    /// Reads a summary from a `summary.json` file or from a results folder holding one.
    public static func readSummary(at path: String) throws -> RunSummary {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw MetricsError(.io, "\(path) does not exist")
        }
        let file = isDirectory.boolValue ? URL(fileURLWithPath: path).appendingPathComponent(summaryFile).path : path
        guard let data = FileManager.default.contents(atPath: file) else {
            throw MetricsError(.io, isDirectory.boolValue ? "\(path) holds no readable \(summaryFile)" : "cannot read \(file)")
        }
        return try RunSummary.decode(data, source: file)
    }
}
