/// A CBOR data item (RFC 8949 §3), as the MIMI content format uses it.
///
/// Maps keep their entries in a list (never a `Dictionary`), so iteration order is the decoded order,
/// which for deterministic input is the RFC 8949 §4.2.1 order (sorted by encoded key bytes).
public indirect enum CBOR: Hashable, Sendable {
    /// Major type 0: an unsigned integer.
    case unsigned(UInt64)
    /// Major type 1: the integer `-1 - n`.
    case negative(UInt64)
    /// Major type 2: a byte string.
    case bytes([UInt8])
    /// Major type 3: a UTF-8 text string.
    case text(String)
    /// Major type 4: an array.
    case array([CBOR])
    /// Major type 5: a map, entries in order.
    case map([CBORMapEntry])
    /// Major type 6: a tagged item.
    case tagged(UInt64, CBOR)
    /// Simple values 20 and 21.
    case bool(Bool)
    /// Simple value 22.
    case null
    /// Simple value 23.
    case undefined
    /// Another simple value (0...19 or 32...255).
    case simple(UInt8)
    /// Major type 7 floating point (encoded in the shortest of half, single and double that keeps the value).
    case float(Double)

    /// An integer item: `unsigned` for values ≥ 0, `negative` otherwise.
    public static func int(_ value: Int64) -> CBOR {
        value >= 0 ? .unsigned(UInt64(value)) : .negative(UInt64(-(value + 1)))
    }

    /// The value of an integer item that fits in `Int64`, or nil.
    public var int64: Int64? {
        switch self {
        case .unsigned(let n): n <= UInt64(Int64.max) ? Int64(n) : nil
        case .negative(let n): n <= UInt64(Int64.max) ? -1 - Int64(n) : nil
        default: nil
        }
    }

    /// The RFC 8949 name of the item's kind, for error messages.
    public var kindName: String {
        switch self {
        case .unsigned: "unsigned integer"
        case .negative: "negative integer"
        case .bytes: "byte string"
        case .text: "text string"
        case .array: "array"
        case .map: "map"
        case .tagged: "tag"
        case .bool: "bool"
        case .null: "null"
        case .undefined: "undefined"
        case .simple: "simple value"
        case .float: "float"
        }
    }

    /// This item's deterministic encoding (RFC 8949 §4.2.1).
    public func encoded() -> [UInt8] {
        var encoder = CBOREncoder()
        encoder.encode(self)
        return encoder.bytes
    }

    /// Decodes one deterministically encoded item that fills `bytes` exactly.
    public static func decode(_ bytes: [UInt8], maxDepth: Int = CBORDecoder.defaultMaxDepth) throws(MIMIError) -> CBOR {
        var decoder = CBORDecoder(bytes, maxDepth: maxDepth)
        return try decoder.decodeWhole()
    }
}

/// One entry of a CBOR map.
public struct CBORMapEntry: Hashable, Sendable {
    /// The key.
    public var key: CBOR
    /// The value.
    public var value: CBOR

    /// An entry.
    public init(_ key: CBOR, _ value: CBOR) {
        self.key = key
        self.value = value
    }
}
