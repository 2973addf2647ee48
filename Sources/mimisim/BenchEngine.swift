import ArgumentParser

/// `mimisim bench engine`: event-queue and virtual-network throughput.
struct BenchEngine: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "engine", abstract: "Benchmark the discrete-event engine (hold model, link messages).")
    func run() throws { throw ValidationError("not implemented yet") }
}
