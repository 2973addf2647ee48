/// Checks the names handed to a recorder: metric names carry their unit, and no name may break a CSV
/// row, a metric path or a `--fail-if` expression.
enum MetricName {
    /// Unit suffix of latency metrics (samples are nanoseconds, reported in milliseconds).
    static let latencySuffix = "_ms"

    /// A name that is non-empty, at most 200 characters, and free of control characters, whitespace,
    /// quotes and commas. (`<` and `>` are allowed, as in `a.example->b.example`: a `--fail-if`
    /// expression splits at its last operator, and amounts never contain one.)
    static func validate(_ name: String, as kind: String) throws {
        guard !name.isEmpty, name.count <= 200 else {
            throw MetricsError(.invalidName, "\(kind) name '\(name)' must have 1 to 200 characters")
        }
        for scalar in name.unicodeScalars {
            let bad = scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
                || scalar == "\"" || scalar == ","
            if bad {
                throw MetricsError(.invalidName, "\(kind) name '\(name)' contains '\(scalar.escaped(asASCII: true))' (no whitespace, control characters, quotes or commas)")
            }
        }
    }

    /// A latency metric name: valid, and ending in `_ms`.
    static func validateLatency(_ name: String) throws {
        try validate(name, as: "latency metric")
        guard name.hasSuffix(latencySuffix), name.count > latencySuffix.count else {
            throw MetricsError(.invalidName, "latency metric '\(name)' must end in '\(latencySuffix)' (its reported unit)")
        }
    }
}
