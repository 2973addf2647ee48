/// Reads values in the RFC 9420 §2.1 wire format from a byte buffer, checking every bound.
///
/// Every read either returns a value and advances, or throws a `CodecError` and leaves the position
/// where it was. Offsets in errors count from the start of the outermost input, also inside vectors.
public struct WireReader: Sendable {
    /// The bytes this reader may read: the whole input, or one vector's content for a sub-reader.
    @usableFromInline let storage: ArraySlice<UInt8>
    /// The index in `storage` of the next byte to read.
    @usableFromInline var position: Int
    /// The index in `storage` that offset 0 of the outermost input corresponds to.
    @usableFromInline let origin: Int
    /// The largest vector length this reader accepts.
    public let maxVectorLength: Int

    /// Creates a reader over a whole byte array, accepting vectors up to `maxVectorLength` bytes.
    public init(_ bytes: [UInt8], maxVectorLength: Int = VarInt.maxValue) {
        self.init(bytes[...], maxVectorLength: maxVectorLength)
    }

    /// Creates a reader over a slice; offsets in errors count from the slice's first byte.
    public init(_ bytes: ArraySlice<UInt8>, maxVectorLength: Int = VarInt.maxValue) {
        storage = bytes
        position = bytes.startIndex
        origin = bytes.startIndex
        self.maxVectorLength = min(max(maxVectorLength, 0), VarInt.maxValue)
    }

    @usableFromInline
    init(subrange: ArraySlice<UInt8>, origin: Int, maxVectorLength: Int) {
        storage = subrange
        position = subrange.startIndex
        self.origin = origin
        self.maxVectorLength = maxVectorLength
    }

    /// The number of bytes read so far, counted from the start of the outermost input.
    @inlinable
    public var offset: Int { position - origin }

    /// The number of bytes left to read.
    @inlinable
    public var remaining: Int { storage.endIndex - position }

    /// Whether every byte has been read.
    @inlinable
    public var isAtEnd: Bool { position == storage.endIndex }

    /// Throws `trailingBytes` unless every byte has been read.
    public func finish() throws(CodecError) {
        guard isAtEnd else {
            throw CodecError(.trailingBytes, at: offset, "\(remaining) unread byte(s) after the value")
        }
    }

    @usableFromInline
    func truncated(_ needed: Int, _ what: String) -> CodecError {
        CodecError(.truncated, at: offset, "\(what) needs \(needed) byte(s), only \(remaining) left")
    }

    // MARK: Fixed-width integers

    /// Reads a `uint8`.
    @inlinable
    public mutating func readUInt8() throws(CodecError) -> UInt8 {
        guard position < storage.endIndex else { throw truncated(1, "uint8") }
        defer { position += 1 }
        return storage[position]
    }

    /// Reads a big-endian `uint16`.
    @inlinable
    public mutating func readUInt16() throws(CodecError) -> UInt16 { try readBigEndian(UInt16.self, "uint16") }

    /// Reads a big-endian `uint32`.
    @inlinable
    public mutating func readUInt32() throws(CodecError) -> UInt32 { try readBigEndian(UInt32.self, "uint32") }

    /// Reads a big-endian `uint64`.
    @inlinable
    public mutating func readUInt64() throws(CodecError) -> UInt64 { try readBigEndian(UInt64.self, "uint64") }

