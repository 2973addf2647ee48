import ArgumentParser

/// The `mimisim` command: simulate, benchmark and check MIMI federations.
@main
struct MIMISim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mimisim",
        abstract: "Discrete-event simulator and load-testing framework for MIMI federations (real RFC 9420 MLS on OpenSSL).",
        version: "0.1.0",
        subcommands: [RunCommand.self, SweepCommand.self, VectorsCommand.self, ValidateCommand.self, CalibrateCommand.self, CompareCommand.self, BenchCommand.self, LiveCommand.self]
    )
}

/// `mimisim bench ...`: benchmarks (never timed tests).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark and print medians (and ratios to their physical limits).",
        subcommands: [BenchCrypto.self, BenchMLS.self, BenchEngine.self]
    )
}
