import MLSCrypto

/// An encrypted message (RFC 9420 §6.3): the header in the clear, the sender and content encrypted.
public struct PrivateMessage: Hashable, Sendable, WireCodable {
    /// The group's id.
    public var groupID: [UInt8]
    /// The epoch it was sent in.
    public var epoch: UInt64
    /// The type of the encrypted content.
    public var contentType: ContentType
    /// Application-chosen data authenticated with the message.
    public var authenticatedData: [UInt8]
    /// The `SenderData`, encrypted with the sender-data key.
    public var encryptedSenderData: [UInt8]
    /// The `PrivateMessageContent`, encrypted with the sender's ratchet key.
    public var ciphertext: [UInt8]

    /// A private message with these fields.
    public init(groupID: [UInt8], epoch: UInt64, contentType: ContentType, authenticatedData: [UInt8],
                encryptedSenderData: [UInt8], ciphertext: [UInt8]) {
        self.groupID = groupID
        self.epoch = epoch
        self.contentType = contentType
        self.authenticatedData = authenticatedData
        self.encryptedSenderData = encryptedSenderData
        self.ciphertext = ciphertext
    }

    /// The associated data of the content encryption.
    public var contentAAD: PrivateContentAAD {
        PrivateContentAAD(groupID: groupID, epoch: epoch, contentType: contentType, authenticatedData: authenticatedData)
    }

    /// The associated data of the sender-data encryption.
    public var senderDataAAD: SenderDataAAD {
        SenderDataAAD(groupID: groupID, epoch: epoch, contentType: contentType)
    }

    /// Whether `other` has the same fields, byte for byte.
    func sameBytes(as other: PrivateMessage) -> Bool {
        epoch == other.epoch && contentType == other.contentType && MLSCrypto.sameBytes(ciphertext, other.ciphertext)
            && MLSCrypto.sameBytes(encryptedSenderData, other.encryptedSenderData) && MLSCrypto.sameBytes(groupID, other.groupID)
            && MLSCrypto.sameBytes(authenticatedData, other.authenticatedData)
    }

    /// The bytes its variable-length fields hold.
    var byteCount: Int { groupID.count + authenticatedData.count + encryptedSenderData.count + ciphertext.count }

    /// The encoded `contentAAD`, written without building the struct.
    var encodedContentAAD: [UInt8] {
        var writer = WireWriter(capacity: groupID.count + authenticatedData.count + 17)
        writer.writeOpaque(groupID)
        writer.writeUInt64(epoch)
        contentType.encode(to: &writer)
        writer.writeOpaque(authenticatedData)
        return writer.bytes
    }

    /// The encoded `senderDataAAD`, written without building the struct.
    var encodedSenderDataAAD: [UInt8] {
        var writer = WireWriter(capacity: groupID.count + 13)
        writer.writeOpaque(groupID)
        writer.writeUInt64(epoch)
        contentType.encode(to: &writer)
        return writer.bytes
    }

    /// Writes the fields in order.
    public func encode(to writer: inout WireWriter) {
        writer.writeOpaque(groupID)
        writer.writeUInt64(epoch)
        contentType.encode(to: &writer)
        writer.writeOpaque(authenticatedData)
        writer.writeOpaque(encryptedSenderData)
        writer.writeOpaque(ciphertext)
    }

    /// Reads the fields in order; an unknown content type is `invalidValue`.
    public init(from reader: inout WireReader) throws(CodecError) {
        groupID = try reader.readOpaque()
        epoch = try reader.readUInt64()
        contentType = try ContentType(from: &reader)
        authenticatedData = try reader.readOpaque()
        encryptedSenderData = try reader.readOpaque()
        ciphertext = try reader.readOpaque()
    }
}

/// The associated data of a PrivateMessage's content encryption (RFC 9420 §6.3.1).
public struct PrivateContentAAD: Hashable, Sendable, WireCodable {
    /// The group's id.
    public var groupID: [UInt8]
    /// The epoch.
    public var epoch: UInt64
    /// The content type.
    public var contentType: ContentType
    /// The message's authenticated data.
    public var authenticatedData: [UInt8]

    /// The AAD with these fields.
    public init(groupID: [UInt8], epoch: UInt64, contentType: ContentType, authenticatedData: [UInt8]) {
        self.groupID = groupID
        self.epoch = epoch
        self.contentType = contentType
        self.authenticatedData = authenticatedData
    }

    /// Writes the fields in order.
    public func encode(to writer: inout WireWriter) {
        writer.writeOpaque(groupID)
        writer.writeUInt64(epoch)
        contentType.encode(to: &writer)
        writer.writeOpaque(authenticatedData)
    }

    /// Reads the fields in order.
    public init(from reader: inout WireReader) throws(CodecError) {
        groupID = try reader.readOpaque()
        epoch = try reader.readUInt64()
        contentType = try ContentType(from: &reader)
        authenticatedData = try reader.readOpaque()
    }
}

/// Who sent a PrivateMessage and which ratchet key it used, encrypted in its header (RFC 9420 §6.3.2).
public struct SenderData: Hashable, Sendable, WireCodable {
    /// The sender's leaf.
    public var leafIndex: LeafIndex
    /// The generation of the sender's ratchet key.
    public var generation: UInt32
    /// Four random bytes XORed into the first bytes of the content nonce, as a big-endian `uint32`.
    public var reuseGuard: UInt32

    /// Sender data with these fields.
    public init(leafIndex: LeafIndex, generation: UInt32, reuseGuard: UInt32) {
        self.leafIndex = leafIndex
        self.generation = generation
        self.reuseGuard = reuseGuard
    }

    /// The `opaque reuse_guard[4]` bytes.
    public var reuseGuardBytes: [UInt8] {
        [UInt8(truncatingIfNeeded: reuseGuard >> 24), UInt8(truncatingIfNeeded: reuseGuard >> 16),
         UInt8(truncatingIfNeeded: reuseGuard >> 8), UInt8(truncatingIfNeeded: reuseGuard)]
    }

    /// Writes `uint32 leaf_index`, `uint32 generation` and `opaque reuse_guard[4]`.
    public func encode(to writer: inout WireWriter) {
        leafIndex.encode(to: &writer)
        writer.writeUInt32(generation)
        writer.writeUInt32(reuseGuard)
    }

    /// Reads the three fixed-size fields.
    public init(from reader: inout WireReader) throws(CodecError) {
        leafIndex = try LeafIndex(from: &reader)
        generation = try reader.readUInt32()
        reuseGuard = try reader.readUInt32()
    }
}

/// The associated data of a PrivateMessage's sender-data encryption (RFC 9420 §6.3.2).
public struct SenderDataAAD: Hashable, Sendable, WireCodable {
    /// The group's id.
    public var groupID: [UInt8]
    /// The epoch.
    public var epoch: UInt64
    /// The content type.
    public var contentType: ContentType

    /// The AAD with these fields.
    public init(groupID: [UInt8], epoch: UInt64, contentType: ContentType) {
        self.groupID = groupID
        self.epoch = epoch
        self.contentType = contentType
    }

    /// Writes the fields in order.
    public func encode(to writer: inout WireWriter) {
        writer.writeOpaque(groupID)
        writer.writeUInt64(epoch)
        contentType.encode(to: &writer)
    }

    /// Reads the fields in order.
    public init(from reader: inout WireReader) throws(CodecError) {
        groupID = try reader.readOpaque()
        epoch = try reader.readUInt64()
        contentType = try ContentType(from: &reader)
    }
}