    @inlinable
    mutating func readBigEndian<T: FixedWidthInteger>(_ type: T.Type, _ name: String) throws(CodecError) -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw truncated(size, name) }
        var value: T = 0
        for index in position..<(position + size) {
            value = value << 8 | T(storage[index])
        }
        position += size
        return value
    }

    // MARK: Bytes and vectors

    /// Reads `count` bytes as they are (a fixed-size `opaque[N]`).
    public mutating func readBytes(count: Int) throws(CodecError) -> [UInt8] {
        guard count >= 0, remaining >= count else { throw truncated(count, "opaque[\(count)]") }
        defer { position += count }
        return Array(storage[position..<(position + count)])
    }

    /// Reads a variable-length integer (RFC 9420 §2.1.2), rejecting the `0b11` prefix and non-minimal forms.
    /// (`maxVectorLength` applies to vector headers, not to this raw read.)
    public mutating func readVarInt() throws(CodecError) -> Int {
        guard position < storage.endIndex else { throw truncated(1, "length") }
        let first = storage[position]
        let size: Int
        switch first >> 6 {
        case 0: size = 1
        case 1: size = 2
        case 2: size = 4
        default:
            throw CodecError(.invalidLengthPrefix, at: offset,
                             "length starts with 0x\(String(first, radix: 16)), whose prefix 0b11 is reserved")
        }
        guard remaining >= size else { throw truncated(size, "\(size)-byte length") }
        var value = Int(first & 0x3f)
        for index in (position + 1)..<(position + size) {
            value = value << 8 | Int(storage[index])
        }
        guard VarInt.encodedSize(of: value) == size else {
            throw CodecError(.nonMinimalLength, at: offset, "length \(value) is encoded in \(size) bytes; it must use the shortest form")
        }
        position += size
        return value
    }

    /// Reads a vector length and checks it against `maxVectorLength` and the remaining input.
    @usableFromInline
    mutating func readVectorLength() throws(CodecError) -> Int {
        let start = position
        let length = try readVarInt()
        let available = remaining
        guard length <= maxVectorLength else {
            position = start
            throw CodecError(.lengthTooLarge, at: offset, "vector length \(length) exceeds this reader's limit of \(maxVectorLength)")
        }
        guard length <= available else {
            position = start
            throw CodecError(.truncated, at: offset, "vector length \(length) exceeds the \(available) byte(s) after its header")
        }
        return length
    }

    /// Reads an `opaque data<V>` and returns its content as a new array.
    public mutating func readOpaque() throws(CodecError) -> [UInt8] {
        Array(try readOpaqueSlice())
    }

    /// Reads an `opaque data<V>` and returns its content as a slice of the input (no copy).
    public mutating func readOpaqueSlice() throws(CodecError) -> ArraySlice<UInt8> {
        let length = try readVectorLength()
        defer { position += length }
        return storage[position..<(position + length)]
    }

    /// Reads a `<V>` vector: `body` gets a reader limited to the vector's content and must consume all of it.
    ///
    /// On any error (from the header, from `body`, or unread content) this reader's position is unchanged.
    @inlinable
    public mutating func readVector<T>(_ body: (inout WireReader) throws(CodecError) -> T) throws(CodecError) -> T {
        let start = position
        let length = try readVectorLength()
        var inner = WireReader(subrange: storage[position..<(position + length)], origin: origin, maxVectorLength: maxVectorLength)
        let value: T
        do {
            value = try body(&inner)
        } catch {
            position = start
            throw error
        }
        guard inner.isAtEnd else {
            let unread = inner.remaining
            let at = inner.offset
            position = start
            throw CodecError(.trailingBytes, at: at, "\(unread) unread byte(s) at the end of a \(length)-byte vector")
        }
        position += length
        return value
    }

    // MARK: Decodable values

    /// Reads a value of a decodable type.
    @inlinable
    public mutating func read<T: WireDecodable>(_ type: T.Type = T.self) throws(CodecError) -> T {
        let start = position
        do {
            return try T(from: &self)
        } catch {
            position = start
            throw error
        }
    }

    /// Reads `T items<V>`: a vector whose content is a sequence of encoded items.
    @inlinable
    public mutating func readArray<T: WireDecodable>(of type: T.Type = T.self) throws(CodecError) -> [T] {
        try read([T].self)
    }

    /// Reads `optional<T>`: a presence byte (0 or 1, anything else is `invalidValue`), then the value if present.
    @inlinable
    public mutating func readOptional<T: WireDecodable>(of type: T.Type = T.self) throws(CodecError) -> T? {
        try read(T?.self)
    }
}
