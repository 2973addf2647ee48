/// A body part of MIMI content (draft-ietf-mimi-content-08 §3.4): disposition, language and one of the
/// four cardinalities.
public struct NestedPart: Hashable, Sendable {
    /// `NestedParts MUST NOT be nested more than 4-levels deep` (§6.3): the body is level 1.
    public static let maxNestingLevels = 4
    /// The most parts a body may have before it is treated as malicious (§9.1).
    public static let maxPartCount = 1024

    /// The intended handling of the part (§3.4, registry in §8.4); values 9–255 are unknown, treated as render.
    public var disposition: Disposition
    /// Empty, or a comma-separated list of RFC 5646 language tags.
    public var language: String
    /// The part's content.
    public var content: Content

    /// A part.
    public init(disposition: Disposition, language: String = "", content: Content) {
        self.disposition = disposition
        self.language = language
        self.content = content
    }

    /// The four cardinalities.
    public enum Content: Hashable, Sendable {
        /// `nullpart` (0): no content (deletes and unlikes).
        case null
        /// `single` (1): one inline part.
        case single(contentType: String, content: [UInt8])
        /// `external` (2): content referenced by URL.
        case external(ExternalPart)
        /// `multi` (3): two or more parts with their relation.
        case multi(PartSemantics, parts: [NestedPart])

        /// The cardinality number on the wire.
        public var cardinality: UInt64 {
            switch self {
            case .null: 0
            case .single: 1
            case .external: 2
            case .multi: 3
            }
        }
    }

    /// A disposition value (§3.4 `baseDispos` / `unknownDispos`, a `uint` of at most 255).
    public struct Disposition: Hashable, Sendable, RawRepresentable {
        /// The number on the wire.
        public let rawValue: UInt8
        /// Wraps a value.
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// `unspecified` (0).
        public static let unspecified = Disposition(rawValue: 0)
        /// `render` (1).
        public static let render = Disposition(rawValue: 1)
        /// `reaction` (2).
        public static let reaction = Disposition(rawValue: 2)
        /// `profile` (3).
        public static let profile = Disposition(rawValue: 3)
        /// `inline` (4).
        public static let inline = Disposition(rawValue: 4)
        /// `icon` (5).
        public static let icon = Disposition(rawValue: 5)
        /// `attachment` (6).
        public static let attachment = Disposition(rawValue: 6)
        /// `session` (7).
        public static let session = Disposition(rawValue: 7)
        /// `preview` (8).
        public static let preview = Disposition(rawValue: 8)
        /// Whether the value is one of the registered ones (0–8).
        public var isKnown: Bool { rawValue <= 8 }
    }

    /// How the parts of a `multi` part relate (§3.4).
    public enum PartSemantics: UInt8, Hashable, Sendable, CaseIterable {
        /// The receiver picks one part.
        case chooseOne = 0
        /// All parts form one unit.
        case singleUnit = 1
        /// Each part is processed on its own.
        case processAll = 2
    }

    /// The number of parts in this tree, this one included (the depth-first part indexes run 0..<count).
    public var partCount: Int {
        if case .multi(_, let parts) = content { return 1 + parts.reduce(0) { $0 + $1.partCount } }
        return 1
    }

    /// The nesting depth of this tree (1 for a part without children).
    public var nestingDepth: Int {
        if case .multi(_, let parts) = content { return 1 + (parts.map(\.nestingDepth).max() ?? 0) }
        return 1
    }

    /// The part with the depth-first `partIndex` (§3.4), or nil.
    public func part(at partIndex: Int) -> NestedPart? {
        var remaining = partIndex
        return find(&remaining)
    }

    private func find(_ remaining: inout Int) -> NestedPart? {
        if remaining == 0 { return self }
        remaining -= 1
        if case .multi(_, let parts) = content {
            for part in parts { if let found = part.find(&remaining) { return found } }
        }
        return nil
    }
}
