/// An error decoding (or, for over-long vectors, encoding) the RFC 9420 §2.1 wire format.
///
/// Every decoding failure in the MLS module is a `CodecError`: callers switch on `code`, show `message`,
/// and can point at the byte `offset` in the input where the problem was found. A failed decode changes no
/// state: the reader's position is left where it was before the failing read.
public struct CodecError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem the input has.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The input ended before the value did (also: a vector length larger than the remaining input).
        case truncated
        /// A variable-length integer used more bytes than its value needs (RFC 9420 §2.1.2).
        case nonMinimalLength
        /// A variable-length integer started with the reserved prefix `0b11` (RFC 9420 §2.1.2).
        case invalidLengthPrefix
        /// A length above 2^30-1, or above the reader's configured maximum vector length.
        case lengthTooLarge
        /// Bytes were left over after the value (at the end of the input or inside a vector).
        case trailingBytes
        /// A field holds a value its type does not allow (an unknown enum value, a presence byte other than 0/1).
        case invalidValue
    }

    /// What kind of problem the input has.
    public let code: Code
    /// The byte offset, from the start of the input, where the problem was found.
    public let offset: Int
    /// A human-readable explanation naming the field or length involved.
    public let message: String
    /// The error that caused this one, when a decoder wraps a failure from another layer.
    public let underlying: (any Error & Sendable)?

    /// Creates an error with a code, the offset it was found at, a message and an optional cause.
    public init(_ code: Code, at offset: Int, _ message: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.offset = offset
        self.message = message
        self.underlying = underlying
    }

    /// `code at byte N: message`, followed by the underlying error when there is one.
    public var description: String {
        var text = "\(code.rawValue) at byte \(offset): \(message)"
        if let underlying { text += " (caused by: \(underlying))" }
        return text
    }
}
