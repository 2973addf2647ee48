/// Reads CBOR that must be in RFC 8949 §4.2.1 deterministic form, checking every bound.
///
/// Rejected, each with a typed `MIMIError`: truncated input and lengths beyond it (`malformedCBOR`);
/// reserved additional information 28–30, a stray break, simple values 24–31 in two bytes, invalid UTF-8,
/// duplicate map keys, trailing bytes (`malformedCBOR`); non-shortest heads or floats, indefinite lengths,
/// unsorted map keys, a NaN other than 0xf97e00 (`nonDeterministicCBOR`); nesting of arrays, maps and
/// tags deeper than `maxDepth` (`tooDeep`), checked before recursing so a depth bomb cannot exhaust the stack.
public struct CBORDecoder: Sendable {
    /// The default nesting limit: ample for MIMI content (a 4-level NestedPart tree is 9 levels).
    public static let defaultMaxDepth = 16

    private let input: [UInt8]
    private var position = 0
    /// The deepest nesting of arrays, maps and tags accepted.
    public let maxDepth: Int

    /// A decoder over `input`.
    public init(_ input: [UInt8], maxDepth: Int = CBORDecoder.defaultMaxDepth) {
        self.input = input
        self.maxDepth = max(0, maxDepth)
    }

    /// The number of bytes read so far.
    public var offset: Int { position }

    /// Decodes one item that must fill the input exactly.
    public mutating func decodeWhole() throws(MIMIError) -> CBOR {
        let item = try decodeItem(depth: 0)
        guard position == input.count else {
            throw MIMIError(.malformedCBOR, "\(input.count - position) byte(s) after the CBOR item", at: position)
        }
        return item
    }

    /// Decodes the next item.
    public mutating func decodeItem() throws(MIMIError) -> CBOR { try decodeItem(depth: 0) }

    private func fail(_ code: MIMIError.Code, _ message: String, at: Int) -> MIMIError { MIMIError(code, message, at: at) }

    private mutating func take(_ count: Int, _ what: String) throws(MIMIError) -> ArraySlice<UInt8> {
        guard count >= 0, input.count - position >= count else {
            throw fail(.malformedCBOR, "\(what) needs \(count) byte(s), only \(input.count - position) left", at: position)
        }
        defer { position += count }
        return input[position..<(position + count)]
    }

    /// Reads the argument of a head whose additional information is `info`, requiring the shortest form.
    private mutating func argument(_ info: UInt8, major: UInt8, at start: Int) throws(MIMIError) -> UInt64 {
        let width: Int
        switch info {
        case 0..<24: return UInt64(info)
        case 24: width = 1
        case 25: width = 2
        case 26: width = 4
        case 27: width = 8
        case 31:
            throw fail(major == 7 ? .malformedCBOR : .nonDeterministicCBOR,
                       major == 7 ? "a break (0xff) outside an indefinite-length item"
                                  : "indefinite-length encoding (major type \(major)) is not deterministic", at: start)
        default: throw fail(.malformedCBOR, "additional information \(info) is reserved", at: start)
        }
        var value: UInt64 = 0
        for byte in try take(width, "argument") { value = value << 8 | UInt64(byte) }
        let minimum: UInt64 = switch width { case 1: 24; case 2: 0x100; case 4: 0x1_0000; default: 0x1_0000_0000 }
        guard value >= minimum else {
            throw fail(.nonDeterministicCBOR, "argument \(value) is encoded in \(width) byte(s); the shortest form is required", at: start)
        }
        return value
    }

    private mutating func length(_ info: UInt8, major: UInt8, at start: Int, minimumItemSize: Int) throws(MIMIError) -> Int {
        let value = try argument(info, major: major, at: start)
        let remaining = input.count - position
        guard value <= UInt64(remaining / minimumItemSize) else {
            throw fail(.malformedCBOR, "length \(value) exceeds the \(remaining) byte(s) left", at: start)
        }
        return Int(value)
    }

