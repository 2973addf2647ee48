/// Whether a run was simulated (virtual time and links) or live (real HTTPS and clocks).
public enum RunMode: String, Codable, Sendable, Equatable {
    /// Discrete-event simulation.
    case sim
    /// Live network mode.
    case live
}

/// The host a run executed on. Identical runs on one machine write identical values.
public struct MachineInfo: Codable, Sendable, Equatable {
    /// Operating system name and release (`Linux 6.8.0`).
    public var os: String
    /// CPU architecture (`x86_64`).
    public var arch: String
    /// CPU model name, or "unknown".
    public var cpu: String
    /// Logical cores.
    public var cores: Int

    /// Creates a machine description.
    public init(os: String, arch: String, cpu: String, cores: Int) {
        self.os = os; self.arch = arch; self.cpu = cpu; self.cores = cores
    }
}

/// The configuration files a run was made from.
public struct RunConfig: Codable, Sendable, Equatable {
    /// A short name for the run's configuration (usually the workload's file name without extension).
    public var name: String
    /// Topology file path as given, if any.
    public var topology: String?
    /// Workload file path as given, if any.
    public var workload: String?

    /// Creates a configuration reference.
    public init(name: String, topology: String? = nil, workload: String? = nil) {
        self.name = name; self.topology = topology; self.workload = workload
    }
}

/// What a run was: the `run` object of `summary.json`. Nothing here depends on wall-clock time.
public struct RunInfo: Codable, Sendable, Equatable {
    /// Configuration name and file paths.
    public var config: RunConfig
    /// The master seed.
    public var seed: UInt64
    /// The run's fingerprint (hash of its event trace), as the driver prints it.
    public var fingerprint: String
    /// `mimisim` version.
    public var toolVersion: String
    /// The host.
    public var machine: MachineInfo
    /// Simulated or live.
    public var mode: RunMode
    /// How crypto operations were charged time: calibrated, measured or free.
    public var cryptoTime: String
    /// Length of the run in milliseconds of run time (virtual in sim mode).
    public var durationMs: Double

    /// Creates run information.
    public init(config: RunConfig, seed: UInt64, fingerprint: String, toolVersion: String, machine: MachineInfo,
                mode: RunMode, cryptoTime: String, durationMs: Double) {
        self.config = config; self.seed = seed; self.fingerprint = fingerprint; self.toolVersion = toolVersion
        self.machine = machine; self.mode = mode; self.cryptoTime = cryptoTime; self.durationMs = durationMs
    }

    enum CodingKeys: String, CodingKey {
        case config, seed, fingerprint, machine, mode
        case toolVersion = "tool_version", cryptoTime = "crypto_time", durationMs = "duration_ms"
    }
}

/// Wall-clock facts of a run: the only part of `summary.json` allowed to differ between identical runs.
public struct WallInfo: Codable, Sendable, Equatable {
    /// Start, ISO 8601 UTC (`2025-01-31T12:00:00.123Z`).
    public var start: String
    /// End, ISO 8601 UTC.
    public var end: String
    /// Elapsed wall-clock seconds.
    public var durationS: Double
    /// Peak resident set size of the process in bytes, when known.
    public var peakRssBytes: UInt64?

    /// Creates wall-clock information from already formatted values.
    public init(start: String, end: String, durationS: Double, peakRssBytes: UInt64?) {
        self.start = start; self.end = end; self.durationS = durationS; self.peakRssBytes = peakRssBytes
    }

    enum CodingKeys: String, CodingKey {
        case start, end, durationS = "duration_s", peakRssBytes = "peak_rss_bytes"
    }
}
