import MLSCrypto
import Scenario
import Simulator

/// How a simulation is run (what is not in the workload and topology files).
public struct SimulationOptions: Sendable {
    /// How crypto is charged in virtual time (overrides the workload's `crypto_time`).
    public var cryptoTime: Workload.CryptoTimeMode
    /// Per-primitive costs for `calibrated`.
    public var costTable: CryptoCostTable = .builtIn
    /// Actions to replay instead of generating them from the workload (a trace).
    public var actions: [TraceAction]?
    /// Virtual time allowed after the traffic phase for in-flight work to finish.
    public var drain: SimDuration = .seconds(60)
    /// Virtual time allowed for the setup phase (creating rooms, adding the initial users).
    public var setupLimit: SimDuration = .seconds(3600)
    /// Threads that handle independent clients' deliveries ahead of time in the traffic phase (1: none ahead;
    /// results are identical for every value). Ignored with `measured` crypto time, which times each thread.
    public var threads: Int = 1
    /// Whether members share work they repeat on identical bytes (the verification and result caches, shared secret
    /// trees; each member still counts every call): results are identical either way, only wall time differs. Off
    /// only to check that; never with `measured` crypto time.
    public var shareWork = true

    /// Options with the given crypto-time mode and the built-in cost table.
    public init(cryptoTime: Workload.CryptoTimeMode) { self.cryptoTime = cryptoTime }
}

/// One line of progress: simulated time, processed events, phase.
public struct SimulationProgress: Sendable {
    /// Simulated time now.
    public let now: Simulator.Instant
    /// The end of the traffic phase (for an ETA).
    public let end: Simulator.Instant
    /// Engine events processed so far.
    public let events: UInt64
    /// `setup`, `traffic` or `drain`.
    public let phase: String
}
