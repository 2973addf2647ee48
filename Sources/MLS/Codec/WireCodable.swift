/// A value with an RFC 9420 §2.1 wire encoding.
public protocol WireEncodable {
    /// Appends this value's encoding to `writer`.
    func encode(to writer: inout WireWriter)
}

/// A value that can be decoded from its RFC 9420 §2.1 wire encoding.
///
/// Decoders validate as they read (lengths, enum values, presence bytes) and throw `CodecError`; they
/// never trap on input. Leaving the reader's position unchanged on failure is `WireReader`'s job.
public protocol WireDecodable {
    /// Reads one value from `reader`, advancing past it.
    init(from reader: inout WireReader) throws(CodecError)
}

/// A value that can be both encoded and decoded.
public typealias WireCodable = WireEncodable & WireDecodable

extension WireEncodable {
    /// This value's wire encoding.
    @inlinable
    public func encoded() -> [UInt8] {
        var writer = WireWriter()
        encode(to: &writer)
        return writer.bytes
    }
}

extension WireDecodable {
    /// Decodes a value that must fill `bytes` exactly (trailing bytes are an error).
    @inlinable
    public static func decode(_ bytes: [UInt8], maxVectorLength: Int = VarInt.maxValue) throws(CodecError) -> Self {
        var reader = WireReader(bytes, maxVectorLength: maxVectorLength)
        let value = try Self(from: &reader)
        try reader.finish()
        return value
    }

    /// Decodes a value that must fill `bytes` exactly; offsets in errors count from the slice's first byte.
    @inlinable
    public static func decode(_ bytes: ArraySlice<UInt8>, maxVectorLength: Int = VarInt.maxValue) throws(CodecError) -> Self {
        var reader = WireReader(bytes, maxVectorLength: maxVectorLength)
        let value = try Self(from: &reader)
        try reader.finish()
        return value
    }
}

// MARK: Fixed-width integers (`uint8`, `uint16`, `uint32`, `uint64`)

extension UInt8: WireEncodable, WireDecodable {
    /// Writes the `uint8`.
    @inlinable public func encode(to writer: inout WireWriter) { writer.writeUInt8(self) }
    /// Reads a `uint8`.
    @inlinable public init(from reader: inout WireReader) throws(CodecError) { self = try reader.readUInt8() }
}

extension UInt16: WireEncodable, WireDecodable {
    /// Writes the big-endian `uint16`.
    @inlinable public func encode(to writer: inout WireWriter) { writer.writeUInt16(self) }
    /// Reads a big-endian `uint16`.
    @inlinable public init(from reader: inout WireReader) throws(CodecError) { self = try reader.readUInt16() }
}

extension UInt32: WireEncodable, WireDecodable {
    /// Writes the big-endian `uint32`.
    @inlinable public func encode(to writer: inout WireWriter) { writer.writeUInt32(self) }
    /// Reads a big-endian `uint32`.
    @inlinable public init(from reader: inout WireReader) throws(CodecError) { self = try reader.readUInt32() }
}

extension UInt64: WireEncodable, WireDecodable {
    /// Writes the big-endian `uint64`.
    @inlinable public func encode(to writer: inout WireWriter) { writer.writeUInt64(self) }
    /// Reads a big-endian `uint64`.
    @inlinable public init(from reader: inout WireReader) throws(CodecError) { self = try reader.readUInt64() }
}

// MARK: Vectors (`T items<V>`) and optionals (`optional<T>`)

extension Array: WireEncodable where Element: WireEncodable {
    /// Writes `Element items<V>`; a `[UInt8]` is written as `opaque data<V>` (the same bytes, faster).
    @inlinable
    public func encode(to writer: inout WireWriter) {
        if Element.self == UInt8.self {
            withUnsafeBytes { writer.writeOpaque($0) }
            return
        }
        writer.writeVector { (inner: inout WireWriter) in
            // Through the buffer, so that each element is encoded in place rather than copied out (retained) first.
            withUnsafeBufferPointer { items in
                for index in items.indices { items[index].encode(to: &inner) }
            }
        }
    }
}

extension Array: WireDecodable where Element: WireDecodable {
    /// Reads `Element items<V>`: decodes items until the vector's content is used up.
    @inlinable
    public init(from reader: inout WireReader) throws(CodecError) {
        if Element.self == UInt8.self {
            self = unsafeBitCast(try reader.readOpaque(), to: [Element].self)
            return
        }
        self = try reader.readVector { (inner: inout WireReader) throws(CodecError) -> [Element] in
            var items: [Element] = []
            while !inner.isAtEnd {
                let before = inner.offset
                items.append(try Element(from: &inner))
                if inner.offset == before {
                    // An element that reads no bytes could never use up the content.
                    throw CodecError(.invalidValue, at: before, "vector element of type \(Element.self) consumed no bytes")
                }
            }
            return items
        }
    }
}

extension Optional: WireEncodable where Wrapped: WireEncodable {
    /// Writes `optional<Wrapped>`: 0 for none, or 1 followed by the value.
    @inlinable
    public func encode(to writer: inout WireWriter) {
        switch self {
        case .none: writer.writeUInt8(0)
        case .some(let value):
            writer.writeUInt8(1)
            value.encode(to: &writer)
        }
    }
}

extension Optional: WireDecodable where Wrapped: WireDecodable {
    /// Reads `optional<Wrapped>`; a presence byte other than 0 or 1 is `invalidValue`.
    @inlinable
    public init(from reader: inout WireReader) throws(CodecError) {
        let at = reader.offset
        switch try reader.readUInt8() {
        case 0: self = .none
        case 1: self = .some(try Wrapped(from: &reader))
        case let other:
            throw CodecError(.invalidValue, at: at, "optional presence byte is \(other); it must be 0 or 1")
        }
    }
}
