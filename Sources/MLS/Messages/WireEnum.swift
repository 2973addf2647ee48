/// A closed `uint8` enum of RFC 9420 (content, sender, node, leaf-source, PSK and proposal-or-ref types).
///
/// These enums are not extensible registries: the structure that follows depends on the value, so a
/// value outside the defined cases cannot be parsed and is rejected with `invalidValue` (reserved 0 too).
public protocol WireEnum: RawRepresentable, Hashable, Sendable, WireCodable where RawValue == UInt8 {
    /// The RFC 9420 name of the enum, for error messages.
    static var wireName: String { get }
}

extension WireEnum {
    /// Writes the `uint8` value.
    @inlinable
    public func encode(to writer: inout WireWriter) { writer.writeUInt8(rawValue) }

    /// Reads a `uint8`; a value that is not one of the cases is `invalidValue`.
    @inlinable
    public init(from reader: inout WireReader) throws(CodecError) {
        let at = reader.offset
        let raw = try reader.readUInt8()
        guard let value = Self(rawValue: raw) else {
            throw CodecError(.invalidValue, at: at, "\(Self.wireName) \(raw) is not defined by RFC 9420")
        }
        self = value
    }
}

/// What a `FramedContent` carries (RFC 9420 §6).
public enum ContentType: UInt8, WireEnum, CustomStringConvertible {
    /// Application data, only in a `PrivateMessage`.
    case application = 1
    /// A proposal.
    case proposal = 2
    /// A commit.
    case commit = 3
    /// The RFC 9420 enum name.
    public static var wireName: String { "ContentType" }
    /// The RFC 9420 name of the value.
    public var description: String {
        switch self {
        case .application: "application"
        case .proposal: "proposal"
        case .commit: "commit"
        }
    }
}

/// Who sent a `FramedContent` (RFC 9420 §6).
public enum SenderType: UInt8, WireEnum {
    /// A member, by leaf index.
    case member = 1
    /// An external sender listed in the `external_senders` extension.
    case external = 2
    /// A non-member proposing its own addition.
    case newMemberProposal = 3
    /// A non-member joining by external commit.
    case newMemberCommit = 4
    /// The RFC 9420 enum name.
    public static var wireName: String { "SenderType" }
}

/// How a `LeafNode` came to be in the tree (RFC 9420 §7.2).
public enum LeafNodeSourceType: UInt8, WireEnum {
    /// Published in a KeyPackage.
    case keyPackage = 1
    /// Sent in an Update proposal.
    case update = 2
    /// Sent in the UpdatePath of a Commit.
    case commit = 3
    /// The RFC 9420 enum name.
    public static var wireName: String { "LeafNodeSource" }
}

/// Whether a ratchet-tree `Node` is a leaf or a parent (RFC 9420 §7.8, §12.4.3.3).
public enum NodeType: UInt8, WireEnum {
    /// A leaf node.
    case leaf = 1
    /// A parent node.
    case parent = 2
    /// The RFC 9420 enum name.
    public static var wireName: String { "NodeType" }
}

/// Where a pre-shared key comes from (RFC 9420 §8.4).
public enum PSKType: UInt8, WireEnum {
    /// Distributed out of band.
    case external = 1
    /// A resumption secret of an earlier epoch.
    case resumption = 2
    /// The RFC 9420 enum name.
    public static var wireName: String { "PSKType" }
}

/// Why a resumption PSK is used (RFC 9420 §8.4).
public enum ResumptionPSKUsage: UInt8, WireEnum {
    /// By the application.
    case application = 1
    /// To link a reinitialized group to the old one.
    case reinit = 2
    /// To link a subgroup branch to its parent group.
    case branch = 3
    /// The RFC 9420 enum name.
    public static var wireName: String { "ResumptionPSKUsage" }
}

/// Whether a commit lists a proposal by value or by reference (RFC 9420 §12.4).
public enum ProposalOrRefType: UInt8, WireEnum {
    /// The proposal itself.
    case proposal = 1
    /// A `ProposalRef` to a proposal sent earlier in the epoch.
    case reference = 2
    /// The RFC 9420 enum name.
    public static var wireName: String { "ProposalOrRefType" }
}
