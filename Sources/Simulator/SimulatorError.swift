/// The one error type of the Simulator module: a code to switch on, a message, an optional cause.
public struct SimulatorError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for callers to switch on.
    public enum Code: String, Sendable, Equatable {
        /// Distribution parameters that define no distribution.
        case invalidDistribution
        /// A name, index or id that does not exist in this network.
        case unknownEntity
        /// A name used twice.
        case duplicateName
        /// A parameter out of its allowed range (cores < 1, negative bandwidth, loss outside [0, 1)...).
        case invalidParameter
        /// A time before now, or an interval that ends before it starts.
        case invalidTime
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
