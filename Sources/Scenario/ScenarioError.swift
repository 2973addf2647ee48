/// The one error type of the Scenario module: what is wrong, where (file, line, column, key), and why.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for callers to switch on.
    public enum Code: String, Sendable, Equatable {
        /// The file could not be read.
        case unreadableFile
        /// The YAML itself is malformed.
        case syntax
        /// A key this format does not have.
        case unknownKey
        /// A required key is absent.
        case missingKey
        /// The same key appears twice in one mapping.
        case duplicateKey
        /// A value of the wrong shape (mapping, list or scalar) or type.
        case wrongType
        /// A quantity without a unit, or with a unit of the wrong kind.
        case badUnit
        /// A value outside its allowed range, or parameters that contradict each other.
        case invalidValue
        /// A name that refers to nothing defined in the file (a dangling reference).
        case unknownName
        /// A name defined twice.
        case duplicateName
        /// Keys that cannot be used together, or a choice that needs exactly one of several keys.
        case conflictingKeys
        /// Two regions with no link between them.
        case missingLink
    }

    /// The error's code.
    public let code: Code
    /// A human-readable explanation.
    public let message: String
    /// The file the error is in.
    public let file: String
    /// 1-based line, when known.
    public let line: Int?
    /// 1-based column, when known.
    public let column: Int?
    /// Path of the offending key, e.g. `links[2].bandwidth`.
    public let key: String?
    /// The error that caused this one, if any.
    public let underlying: (any Error & Sendable)?

    /// Creates an error.
    public init(_ code: Code, _ message: String, file: String, line: Int?, column: Int? = nil, key: String?,
                underlying: (any Error & Sendable)? = nil) {
        self.code = code; self.message = message; self.file = file; self.line = line; self.column = column
        self.key = key; self.underlying = underlying
    }

    /// `file:line:column: key 'path': message`.
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        s += ": "
        if let key { s += "key '\(key)': " }
        return s + message
    }
}
