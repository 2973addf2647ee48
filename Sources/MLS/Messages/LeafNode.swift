/// How a leaf node came to be, with the field that source selects (RFC 9420 §7.2).
public enum LeafNodeSource: Hashable, Sendable, WireCodable {
    /// Published in a KeyPackage, valid for `Lifetime`.
    case keyPackage(Lifetime)
    /// Sent in an Update proposal.
    case update
    /// Sent in a Commit's UpdatePath, bound to the new tree by `parent_hash`.
    case commit(parentHash: [UInt8])

    /// The `LeafNodeSource` value on the wire.
    public var sourceType: LeafNodeSourceType {
        switch self {
        case .keyPackage: .keyPackage
        case .update: .update
        case .commit: .commit
        }
    }

    /// Whether `LeafNodeTBS` includes the group id and leaf index (update and commit sources).
    public var signsGroupPosition: Bool { sourceType != .keyPackage }

    /// Writes `leaf_node_source` and the field it selects.
    public func encode(to writer: inout WireWriter) {
        sourceType.encode(to: &writer)
        switch self {
        case .keyPackage(let lifetime): lifetime.encode(to: &writer)
        case .update: break
        case .commit(let parentHash): writer.writeOpaque(parentHash)
        }
    }

    /// Reads `leaf_node_source` (unknown values are `invalidValue`) and the field it selects.
    public init(from reader: inout WireReader) throws(CodecError) {
        switch try LeafNodeSourceType(from: &reader) {
        case .keyPackage: self = .keyPackage(try Lifetime(from: &reader))
        case .update: self = .update
        case .commit: self = .commit(parentHash: try reader.readOpaque())
        }
    }
}

/// A member's leaf in the ratchet tree (RFC 9420 §7.2): its HPKE and signature keys, credential,
/// capabilities, source and extensions, signed by the member.
public struct LeafNode: Hashable, Sendable, WireCodable {
    /// The leaf's HPKE public key (`HPKEPublicKey`).
    public var encryptionKey: [UInt8]
    /// The member's signature public key (`SignaturePublicKey`).
    public var signatureKey: [UInt8]
    /// The member's credential.
    public var credential: Credential
    /// What the member's client supports.
    public var capabilities: Capabilities
    /// How the leaf came to be, with its lifetime or parent hash.
    public var source: LeafNodeSource
    /// The leaf's extensions.
    public var extensions: ExtensionList
    /// `SignWithLabel(., "LeafNodeTBS", LeafNodeTBS)`.
    public var signature: [UInt8]

    /// A leaf node with all its fields.
    public init(encryptionKey: [UInt8], signatureKey: [UInt8], credential: Credential, capabilities: Capabilities,
                source: LeafNodeSource, extensions: ExtensionList = .empty, signature: [UInt8] = []) {
        self.encryptionKey = encryptionKey
        self.signatureKey = signatureKey
        self.credential = credential
        self.capabilities = capabilities
        self.source = source
        self.extensions = extensions
        self.signature = signature
    }

    /// Writes every field up to and including the extensions (the common prefix of `LeafNodeTBS`).
    func encodeContent(to writer: inout WireWriter) {
        writer.writeOpaque(encryptionKey)
        writer.writeOpaque(signatureKey)
        credential.encode(to: &writer)
        capabilities.encode(to: &writer)
        source.encode(to: &writer)
        extensions.encode(to: &writer)
    }

    /// Reads every field up to and including the extensions, leaving `signature` empty.
    init(contentFrom reader: inout WireReader) throws(CodecError) {
        encryptionKey = try reader.readOpaque()
        signatureKey = try reader.readOpaque()
        credential = try Credential(from: &reader)
        capabilities = try Capabilities(from: &reader)
        source = try LeafNodeSource(from: &reader)
        extensions = try ExtensionList(from: &reader)
        signature = []
    }

    /// Writes the leaf node.
    public func encode(to writer: inout WireWriter) {
        encodeContent(to: &writer)
        writer.writeOpaque(signature)
    }

    /// Reads a leaf node.
    public init(from reader: inout WireReader) throws(CodecError) {
        try self.init(contentFrom: &reader)
        signature = try reader.readOpaque()
    }
}

/// The content a leaf node's signature covers (RFC 9420 §7.2): the leaf without its signature, plus the
/// group id and leaf index for update and commit sources.
public struct LeafNodeTBS: Hashable, Sendable, WireCodable {
    /// The leaf node (its `signature` is not part of the encoding).
    public let leafNode: LeafNode
    /// The group the leaf is in; nil exactly when the source is `key_package`.
    public let groupID: [UInt8]?
    /// The leaf's index; nil exactly when the source is `key_package`.
    public let leafIndex: LeafIndex?

    /// The TBS of `leafNode`; `groupID` and `leafIndex` are used only for update and commit sources.
    public init(leafNode: LeafNode, groupID: [UInt8], leafIndex: LeafIndex) {
        var unsigned = leafNode
        unsigned.signature = []
        self.leafNode = unsigned
        if leafNode.source.signsGroupPosition {
            self.groupID = groupID
            self.leafIndex = leafIndex
        } else {
            self.groupID = nil
            self.leafIndex = nil
        }
    }

    /// The TBS of a key-package leaf node, which has no group position.
    public init(keyPackageLeaf leafNode: LeafNode) {
        self.init(leafNode: leafNode, groupID: [], leafIndex: LeafIndex(0))
    }

    /// Writes the leaf content and, for update and commit sources, `group_id` and `leaf_index`.
    public func encode(to writer: inout WireWriter) {
        leafNode.encodeContent(to: &writer)
        if let groupID, let leafIndex {
            writer.writeOpaque(groupID)
            leafIndex.encode(to: &writer)
        }
    }

    /// Reads the leaf content and the group position its source selects.
    public init(from reader: inout WireReader) throws(CodecError) {
        leafNode = try LeafNode(contentFrom: &reader)
        if leafNode.source.signsGroupPosition {
            groupID = try reader.readOpaque()
            leafIndex = try LeafIndex(from: &reader)
        } else {
            groupID = nil
            leafIndex = nil
        }
    }
}
