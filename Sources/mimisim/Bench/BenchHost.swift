import Foundation
import Metrics

/// The machine a benchmark ran on, in one line (`AMD EPYC, 2 cores`), from Metrics' `Host`.
enum BenchMachine {
    static func line() -> String {
        let m = Host.machine()
        return "\(m.cpu == "unknown" ? "unknown CPU" : m.cpu), \(m.cores) cores"
    }
}

/// This process's memory from /proc/self/status (getrusage for the peak where /proc is missing).
enum ProcessMemory {
    private static func field(_ name: String) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kb / 1024
        }
        return 0
    }
    /// Resident set size now, MiB.
    static func rssMB() -> Double { field("VmRSS") }
    /// Peak resident set size, MiB.
    static func peakRSSMB() -> Double {
        let hwm = field("VmHWM")
        return hwm > 0 ? hwm : Double(Host.peakRSSBytes() ?? 0) / (1024 * 1024)
    }
}
