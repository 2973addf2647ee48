/// The one error type of the Metrics module: a code to switch on, a message, an optional cause.
public struct MetricsError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for callers to switch on.
    public enum Code: String, Sendable, Equatable {
        /// A metric, label, role or link name that is empty, has control characters or lacks its unit suffix.
        case invalidName
        /// A sample outside the range a histogram tracks (see `MetricsConfiguration`).
        case valueOutOfRange
        /// A latency sample stamped earlier than one already recorded (samples must arrive in time order).
        case timeWentBackwards
        /// A metric path that names no metric in a summary (objectives, `compare --fail-if`).
        case unknownMetric
        /// Two different metrics that flatten to the same path.
        case duplicateMetric
        /// A `--fail-if` expression that does not parse.
        case invalidExpression
        /// A summary file that is not valid JSON, has another schema, or misses a field.
        case invalidSummary
        /// A file or folder that could not be read or written.
        case io
        /// A configuration value out of its allowed range.
        case invalidConfiguration
    }

    /// The error's code.
    public let code: Code
    /// A human-readable explanation.
    public let message: String
    /// The error that caused this one, if any.
    public let underlying: (any Error & Sendable)?

    /// Creates an error.
    public init(_ code: Code, _ message: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code; self.message = message; self.underlying = underlying
    }

    /// `code: message`.
    public var description: String {
        "\(code.rawValue): \(message)" + (underlying.map { " (caused by: \($0))" } ?? "")
    }
}
