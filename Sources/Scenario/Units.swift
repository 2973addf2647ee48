/// Parsers for quantities written the way people write them: `250us`, `40ms`, `1.5s`, `2m`;
/// `50Mbps`, `1Gbps`; `0.1%`; `1500B`, `64KiB`. Each returns nil with a reason when the text is not
/// such a quantity, so the caller can report it with file, line and key.
public enum Units {
    /// Duration units and their length in nanoseconds.
    public static let durationUnits: [(String, Double)] = [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("min", 60e9), ("h", 3600e9),
    ]
    /// Bandwidth units and their value in bits per second (decimal prefixes, as networks use).
    public static let bandwidthUnits: [(String, Double)] = [
        ("bps", 1), ("Kbps", 1e3), ("kbps", 1e3), ("Mbps", 1e6), ("Gbps", 1e9), ("Tbps", 1e12),
    ]
    /// Size units and their value in bytes (KB/MB/GB decimal, KiB/MiB/GiB binary).
    public static let sizeUnits: [(String, Double)] = [
        ("B", 1), ("KB", 1e3), ("kB", 1e3), ("MB", 1e6), ("GB", 1e9), ("KiB", 1024), ("MiB", 1_048_576), ("GiB", 1_073_741_824),
    ]

    /// A duration in nanoseconds, e.g. `40ms` -> 40,000,000.
    public static func duration(_ text: String) -> Result<Double, UnitProblem> {
        quantity(text, units: durationUnits, kind: "duration", example: "250us, 40ms, 1.5s, 2m, 1h")
    }

    /// A bandwidth in bits per second, e.g. `50Mbps` -> 50,000,000.
    public static func bandwidth(_ text: String) -> Result<Double, UnitProblem> {
        quantity(text, units: bandwidthUnits, kind: "bandwidth", example: "50Mbps, 1Gbps")
    }

    /// A size in bytes, e.g. `64KiB` -> 65,536.
    public static func size(_ text: String) -> Result<Double, UnitProblem> {
        quantity(text, units: sizeUnits, kind: "size", example: "1500B, 64KiB, 1MB")
    }

    /// A percentage as a fraction, e.g. `0.1%` -> 0.001.
    public static func percent(_ text: String) -> Result<Double, UnitProblem> {
        quantity(text, units: [("%", 0.01)], kind: "percentage", example: "0.1%, 5%")
    }

    /// Splits `text` into a non-negative number and a unit from `units`.
    static func quantity(_ text: String, units: [(String, Double)], kind: String, example: String) -> Result<Double, UnitProblem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var numberEnd = trimmed.startIndex
        for (i, ch) in zip(trimmed.indices, trimmed) {
            if ch.isNumber || ch == "." || ch == "-" || ch == "+" || ((ch == "e" || ch == "E") && i != trimmed.startIndex) {
                // An exponent only if a digit or sign follows (so `1e3s` works but `5ms` keeps its unit).
                if ch == "e" || ch == "E" {
                    let next = trimmed.index(after: i)
                    guard next < trimmed.endIndex, trimmed[next].isNumber || trimmed[next] == "-" || trimmed[next] == "+" else { break }
                }
                numberEnd = trimmed.index(after: i)
            } else { break }
        }
        let numberText = String(trimmed[..<numberEnd])
        let unit = String(trimmed[numberEnd...]).trimmingCharacters(in: .whitespaces)
        guard let number = Double(numberText), number.isFinite else {
            return .failure(UnitProblem(message: "'\(text)' is not a \(kind) (write it like \(example))", isUnitError: false))
        }
        guard number >= 0 else {
            return .failure(UnitProblem(message: "\(kind) '\(text)' must not be negative", isUnitError: false))
        }
        guard !unit.isEmpty else {
            return .failure(UnitProblem(message: "\(kind) '\(text)' has no unit (write it like \(example))", isUnitError: true))
        }
        guard let factor = units.first(where: { $0.0 == unit })?.1 else {
            return .failure(UnitProblem(message: "'\(unit)' is not a \(kind) unit (known: \(units.map(\.0).joined(separator: ", ")))", isUnitError: true))
        }
        return .success(number * factor)
    }
}

/// Why a text is not the quantity that was asked for.
public struct UnitProblem: Error, Sendable {
    /// The explanation.
    public let message: String
    /// True for a missing or wrong unit, false for a malformed or negative number.
    public let isUnitError: Bool
}

import Foundation
