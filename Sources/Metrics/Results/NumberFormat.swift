import Foundation

/// Deterministic, locale-independent number text for CSV files and the report.
enum NumberFormat {
    /// Plain decimal (never exponent notation) with at most `decimals` digits after the point and no
    /// trailing zeros: 12.5, 3, 0.000125. Non-finite values print as "nan", "inf" or "-inf".
    static func plain(_ value: Double, decimals: Int = 6) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var s = String(format: "%.\(decimals)f", value)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// About `significant` significant digits for display (1234.5678 -> "1235", 0.012345 -> "0.0123").
    static func short(_ value: Double, significant: Int = 4) -> String {
        guard value.isFinite, value != 0 else { return plain(value) }
        let magnitude = Int(floor(log10(abs(value))))
        let decimals = Swift.max(0, significant - 1 - magnitude)
        return plain(value, decimals: Swift.min(decimals, 9))
    }

    /// Thousands-grouped integer for display (1234567 -> "1,234,567").
    static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    /// A byte count for display with a binary unit: 512 B, 1.5 KiB, 3.25 MiB.
    static func bytes(_ value: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var v = value, i = 0
        while abs(v) >= 1024, i < units.count - 1 { v /= 1024; i += 1 }
        return "\(i == 0 ? plain(v, decimals: 0) : short(v, significant: 3)) \(units[i])"
    }
}
