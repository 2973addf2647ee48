/// The signed public state of a group at an epoch (RFC 9420 §12.4.3): what joiners and external committers start from.
public struct GroupInfo: Hashable, Sendable, WireCodable {
    /// The group context of the epoch.
    public var groupContext: GroupContext
    /// The GroupInfo's extensions (`ratchet_tree`, `external_pub`, ...).
    public var extensions: ExtensionList
    /// The confirmation tag of the epoch.
    public var confirmationTag: [UInt8]
    /// The leaf of the member that signed it.
    public var signer: LeafIndex
    /// `SignWithLabel(., "GroupInfoTBS", GroupInfoTBS)` with the signer's key.
    public var signature: [UInt8]

    /// A group info with these fields.
    public init(groupContext: GroupContext, extensions: ExtensionList = .empty, confirmationTag: [UInt8], signer: LeafIndex,
                signature: [UInt8] = []) {
        self.groupContext = groupContext
        self.extensions = extensions
        self.confirmationTag = confirmationTag
        self.signer = signer
        self.signature = signature
    }

    /// The content the signature covers.
    public var tbs: GroupInfoTBS {
        GroupInfoTBS(groupContext: groupContext, extensions: extensions, confirmationTag: confirmationTag, signer: signer)
    }

    /// Writes the group info.
    public func encode(to writer: inout WireWriter) {
        tbs.encode(to: &writer)
        writer.writeOpaque(signature)
    }

    /// Reads a group info.
    public init(from reader: inout WireReader) throws(CodecError) {
        let tbs = try GroupInfoTBS(from: &reader)
        self.init(groupContext: tbs.groupContext, extensions: tbs.extensions, confirmationTag: tbs.confirmationTag,
                  signer: tbs.signer, signature: try reader.readOpaque())
    }
}

/// The content of a GroupInfo that its signature covers (RFC 9420 §12.4.3).
public struct GroupInfoTBS: Hashable, Sendable, WireCodable {
    /// The group context.
    public var groupContext: GroupContext
    /// The extensions.
    public var extensions: ExtensionList
    /// The confirmation tag (`MAC confirmation_tag`).
    public var confirmationTag: [UInt8]
    /// The signer's leaf.
    public var signer: LeafIndex

    /// The to-be-signed content with these fields.
    public init(groupContext: GroupContext, extensions: ExtensionList, confirmationTag: [UInt8], signer: LeafIndex) {
        self.groupContext = groupContext
        self.extensions = extensions
        self.confirmationTag = confirmationTag
        self.signer = signer
    }

    /// Writes the fields in order.
    public func encode(to writer: inout WireWriter) {
        groupContext.encode(to: &writer)
        extensions.encode(to: &writer)
        writer.writeOpaque(confirmationTag)
        signer.encode(to: &writer)
    }

    /// Reads the fields in order.
    public init(from reader: inout WireReader) throws(CodecError) {
        groupContext = try GroupContext(from: &reader)
        extensions = try ExtensionList(from: &reader)
        confirmationTag = try reader.readOpaque()
        signer = try LeafIndex(from: &reader)
    }
}
