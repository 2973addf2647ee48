import ArgumentParser

/// `mimisim bench crypto`: per-primitive cost against raw OpenSSL EVP.
struct BenchCrypto: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "crypto", abstract: "Benchmark every crypto primitive against raw OpenSSL EVP.")
    func run() throws { throw ValidationError("not implemented yet") }
}
