import Foundation
import MIMI
import MLSCrypto
import Metrics
import Playback
import Scenario
import Simulator

/// What a finished simulation hands to the caller (which adds the wall-clock facts and writes the folder).
public struct SimulationOutcome {
    /// Run facts for `summary.json` (config, seed, fingerprint, mode, crypto time, duration).
    public let run: RunInfo
    /// Every recorded metric.
    public let snapshot: MetricsSnapshot
    /// End-of-run checks: convergence, exactly-once delivery, no driver errors.
    public let checks: [String: CheckResult]
    /// The workload's objectives.
    public let objectives: [Objective]
    /// The engine's fingerprint (16 hex digits).
    public let fingerprint: String
    /// Commits accepted and messages sent in the traffic phase.
    public let commits: Int, messages: Int
    /// Engine events processed.
    public let events: UInt64
}

extension SimulationRun {
    /// Runs setup, the traffic phase and the drain, then checks the end state.
    public func run(progress: ((SimulationProgress) -> Void)? = nil) throws -> SimulationOutcome {
        var handler = self
        let setupEnd = Simulator.Instant.zero + options.setupLimit
        try setUpClients()
        net.run(handler: &handler, until: setupEnd) { [unowned self] _ in self.isQuiet }
        createRooms()
        net.run(handler: &handler, until: setupEnd) { [unowned self] _ in self.isQuiet }
        addInitialUsers()
        net.run(handler: &handler, until: setupEnd) { [unowned self] _ in self.isQuiet }
        guard isQuiet else { throw SimulationError("setup did not finish within \(options.setupLimit) of virtual time") }
        checkSetUp()
        trafficStart = net.now
        phase = "traffic"
        scheduleActions()
        let end = trafficStart + workload.duration
        var next = trafficStart
        let lookahead = options.threads > 1 && options.cryptoTime != .measured
        defer { ahead.stopWorkers() }
        while next < end {
            next = min(end, next + .seconds(1))
            ahead.limit = lookahead ? next : nil
            net.run(until: next, handler: &handler)
            if ahead.count > 0 { errors.append("lookahead: \(ahead.count) deliveries handled ahead never came (a simulator bug)") }
            ahead.limit = nil
            progress?(SimulationProgress(now: net.now, end: end, events: net.engine.processedEvents, phase: phase))
        }
        phase = "drain"
        net.run(handler: &handler, until: end + options.drain) { [unowned self] _ in self.isQuiet }
        return try finish(end: end)
    }

    /// Nothing in flight, no output waiting for a CPU, no client with pending work.
    var isQuiet: Bool {
        guard inFlight.isEmpty, batches.isEmpty else { return false }
        for c in clients { if let c, !c.isIdle { return false } }
        return true
    }

    func finish(end: Simulator.Instant) throws -> SimulationOutcome {
        try recordCrypto(meter.snapshot().map { ($0.role, "\($0.primitive)", $0.count, price($0.primitive, calls: $0.count, cpuNanos: $0.cpuNanos)) })
        try recordCommitCrypto(meter.jobSnapshot().map {
            ($0.actor, $0.role, "\($0.primitive)", $0.count, price($0.primitive, calls: $0.count, cpuNanos: $0.cpuNanos))
        })
        let checks = try endChecks()
        let fingerprint = String(format: "%016llx", net.engine.fingerprint.value)
        let runEnd = UInt64(max(0, net.now.nanoseconds - trafficStart.nanoseconds))
        let snapshot = metrics.snapshot(end: runEnd)
        let info = RunInfo(config: RunConfig(name: workload.name ?? "workload", topology: topology.file, workload: workload.file),
                           seed: workload.seed, fingerprint: fingerprint, toolVersion: ToolVersion.current, machine: Host.machine(),
                           mode: .sim, cryptoTime: options.cryptoTime.rawValue, durationMs: Double(workload.duration.nanoseconds) / 1e6)
        return SimulationOutcome(run: info, snapshot: snapshot, checks: checks,
                                 objectives: workload.objectives.map { Objective(metric: $0.metric, limit: $0.limit) },
                                 fingerprint: fingerprint, commits: tracker.commitsAccepted, messages: tracker.messagesSent,
                                 events: net.engine.processedEvents)
    }

}

/// A simulation that could not run to the end.
public struct SimulationError: Error, CustomStringConvertible {
    /// What happened.
    public let description: String
    init(_ d: String) { description = d }
}
