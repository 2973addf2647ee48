import Foundation

/// The content of `summary.json`: what the run was, its wall-clock facts, its metrics, its end-of-run
/// checks and its objectives. Encoded as JSON with sorted keys; only `wall` may differ between two runs
/// of the same inputs.
public struct RunSummary: Codable, Sendable, Equatable {
    /// The schema identifier this version writes and reads.
    public static let schemaID = "mimisim.summary/1"

    /// Always `schemaID`.
    public var schema: String
    /// What ran.
    public var run: RunInfo
    /// Wall-clock facts (the only fields allowed to differ between identical runs).
    public var wall: WallInfo
    /// The metrics.
    public var metrics: MetricsSummary
    /// End-of-run checks by name.
    public var checks: [String: CheckResult]
    /// Objectives by metric path.
    public var objectives: [String: ObjectiveResult]
    /// True when every check and every objective passed.
    public var passed: Bool

    /// Builds a summary and judges `objectives` against the metrics.
    ///
    /// Throws `unknownMetric` for an objective on a path the run did not record, `duplicateMetric` when two
    /// metrics flatten to one path, and `invalidName` for a check named with forbidden characters.
    public init(run: RunInfo, wall: WallInfo, metrics: MetricsSummary, checks: [String: CheckResult],
                objectives: [Objective]) throws {
        for name in checks.keys.sorted() { try MetricName.validate(name, as: "check") }
        schema = Self.schemaID
        self.run = run; self.wall = wall; self.metrics = metrics; self.checks = checks
        self.objectives = [:]
        passed = true
        let flat = try MetricPaths.flatten(self)
        var results: [String: ObjectiveResult] = [:]
        for o in objectives {
            guard results[o.metric] == nil else {
                throw MetricsError(.duplicateMetric, "two objectives on '\(o.metric)'")
            }
            results[o.metric] = try o.evaluate(flat)
        }
        self.objectives = results
        passed = checks.values.allSatisfy(\.passed) && results.values.allSatisfy(\.passed)
    }

    /// The summary as UTF-8 JSON: sorted keys, two-space indentation, newline at the end.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            var data = try encoder.encode(self)
            data.append(0x0A)
            return data
        } catch {
            throw MetricsError(.invalidSummary, "cannot encode the summary (a non-finite number?)", underlying: error)
        }
    }

    /// Decodes a summary; throws `invalidSummary` for bad JSON, a missing field or another schema.
    public static func decode(_ data: Data, source: String) throws -> RunSummary {
        struct Header: Decodable { var schema: String? }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: data) } catch {
            throw MetricsError(.invalidSummary, "\(source) is not a JSON object", underlying: error)
        }
        guard header.schema == schemaID else {
            throw MetricsError(.invalidSummary, "\(source) has schema \(header.schema.map { "'\($0)'" } ?? "(none)"), expected '\(schemaID)'")
        }
        do { return try JSONDecoder().decode(RunSummary.self, from: data) } catch {
            throw MetricsError(.invalidSummary, "\(source): \(describe(error))", underlying: error)
        }
    }

    /// A one-line description of a decoding error: which key, where.
    private static func describe(_ error: any Error) -> String {
        func path(_ keys: [any CodingKey]) -> String { keys.map(\.stringValue).joined(separator: ".") }
        switch error {
        case DecodingError.keyNotFound(let key, let c): return "missing key '\(path(c.codingPath + [key]))'"
        case DecodingError.typeMismatch(_, let c): return "wrong type at '\(path(c.codingPath))': \(c.debugDescription)"
        case DecodingError.valueNotFound(_, let c): return "null at '\(path(c.codingPath))'"
        case DecodingError.dataCorrupted(let c): return "bad value at '\(path(c.codingPath))': \(c.debugDescription)"
        default: return "\(error)"
        }
    }
}
