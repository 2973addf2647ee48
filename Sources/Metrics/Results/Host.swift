import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads facts about this process and host for `MachineInfo` and `WallInfo`. The recorders never call it:
/// the driver (or the CLI) does, so wall-clock reads stay out of simulations.
public enum Host {
    /// This machine: OS name and release, architecture, CPU model (from /proc/cpuinfo on Linux), cores.
    public static func machine() -> MachineInfo {
        var u = utsname()
        uname(&u)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        var cpu = "unknown"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let colon = line.firstIndex(of: ":") {
            cpu = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return MachineInfo(os: "\(field(u.sysname)) \(field(u.release))", arch: field(u.machine), cpu: cpu,
                           cores: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Peak resident set size of this process in bytes (getrusage), nil if unavailable.
    public static func peakRSSBytes() -> UInt64? {
        var usage = rusage()
        #if os(Linux)
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return nil }
        return UInt64(usage.ru_maxrss) * 1024   // kilobytes on Linux
        #else
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return nil }
        return UInt64(usage.ru_maxrss)          // bytes on Darwin
        #endif
    }

    /// Wall-clock information for a run that started at `start` and ended at `end`, with this process's peak RSS.
    public static func wall(start: Date, end: Date) -> WallInfo {
        WallInfo(start: iso8601(start), end: iso8601(end), durationS: end.timeIntervalSince(start),
                 peakRssBytes: peakRSSBytes())
    }

    /// ISO 8601 UTC with milliseconds.
    static func iso8601(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }
}
