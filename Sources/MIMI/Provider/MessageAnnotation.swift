import MLS
import MLSCrypto

/// The authenticated data of an application message: the sender's franking tag (draft-ietf-mimi-protocol-06
/// §5.4: `franking_tag = HMAC(franking_key, content)`, with the franking key inside the encrypted content).
public struct MessageAnnotation: Hashable, Sendable, WireCodable {
    /// The size of a franking tag.
    public static let tagSize = 32
    /// The franking tag.
    public var frankingTag: [UInt8]

    /// An annotation; throws `invalidValue` unless the tag has 32 bytes.
    public init(frankingTag: [UInt8]) throws(MIMIError) {
        guard frankingTag.count == Self.tagSize else { throw MIMIError(.invalidValue, "a franking tag has \(Self.tagSize) bytes, not \(frankingTag.count)") }
        self.frankingTag = frankingTag
    }

    /// Writes the 32 bytes.
    public func encode(to writer: inout WireWriter) { writer.writeBytes(frankingTag) }

    /// Reads 32 bytes.
    public init(from reader: inout WireReader) throws(CodecError) { frankingTag = try reader.readBytes(count: Self.tagSize) }
}

/// The plaintext of an application message: the franking key and the content (MIMI content bytes).
public struct FrankedContent: Hashable, Sendable, WireCodable {
    /// The sender's per-message franking key (32 random bytes).
    public var frankingKey: [UInt8]
    /// The content.
    public var content: [UInt8]

    /// A plaintext.
    public init(frankingKey: [UInt8], content: [UInt8]) {
        self.frankingKey = frankingKey
        self.content = content
    }

    /// Writes `opaque franking_key<V>` and `opaque content<V>`.
    public func encode(to writer: inout WireWriter) {
        writer.writeOpaque(frankingKey)
        writer.writeOpaque(content)
    }

    /// Reads the two fields.
    public init(from reader: inout WireReader) throws(CodecError) {
        frankingKey = try reader.readOpaque()
        content = try reader.readOpaque()
    }
}
