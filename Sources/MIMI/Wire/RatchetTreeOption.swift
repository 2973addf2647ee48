import MLS

/// `RatchetTreeRepresentation` (draft-mahy-mls-ratchet-tree-options §3): how the ratchet tree travels.
public enum RatchetTreeRepresentation: UInt8, MIMIWireEnum {
    /// The whole `ratchet_tree` is inline.
    case full = 1
    /// The tree can be downloaded from an HTTPS URL.
    case httpsURI = 2
    /// The tree is conveyed out of band.
    case outOfBand = 3
    /// The distribution service (the hub) reconstructs the tree from the handshake messages.
    case distributionService = 4
    /// The draft's enum name.
    public static var wireName: String { "RatchetTreeRepresentation" }
}

/// `RatchetTreeOption` (draft-mahy-mls-ratchet-tree-options §3), used by UpdateRequest, FanoutMessage and GroupInfo responses.
public enum RatchetTreeOption: Hashable, Sendable, WireCodable {
    /// `full`: the body of a `ratchet_tree` extension (`optional<Node> ratchet_tree<V>`).
    case full(RatchetTreeNodes)
    /// `httpsUri`: where to fetch the tree and a signature over it.
    case httpsURI(url: String, treeSignature: [UInt8])
    /// `outOfBand`: a signature over the tree conveyed elsewhere.
    case outOfBand(treeSignature: [UInt8])
    /// `distributionService`: the hub rebuilds the tree.
    case distributionService

    /// The representation on the wire.
    public var representation: RatchetTreeRepresentation {
        switch self {
        case .full: .full
        case .httpsURI: .httpsURI
        case .outOfBand: .outOfBand
        case .distributionService: .distributionService
        }
    }

    /// Writes the representation and its arm.
    public func encode(to writer: inout WireWriter) {
        representation.encode(to: &writer)
        switch self {
        case .full(let tree): tree.encode(to: &writer)
        case .httpsURI(let url, let signature):
            writer.writeOpaque(Array(url.utf8))
            writer.writeOpaque(signature)
        case .outOfBand(let signature): writer.writeOpaque(signature)
        case .distributionService: break
        }
    }

    /// Reads the representation and its arm; a URL must be UTF-8 and start with `https:`.
    public init(from reader: inout WireReader) throws(CodecError) {
        switch try RatchetTreeRepresentation(from: &reader) {
        case .full: self = .full(try RatchetTreeNodes(from: &reader))
        case .httpsURI:
            let at = reader.offset
            let url = try WireText.read(from: &reader, field: "ratchet_tree_url", at: at)
            guard url.lowercased().hasPrefix("https:") else {
                throw CodecError(.invalidValue, at: at, "ratchet_tree_url must use the https scheme")
            }
            self = .httpsURI(url: url, treeSignature: try reader.readOpaque())
        case .outOfBand: self = .outOfBand(treeSignature: try reader.readOpaque())
        case .distributionService: self = .distributionService
        }
    }
}

/// `RatchetTreePresence` (draft-mahy-mls-ratchet-tree-options §4): whether the GroupInfo carries a tree now and before.
public enum RatchetTreePresence: UInt8, MIMIWireEnum {
    /// No `ratchet_tree` extension in this epoch nor the previous one.
    case noRatchetTree = 0
    /// A `ratchet_tree` extension in both epochs.
    case present = 1
    /// One in the previous epoch, none now.
    case removed = 2
    /// None in the previous epoch, one now.
    case added = 3
    /// The draft's enum name.
    public static var wireName: String { "RatchetTreePresence" }
}

/// `PartialGroupInfo` (draft-mahy-mls-ratchet-tree-options §4): what the hub cannot rebuild of a GroupInfo.
public struct PartialGroupInfo: Hashable, Sendable, WireCodable {
    /// Whether the GroupInfo carries a ratchet tree now and before.
    public var ratchetTreePresence: RatchetTreePresence
    /// The GroupInfo extensions, without any `ratchet_tree` extension.
    public var groupInfoExtensions: ExtensionList
    /// The committer's GroupInfo signature.
    public var signature: [UInt8]

    /// A partial GroupInfo; throws `invalidValue` when the extensions include a `ratchet_tree`.
    public init(ratchetTreePresence: RatchetTreePresence, groupInfoExtensions: ExtensionList, signature: [UInt8]) throws(MIMIError) {
        guard groupInfoExtensions[.ratchetTree] == nil else {
            throw MIMIError(.invalidValue, "PartialGroupInfo.group_info_extensions must omit ratchet_tree")
        }
        self.ratchetTreePresence = ratchetTreePresence
        self.groupInfoExtensions = groupInfoExtensions
        self.signature = signature
    }

    /// Writes the presence, the extensions and the signature.
    public func encode(to writer: inout WireWriter) {
        ratchetTreePresence.encode(to: &writer)
        groupInfoExtensions.encode(to: &writer)
        writer.writeOpaque(signature)
    }

    /// Reads the fields; a `ratchet_tree` extension is `invalidValue`.
    public init(from reader: inout WireReader) throws(CodecError) {
        ratchetTreePresence = try RatchetTreePresence(from: &reader)
        let at = reader.offset
        groupInfoExtensions = try ExtensionList(from: &reader)
        guard groupInfoExtensions[.ratchetTree] == nil else {
            throw CodecError(.invalidValue, at: at, "PartialGroupInfo.group_info_extensions must omit ratchet_tree")
        }
        signature = try reader.readOpaque()
    }
}

/// `GroupInfoRepresentation` (draft-ietf-mimi-protocol-06 §5.3).
public enum GroupInfoRepresentation: UInt8, MIMIWireEnum {
    /// The whole GroupInfo.
    case full = 1
    /// A `PartialGroupInfo` the hub completes.
    case partial = 2
    /// The draft's enum name.
    public static var wireName: String { "GroupInfoRepresentation" }
}

/// `GroupInfoOption` (§5.3): the GroupInfo of the new epoch, whole or partial.
public enum GroupInfoOption: Hashable, Sendable, WireCodable {
    /// `full`: the GroupInfo (without an embedded ratchet tree).
    case full(GroupInfo)
    /// `partial`: the parts the hub cannot rebuild.
    case partial(PartialGroupInfo)

    /// The representation on the wire.
    public var representation: GroupInfoRepresentation {
        switch self {
        case .full: .full
        case .partial: .partial
        }
    }

    /// Writes the representation and its arm.
    public func encode(to writer: inout WireWriter) {
        representation.encode(to: &writer)
        switch self {
        case .full(let groupInfo): groupInfo.encode(to: &writer)
        case .partial(let partial): partial.encode(to: &writer)
        }
    }

    /// Reads the representation and its arm; a full GroupInfo with a `ratchet_tree` extension is `invalidValue`
    /// (§5.3: the tree travels in the RatchetTreeOption instead).
    public init(from reader: inout WireReader) throws(CodecError) {
        switch try GroupInfoRepresentation(from: &reader) {
        case .full:
            let at = reader.offset
            let groupInfo = try GroupInfo(from: &reader)
            guard groupInfo.extensions[.ratchetTree] == nil else {
                throw CodecError(.invalidValue, at: at, "the GroupInfo of an UpdateRequest must omit the ratchet_tree extension")
            }
            self = .full(groupInfo)
        case .partial: self = .partial(try PartialGroupInfo(from: &reader))
        }
    }
}
