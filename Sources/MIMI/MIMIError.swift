import MLS

/// The one error type of the MIMI module: a code to switch on, a message, and the underlying cause.
///
/// Every decoder and validator in the module throws `MIMIError` and changes no state when it does. Policy
/// rejections that a hub expects in normal operation (`notAllowed`) are results (`PolicyDecision`), not errors.
public struct MIMIError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem the input has.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A TLS-presentation-language structure does not decode (see `underlying` for the `CodecError`).
        case malformedWire
        /// A field decodes but holds a value the draft does not allow (unknown enum, wrong select arm).
        case invalidValue
        /// CBOR bytes are not well formed (truncated, reserved additional information, bad UTF-8, trailing bytes).
        case malformedCBOR
        /// CBOR is well formed but not in RFC 8949 §4.2.1 deterministic form (non-shortest, unsorted map, indefinite length).
        case nonDeterministicCBOR
        /// CBOR or a NestedPart tree is nested deeper than the limit.
        case tooDeep
        /// CBOR is well formed but is not a valid MIMI content document (draft-ietf-mimi-content §3).
        case invalidContent
        /// A room policy, role set, participant list or metadata value is inconsistent.
        case invalidPolicy
        /// The endpoint directory JSON is missing an endpoint or has a malformed URL template.
        case invalidDirectory
        /// A signature or a crypto primitive failed.
        case crypto
        /// An MLS message decodes but fails MLS validation (see `underlying` for the `MLSError`).
        case invalidMLS
        /// A request names a room or user this provider does not know.
        case unknownTarget
        /// The sender may not make this request (not the room's hub, not a participant, another provider's client).
        case forbidden
    }

    /// What kind of problem the input has.
    public let code: Code
    /// A human-readable explanation naming the field involved.
    public let message: String
    /// The byte offset in the input where the problem was found, when known.
    public let offset: Int?
    /// The error that caused this one (a `CodecError`, a `CryptoError`, a `DecodingError`), when there is one.
    public let underlying: (any Error & Sendable)?

    /// Creates an error with a code, a message, an optional offset and an optional cause.
    public init(_ code: Code, _ message: String, at offset: Int? = nil, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
        self.underlying = underlying
    }

    /// Wraps a codec error from the TLS-presentation decoder as `malformedWire` (or `invalidValue`).
    public init(_ error: CodecError, context: String) {
        self.init(error.code == .invalidValue ? .invalidValue : .malformedWire, "\(context): \(error.message)",
                  at: error.offset, underlying: error)
    }

    /// `code at byte N: message`, followed by the underlying error when there is one.
    public var description: String {
        var text = code.rawValue
        if let offset { text += " at byte \(offset)" }
        text += ": \(message)"
        if let underlying { text += " (caused by: \(underlying))" }
        return text
    }
}
