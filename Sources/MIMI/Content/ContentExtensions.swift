/// The `mimiExtensions` map of MIMI content (draft-ietf-mimi-content-08 §3.3), entries kept in order.
///
/// Keys are integers (within ±(2^53−1)) or text strings of 1–255 bytes, each at most once. Key 1 is the
/// sender URI and key 2 the room URI, both text. Values are any CBOR; the whole map, with the containers
/// inside it, is at most 4 levels deep (§6.3) and inner map keys are integers, text or bytes (§6.2).
public struct ContentExtensions: Hashable, Sendable {
    /// `senderUri`.
    public static let senderURIKey = CBOR.unsigned(1)
    /// `roomUri`.
    public static let roomURIKey = CBOR.unsigned(2)
    /// The largest integer key magnitude (2^53 − 1).
    public static let maxIntegerKey: UInt64 = (1 << 53) - 1
    /// The deepest nesting of maps, arrays and tags, counting the extensions map itself as level 1.
    public static let maxDepth = 4

    /// The entries; `encoded()` sorts them deterministically.
    public private(set) var entries: [CBORMapEntry]

    /// An extensions map with the sender and room URIs (when given) and further entries; throws
    /// `invalidContent` or `tooDeep` when a rule above is broken.
    public init(senderURI: String? = nil, roomURI: String? = nil, other: [CBORMapEntry] = []) throws(MIMIError) {
        var entries: [CBORMapEntry] = []
        if let senderURI { entries.append(CBORMapEntry(Self.senderURIKey, .text(senderURI))) }
        if let roomURI { entries.append(CBORMapEntry(Self.roomURIKey, .text(roomURI))) }
        try self.init(entries: entries + other)
    }

    /// An extensions map from entries, validated.
    public init(entries: [CBORMapEntry]) throws(MIMIError) {
        try Self.validate(entries)
        self.entries = entries
    }

    /// The text value of an entry, or nil.
    public func text(for key: CBOR) -> String? {
        guard let entry = entries.first(where: { $0.key == key }), case .text(let s) = entry.value else { return nil }
        return s
    }

    /// The sender URI (key 1), when present.
    public var senderURI: String? { text(for: Self.senderURIKey) }
    /// The room URI (key 2), when present.
    public var roomURI: String? { text(for: Self.roomURIKey) }

    /// The map as CBOR.
    public var cbor: CBOR { .map(entries) }

    static func validate(_ entries: [CBORMapEntry]) throws(MIMIError) {
        var seen: [[UInt8]] = []
        for entry in entries {
            switch entry.key {
            case .unsigned(let n) where n <= maxIntegerKey, .negative(let n) where n < maxIntegerKey: break
            case .text(let s) where (1...255).contains(s.utf8.count): break
            default: throw MIMIError(.invalidContent, "an extension key must be an integer within ±(2^53-1) or text of 1-255 bytes")
            }
            let keyBytes = entry.key.encoded()
            guard !seen.contains(keyBytes) else { throw MIMIError(.invalidContent, "extension key \(entry.key) appears twice") }
            seen.append(keyBytes)
            if entry.key == senderURIKey || entry.key == roomURIKey {
                guard case .text = entry.value else {
                    throw MIMIError(.invalidContent, "extension \(entry.key) (senderUri/roomUri) must be a text string")
                }
            }
            try checkValue(entry.value, level: 1)
        }
    }

    /// Checks a value inside a container at `level` (the extensions map is level 1).
    private static func checkValue(_ value: CBOR, level: Int) throws(MIMIError) {
        switch value {
        case .array(let items):
            try enter(level)
            for item in items { try checkValue(item, level: level + 1) }
        case .map(let inner):
            try enter(level)
            for entry in inner {
                switch entry.key {
                case .unsigned, .negative, .text, .bytes: break
                default: throw MIMIError(.invalidContent, "a map key inside an extension must be an integer, text or bytes")
                }
                try checkValue(entry.value, level: level + 1)
            }
        case .tagged(_, let inner):
            try enter(level)
            try checkValue(inner, level: level + 1)
        default: break
        }
    }

    private static func enter(_ level: Int) throws(MIMIError) {
        guard level + 1 <= maxDepth else {
            throw MIMIError(.tooDeep, "extension values nest maps, arrays and tags more than \(maxDepth) levels deep")
        }
    }
}
