import ArgumentParser
import Foundation
import MLSCrypto

/// `mimisim calibrate`: measures the per-primitive crypto cost table the `calibrated` mode charges.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Measure each crypto primitive's CPU cost on this machine and write Results/calibration/<host>.json.",
        discussion: "Medians of thread CPU time per call. Runs with --crypto-time calibrated use the file given by --calibration, else the built-in reference table."
    )

    @Option(help: "Output file (default Results/calibration/<host>.json).")
    var out: String?

    @Option(help: "Cipher suites to measure.")
    var suites: String = "1,2,3"

    func run() throws {
        var table: [String: [String: Double]] = [:]
        for s in suites.split(separator: ",") {
            guard let id = UInt16(s.trimmingCharacters(in: .whitespaces)), let suite = try? CipherSuite(id: id) else {
                throw ValidationError("unsupported suite '\(s)'")
            }
            table[String(id)] = try CryptoCostTable.measure(suite)
        }
        let result = CryptoCostTable(machine: BenchMachine.line() + ", host " + Self.hostName(), suites: table)
        let path = out ?? "Results/calibration/\(Self.hostName()).json"
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(result).write(to: URL(fileURLWithPath: path))
        print("wrote \(path)")
        for id in table.keys.sorted() {
            let entries = table[id]!.keys.sorted().map { "\($0)=\(String(format: "%.2f", table[id]![$0]! / 1000))µs" }
            print("suite \(id): " + entries.joined(separator: " "))
        }
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count)
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "host" : name
    }
}
