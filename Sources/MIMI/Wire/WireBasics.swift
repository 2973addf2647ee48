import MLS

/// A closed `uint8` enum of the MIMI protocol: a value outside the defined cases is `invalidValue`.
///
/// The structure after these enums depends on their value, so an unknown value cannot be skipped.
public protocol MIMIWireEnum: RawRepresentable, Hashable, Sendable, CaseIterable, WireCodable where RawValue == UInt8 {
    /// The draft's name of the enum, for error messages.
    static var wireName: String { get }
}

extension MIMIWireEnum {
    /// Writes the `uint8` value.
    public func encode(to writer: inout WireWriter) { writer.writeUInt8(rawValue) }

    /// Reads a `uint8`; a value that is not one of the cases is `invalidValue`.
    public init(from reader: inout WireReader) throws(CodecError) {
        let at = reader.offset
        let raw = try reader.readUInt8()
        guard let value = Self(rawValue: raw) else {
            throw CodecError(.invalidValue, at: at, "\(Self.wireName) \(raw) is not defined by draft-ietf-mimi-protocol-06")
        }
        self = value
    }
}

/// The end-to-end protocol of a MIMI message (draft-ietf-mimi-protocol-06 §5): only MLS 1.0 is defined.
public enum MIMIProtocol: UInt8, MIMIWireEnum {
    /// MLS 1.0 (RFC 9420). `reserved(0)` is rejected.
    case mls10 = 1
    /// The draft's enum name.
    public static var wireName: String { "Protocol" }
}

/// `IdentifierUri` (§5.2): a user, client or room URI as an `opaque uri<V>`, required to be UTF-8.
public struct IdentifierURI: Hashable, Sendable, Comparable, WireCodable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The URI text (for example `mimi://a.example/u/alice`).
    public var uri: String

    /// Wraps a URI string.
    public init(_ uri: String) { self.uri = uri }

    /// Wraps a URI string literal.
    public init(stringLiteral value: String) { uri = value }

    /// The URI's bytes on the wire.
    public var bytes: [UInt8] { Array(uri.utf8) }

    /// Writes `opaque uri<V>`.
    public func encode(to writer: inout WireWriter) { writer.writeOpaque(Array(uri.utf8)) }

    /// Reads `opaque uri<V>`; bytes that are not UTF-8 are `invalidValue`.
    public init(from reader: inout WireReader) throws(CodecError) {
        let at = reader.offset
        uri = try WireText.read(from: &reader, field: "IdentifierUri", at: at)
    }

    /// Orders by the URI's bytes.
    public static func < (a: IdentifierURI, b: IdentifierURI) -> Bool { a.uri.utf8.lexicographicallyPrecedes(b.uri.utf8) }

    /// The URI text.
    public var description: String { uri }
}

/// Helpers for `opaque <V>` fields that carry UTF-8 text.
enum WireText {
    /// Reads an `opaque<V>` and requires valid UTF-8.
    static func read(from reader: inout WireReader, field: String, at: Int) throws(CodecError) -> String {
        let bytes = try reader.readOpaque()
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CodecError(.invalidValue, at: at, "\(field) is not valid UTF-8")
        }
        return text
    }
}

/// The content type of a handshake or application `MLSMessage`, read from its clear-text framing.
enum MessageKind {
    /// The `content_type` of a PublicMessage or PrivateMessage, or nil for other wire formats.
    static func contentType(of message: MLSMessage) -> ContentType? {
        switch message.body {
        case .publicMessage(let m): m.content.contentType
        case .privateMessage(let m): m.contentType
        default: nil
        }
    }

    /// Throws `invalidValue` unless `message` is a PublicMessage or PrivateMessage carrying `expected`.
    static func require(_ message: MLSMessage, is expected: ContentType, field: String, at: Int) throws(CodecError) {
        guard let type = contentType(of: message) else {
            throw CodecError(.invalidValue, at: at, "\(field) has wire format \(message.wireFormat); a PublicMessage or PrivateMessage is required")
        }
        guard type == expected else {
            throw CodecError(.invalidValue, at: at, "\(field) carries \(type); \(expected) is required")
        }
    }
}

/// Decoding entry points that report `MIMIError`.
public enum MIMIWire {
    /// Decodes a value that must fill `bytes` exactly; any failure is a `MIMIError` naming the type.
    public static func decode<T: WireDecodable>(_ type: T.Type, from bytes: [UInt8]) throws(MIMIError) -> T {
        do {
            return try T.decode(bytes)
        } catch {
            throw MIMIError(error, context: "\(T.self)")
        }
    }
}
