/// Appends values in the RFC 9420 §2.1 wire format (TLS presentation language, big-endian integers,
/// variable-length vector headers) to a growing byte buffer.
///
/// Encoding cannot fail on well-formed values. The one limit is the size of a vector: content over
/// 2^30-1 bytes has no length encoding, and writing one is a programming error that stops the process
/// (check `VarInt.encodedSize(of:)` first when a size comes from outside).
public struct WireWriter: Sendable {
    /// The buffer; writes go through the methods below so that every vector header stays correct.
    @usableFromInline var buffer: [UInt8]

    /// Everything written so far.
    @inlinable
    public var bytes: [UInt8] { buffer }

    /// Creates an empty writer, reserving `capacity` bytes up front.
    @inlinable
    public init(capacity: Int = 0) {
        buffer = []
        if capacity > 0 { buffer.reserveCapacity(capacity) }
    }

    /// The number of bytes written so far.
    @inlinable
    public var count: Int { buffer.count }

    // MARK: Fixed-width integers

    /// Writes a `uint8`.
    @inlinable
    public mutating func writeUInt8(_ value: UInt8) { buffer.append(value) }

    /// Writes a `uint16`, big-endian.
    @inlinable
    public mutating func writeUInt16(_ value: UInt16) { writeBigEndian(value) }

    /// Writes a `uint32`, big-endian.
    @inlinable
    public mutating func writeUInt32(_ value: UInt32) { writeBigEndian(value) }

    /// Writes a `uint64`, big-endian.
    @inlinable
    public mutating func writeUInt64(_ value: UInt64) { writeBigEndian(value) }

    @inlinable
    mutating func writeBigEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }

    // MARK: Bytes and vectors

    /// Writes bytes as they are, with no length prefix (a fixed-size `opaque[N]`).
    @inlinable
    public mutating func writeBytes<C: Collection>(_ raw: C) where C.Element == UInt8 {
        buffer.append(contentsOf: raw)
    }

    /// Writes a variable-length integer in its minimal 1-, 2- or 4-byte form (RFC 9420 §2.1.2).
    ///
    /// - Precondition: `value` is in 0...2^30-1.
    @inlinable
    public mutating func writeVarInt(_ value: Int) {
        switch VarInt.encodedSize(of: value) {
        case 1: buffer.append(UInt8(value))
        case 2: writeBigEndian(UInt16(value) | 0x4000)
        case 4: writeBigEndian(UInt32(value) | 0x8000_0000)
        default: preconditionFailure("vector length \(value) is outside 0...\(VarInt.maxValue)")
        }
    }

    /// Writes an `opaque data<V>`: the minimal length prefix, then the buffer.
    @inlinable
    public mutating func writeOpaque<C: Collection>(_ content: C) where C.Element == UInt8 {
        writeVarInt(content.count)
        buffer.append(contentsOf: content)
    }

    /// Writes a `<V>` vector whose content `body` writes; the length prefix is filled in afterwards.
    ///
    /// One header byte is reserved; when the content turns out to need a 2- or 4-byte header the content
    /// is moved up, so small vectors (the common case) cost nothing extra.
    @inlinable
    public mutating func writeVector<E: Error>(_ body: (inout WireWriter) throws(E) -> Void) throws(E) {
        let headerAt = buffer.count
        buffer.append(0)
        try body(&self)
        patchVectorHeader(at: headerAt)
    }

    @usableFromInline
    mutating func patchVectorHeader(at headerAt: Int) {
        let length = buffer.count - headerAt - 1
        switch VarInt.encodedSize(of: length) {
        case 1:
            buffer[headerAt] = UInt8(length)
        case 2:
            buffer[headerAt] = 0x40 | UInt8(length >> 8)
            buffer.insert(UInt8(truncatingIfNeeded: length), at: headerAt + 1)
        case 4:
            let header: [UInt8] = [0x80 | UInt8(truncatingIfNeeded: length >> 24), UInt8(truncatingIfNeeded: length >> 16),
                                   UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length)]
            buffer.replaceSubrange(headerAt..<(headerAt + 1), with: header)
        default:
            preconditionFailure("vector content of \(length) bytes exceeds the 2^30-1 limit of RFC 9420 §2.1.2")
        }
    }

    // MARK: Encodable values

    /// Writes a value in its wire encoding.
    @inlinable
    public mutating func write<T: WireEncodable>(_ value: T) {
        value.encode(to: &self)
    }

    /// Writes `T items<V>`: a vector holding each item's encoding in order.
    @inlinable
    public mutating func writeArray<T: WireEncodable>(_ items: [T]) {
        items.encode(to: &self)
    }

    /// Writes `optional<T>`: a presence byte (0 or 1), then the value when present.
    @inlinable
    public mutating func writeOptional<T: WireEncodable>(_ value: T?) {
        value.encode(to: &self)
    }
}
