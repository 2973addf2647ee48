/// An `opaque data<V>` field: bytes with a variable-length length prefix (RFC 9420 §2.1.2).
///
/// `[UInt8]` already encodes the same way; this wrapper makes the intent explicit in message structs
/// and gives a readable hex description.
public struct OpaqueBytes: Hashable, Sendable, WireEncodable, WireDecodable, CustomStringConvertible,
                           ExpressibleByArrayLiteral {
    /// The content, without the length prefix.
    public var bytes: [UInt8]

    /// Wraps content bytes.
    @inlinable
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Wraps the listed content bytes.
    @inlinable
    public init(arrayLiteral elements: UInt8...) { self.bytes = elements }

    /// The number of content bytes.
    @inlinable
    public var count: Int { bytes.count }

    /// Writes the length prefix and the content.
    @inlinable
    public func encode(to writer: inout WireWriter) { writer.writeOpaque(bytes) }

    /// Reads a length prefix and that many content bytes.
    @inlinable
    public init(from reader: inout WireReader) throws(CodecError) { bytes = try reader.readOpaque() }

    /// The content as lowercase hex.
    public var description: String {
        let digits: [Character] = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return text
    }
}
