/// A named end-of-run check (epoch authenticators agree, exactly-once delivery, ...) as the driver judged it.
public struct CheckResult: Codable, Sendable, Equatable {
    /// Whether the check held.
    public var passed: Bool
    /// What was checked and what was found (counts, the first offending member, ...).
    public var detail: String

    /// Creates a check result.
    public init(passed: Bool, detail: String) { self.passed = passed; self.detail = detail }
}

/// A workload objective: a metric path (see `MetricPaths`) and the bound it must respect.
public struct Objective: Sendable, Equatable {
    /// Which side of the limit passes.
    public enum Bound: String, Codable, Sendable, Equatable {
        /// Passes when value <= limit (latencies, losses).
        case atMost = "<="
        /// Passes when value >= limit (throughput).
        case atLeast = ">="
    }

    /// Metric path such as `commit.converge_ms.p99`.
    public var metric: String
    /// The bound.
    public var bound: Bound
    /// The limit, in the metric's unit.
    public var limit: Double

    /// Creates an objective; the workload's `{ commit.converge_ms.p99: 2000 }` is `.init(metric:, bound: .atMost, limit: 2000)`.
    public init(metric: String, bound: Bound = .atMost, limit: Double) {
        self.metric = metric; self.bound = bound; self.limit = limit
    }

    /// Judges the objective against flattened metrics; throws `unknownMetric` when the path names none.
    public func evaluate(_ metrics: [String: Double]) throws -> ObjectiveResult {
        guard let value = metrics[metric] else {
            throw MetricsError(.unknownMetric, "objective names '\(metric)', which this run did not record")
        }
        let passed = bound == .atMost ? value <= limit : value >= limit
        return ObjectiveResult(bound: bound, limit: limit, value: value, passed: passed)
    }
}

/// An objective as judged at the end of a run.
public struct ObjectiveResult: Codable, Sendable, Equatable {
    /// Which side of the limit passes.
    public var bound: Objective.Bound
    /// The limit.
    public var limit: Double
    /// The run's value.
    public var value: Double
    /// Whether the value respects the limit.
    public var passed: Bool

    /// Creates an objective result.
    public init(bound: Objective.Bound, limit: Double, value: Double, passed: Bool) {
        self.bound = bound; self.limit = limit; self.value = value; self.passed = passed
    }
}
