import MLSCrypto
/// The state every member of an epoch agrees on (RFC 9420 §8.1): the input to the key schedule and the
/// context of member signatures.
public struct GroupContext: Hashable, Sendable, WireCodable {
    /// The protocol version (`mls10`).
    public var version: ProtocolVersion
    /// The group's cipher suite.
    public var cipherSuite: CipherSuiteID
    /// The group's id.
    public var groupID: [UInt8]
    /// The epoch number.
    public var epoch: UInt64
    /// The tree hash of the ratchet tree's root (§7.8).
    public var treeHash: [UInt8]
    /// The confirmed transcript hash after the commit that started this epoch (§8.2).
    public var confirmedTranscriptHash: [UInt8]
    /// The group context extensions.
    public var extensions: ExtensionList

    /// A group context with these fields.
    public init(version: ProtocolVersion = .mls10, cipherSuite: CipherSuiteID, groupID: [UInt8], epoch: UInt64,
                treeHash: [UInt8], confirmedTranscriptHash: [UInt8], extensions: ExtensionList = .empty) {
        self.version = version
        self.cipherSuite = cipherSuite
        self.groupID = groupID
        self.epoch = epoch
        self.treeHash = treeHash
        self.confirmedTranscriptHash = confirmedTranscriptHash
        self.extensions = extensions
    }

    /// Lets this context's byte strings and extension bodies share storage with the byte-equal ones of `other`
    /// (`ExtensionList.shareStorage(with:)`): memory only, the context's value is unchanged.
    public mutating func shareStorage(with other: GroupContext) {
        if MLSCrypto.sameBytes(groupID, other.groupID) { groupID = other.groupID }
        if MLSCrypto.sameBytes(treeHash, other.treeHash) { treeHash = other.treeHash }
        if MLSCrypto.sameBytes(confirmedTranscriptHash, other.confirmedTranscriptHash) { confirmedTranscriptHash = other.confirmedTranscriptHash }
        extensions.shareStorage(with: other.extensions)
    }

    /// Whether both contexts have the same fields, byte for byte (so the same encoding), without encoding them.
    public func sameBytes(as other: GroupContext) -> Bool {
        version == other.version && cipherSuite == other.cipherSuite && epoch == other.epoch
            && MLSCrypto.sameBytes(groupID, other.groupID) && MLSCrypto.sameBytes(treeHash, other.treeHash)
            && MLSCrypto.sameBytes(confirmedTranscriptHash, other.confirmedTranscriptHash) && extensions.sameBytes(as: other.extensions)
    }

    /// Writes the fields in order.
    public func encode(to writer: inout WireWriter) {
        version.encode(to: &writer)
        cipherSuite.encode(to: &writer)
        writer.writeOpaque(groupID)
        writer.writeUInt64(epoch)
        writer.writeOpaque(treeHash)
        writer.writeOpaque(confirmedTranscriptHash)
        extensions.encode(to: &writer)
    }

    /// Reads the fields in order.
    public init(from reader: inout WireReader) throws(CodecError) {
        version = try ProtocolVersion(from: &reader)
        cipherSuite = try CipherSuiteID(from: &reader)
        groupID = try reader.readOpaque()
        epoch = try reader.readUInt64()
        treeHash = try reader.readOpaque()
        confirmedTranscriptHash = try reader.readOpaque()
        extensions = try ExtensionList(from: &reader)
    }
}
