import Metrics

/// What a finished live run hands to the caller (which adds the wall-clock facts and writes the folder).
public struct LiveOutcome: Sendable {
    /// Run facts for `summary.json` (`mode: live`, crypto time `measured`).
    public let run: RunInfo
    /// Every recorded metric.
    public let snapshot: MetricsSnapshot
    /// End-of-run checks: convergence, exactly-once delivery, no driver errors.
    public let checks: [String: CheckResult]
    /// The workload's objectives.
    public let objectives: [Objective]
    /// Commits accepted and messages sent in the traffic phase.
    public let commits: Int, messages: Int
    /// HTTPS requests made (provider-to-provider and client-to-provider, including long polls).
    public let requests: Int
    /// Where each provider listened (`domain federation-URL client-URL`), sorted by domain.
    public let listeners: [String]
}