    private mutating func decodeItem(depth: Int) throws(MIMIError) -> CBOR {
        let start = position
        let initial = try take(1, "item head").first!
        let major = initial >> 5, info = initial & 0x1f
        switch major {
        case 0: return .unsigned(try argument(info, major: major, at: start))
        case 1: return .negative(try argument(info, major: major, at: start))
        case 2:
            let count = try length(info, major: major, at: start, minimumItemSize: 1)
            return .bytes(Array(try take(count, "byte string")))
        case 3:
            let count = try length(info, major: major, at: start, minimumItemSize: 1)
            guard let text = String(validating: try take(count, "text string"), as: UTF8.self) else {
                throw fail(.malformedCBOR, "text string is not valid UTF-8", at: start)
            }
            return .text(text)
        case 4:
            try checkDepth(depth, at: start)
            let count = try length(info, major: major, at: start, minimumItemSize: 1)
            var items: [CBOR] = []
            items.reserveCapacity(count)
            for _ in 0..<count { items.append(try decodeItem(depth: depth + 1)) }
            return .array(items)
        case 5:
            try checkDepth(depth, at: start)
            return .map(try decodeMapEntries(info, at: start, depth: depth))
        case 6:
            try checkDepth(depth, at: start)
            let tag = try argument(info, major: major, at: start)
            return .tagged(tag, try decodeItem(depth: depth + 1))
        default:
            return try decodeSimple(info, at: start)
        }
    }

    private func checkDepth(_ depth: Int, at start: Int) throws(MIMIError) {
        guard depth < maxDepth else {
            throw fail(.tooDeep, "arrays, maps and tags are nested more than \(maxDepth) levels deep", at: start)
        }
    }

    private mutating func decodeMapEntries(_ info: UInt8, at start: Int, depth: Int) throws(MIMIError) -> [CBORMapEntry] {
        let count = try length(info, major: 5, at: start, minimumItemSize: 2)
        var entries: [CBORMapEntry] = []
        entries.reserveCapacity(count)
        var previousKey: ArraySlice<UInt8>?
        for _ in 0..<count {
            let keyStart = position
            let key = try decodeItem(depth: depth + 1)
            let keyBytes = input[keyStart..<position]
            if let previousKey {
                if keyBytes.elementsEqual(previousKey) {
                    throw fail(.malformedCBOR, "duplicate map key", at: keyStart)
                }
                guard previousKey.lexicographicallyPrecedes(keyBytes) else {
                    throw fail(.nonDeterministicCBOR, "map keys are not sorted by their encoded bytes (RFC 8949 §4.2.1)", at: keyStart)
                }
            }
            previousKey = keyBytes
            entries.append(CBORMapEntry(key, try decodeItem(depth: depth + 1)))
        }
        return entries
    }

    private mutating func decodeSimple(_ info: UInt8, at start: Int) throws(MIMIError) -> CBOR {
        switch info {
        case 20: return .bool(false)
        case 21: return .bool(true)
        case 22: return .null
        case 23: return .undefined
        case 0..<20: return .simple(info)
        case 24:
            let value = try take(1, "simple value").first!
            guard value >= 32 else { throw fail(.malformedCBOR, "simple value \(value) must use the one-byte form", at: start) }
            return .simple(value)
        case 25, 26, 27:
            let width = info == 25 ? 2 : info == 26 ? 4 : 8
            var bits: UInt64 = 0
            for byte in try take(width, "float") { bits = bits << 8 | UInt64(byte) }
            let value: Double = switch width {
            case 2: CBORFloat.halfToDouble(UInt16(bits))
            case 4: Double(Float(bitPattern: UInt32(bits)))
            default: Double(bitPattern: bits)
            }
            let canonical = CBORFloat.shortestEncoding(value)
            guard canonical.count == width + 1, canonical.elementsEqual([0xe0 | info] + bytesOf(bits, width)) else {
                throw fail(.nonDeterministicCBOR, value.isNaN ? "NaN must be encoded as 0xf97e00"
                                                              : "float \(value) is not in its shortest encoding", at: start)
            }
            return .float(value)
        case 31: throw fail(.malformedCBOR, "a break (0xff) outside an indefinite-length item", at: start)
        default: throw fail(.malformedCBOR, "additional information \(info) is reserved", at: start)
        }
    }

    private func bytesOf(_ bits: UInt64, _ width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: bits >> UInt64(8 * (width - 1 - $0))) }
    }
}
