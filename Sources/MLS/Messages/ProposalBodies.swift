/// The body of a proposal of one type (RFC 9420 §12.1): it knows its `ProposalType` and its encoding.
public protocol ProposalBody: Hashable, Sendable, WireCodable {
    /// The proposal type this body is sent with.
    static var proposalType: ProposalType { get }
}

/// Add a member, given its KeyPackage (RFC 9420 §12.1.1).
public struct AddProposal: ProposalBody {
    /// `add`.
    public static var proposalType: ProposalType { .add }
    /// The new member's key package.
    public var keyPackage: KeyPackage
    /// An Add of `keyPackage`.
    public init(keyPackage: KeyPackage) { self.keyPackage = keyPackage }
    /// Writes the key package.
    public func encode(to writer: inout WireWriter) { keyPackage.encode(to: &writer) }
    /// Reads the key package.
    public init(from reader: inout WireReader) throws(CodecError) { keyPackage = try KeyPackage(from: &reader) }
}

/// Replace the sender's leaf node (RFC 9420 §12.1.2).
public struct UpdateProposal: ProposalBody {
    /// `update`.
    public static var proposalType: ProposalType { .update }
    /// The sender's new leaf node (source `update`).
    public var leafNode: LeafNode
    /// An Update to `leafNode`.
    public init(leafNode: LeafNode) { self.leafNode = leafNode }
    /// Writes the leaf node.
    public func encode(to writer: inout WireWriter) { leafNode.encode(to: &writer) }
    /// Reads the leaf node.
    public init(from reader: inout WireReader) throws(CodecError) { leafNode = try LeafNode(from: &reader) }
}

/// Remove the member at a leaf (RFC 9420 §12.1.3).
public struct RemoveProposal: ProposalBody {
    /// `remove`.
    public static var proposalType: ProposalType { .remove }
    /// The leaf to remove.
    public var removed: LeafIndex
    /// A Remove of `removed`.
    public init(removed: LeafIndex) { self.removed = removed }
    /// Writes `uint32 removed`.
    public func encode(to writer: inout WireWriter) { removed.encode(to: &writer) }
    /// Reads `uint32 removed`.
    public init(from reader: inout WireReader) throws(CodecError) { removed = try LeafIndex(from: &reader) }
}

/// Inject a pre-shared key into the next epoch's key schedule (RFC 9420 §12.1.4).
public struct PreSharedKeyProposal: ProposalBody {
    /// `psk`.
    public static var proposalType: ProposalType { .psk }
    /// The PSK.
    public var psk: PreSharedKeyID
    /// A PreSharedKey proposal for `psk`.
    public init(psk: PreSharedKeyID) { self.psk = psk }
    /// Writes the PSK id.
    public func encode(to writer: inout WireWriter) { psk.encode(to: &writer) }
    /// Reads the PSK id.
    public init(from reader: inout WireReader) throws(CodecError) { psk = try PreSharedKeyID(from: &reader) }
}

/// End the group and start a new one with new parameters (RFC 9420 §12.1.5).
public struct ReInitProposal: ProposalBody {
    /// `reinit`.
    public static var proposalType: ProposalType { .reinit }
    /// The new group's id.
    public var groupID: [UInt8]
    /// The new group's protocol version.
    public var version: ProtocolVersion
    /// The new group's cipher suite.
    public var cipherSuite: CipherSuiteID
    /// The new group's context extensions.
    public var extensions: ExtensionList
    /// A ReInit with these parameters.
    public init(groupID: [UInt8], version: ProtocolVersion, cipherSuite: CipherSuiteID, extensions: ExtensionList) {
        self.groupID = groupID
        self.version = version
        self.cipherSuite = cipherSuite
        self.extensions = extensions
    }
    /// Writes the fields in order.
    public func encode(to writer: inout WireWriter) {
        writer.writeOpaque(groupID)
        version.encode(to: &writer)
        cipherSuite.encode(to: &writer)
        extensions.encode(to: &writer)
    }
    /// Reads the fields in order.
    public init(from reader: inout WireReader) throws(CodecError) {
        groupID = try reader.readOpaque()
        version = try ProtocolVersion(from: &reader)
        cipherSuite = try CipherSuiteID(from: &reader)
        extensions = try ExtensionList(from: &reader)
    }
}

/// The KEM output an external committer derives the init secret from (RFC 9420 §12.1.6).
public struct ExternalInitProposal: ProposalBody {
    /// `external_init`.
    public static var proposalType: ProposalType { .externalInit }
    /// The HPKE KEM output to the group's `external_pub`.
    public var kemOutput: [UInt8]
    /// An ExternalInit with `kemOutput`.
    public init(kemOutput: [UInt8]) { self.kemOutput = kemOutput }
    /// Writes `opaque kem_output<V>`.
    public func encode(to writer: inout WireWriter) { writer.writeOpaque(kemOutput) }
    /// Reads `opaque kem_output<V>`.
    public init(from reader: inout WireReader) throws(CodecError) { kemOutput = try reader.readOpaque() }
}

/// Replace the group context extensions (RFC 9420 §12.1.7).
public struct GroupContextExtensionsProposal: ProposalBody {
    /// `group_context_extensions`.
    public static var proposalType: ProposalType { .groupContextExtensions }
    /// The complete new list of group context extensions.
    public var extensions: ExtensionList
    /// A GroupContextExtensions proposal with `extensions`.
    public init(extensions: ExtensionList) { self.extensions = extensions }
    /// Writes the extension list.
    public func encode(to writer: inout WireWriter) { extensions.encode(to: &writer) }
    /// Reads the extension list.
    public init(from reader: inout WireReader) throws(CodecError) { extensions = try ExtensionList(from: &reader) }
}

/// The sender removes itself (draft-ietf-mls-extensions §5, SelfRemove, suggested type 0x000a): another
/// member commits it by reference; the body is empty.
public struct SelfRemoveProposal: ProposalBody {
    /// `self_remove` (0x000a).
    public static var proposalType: ProposalType { .selfRemove }
    /// A SelfRemove.
    public init() {}
    /// Writes nothing (the body is `struct {}`).
    public func encode(to writer: inout WireWriter) {}
    /// Reads nothing.
    public init(from reader: inout WireReader) throws(CodecError) {}
}
