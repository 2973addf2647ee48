/// What a framed message carries, selected by its `ContentType` (RFC 9420 §6).
public enum FramedContentBody: Hashable, Sendable {
    /// Application data (only sent in a PrivateMessage).
    case application([UInt8])
    /// A proposal.
    case proposal(Proposal)
    /// A commit.
    case commit(Commit)

    /// The `ContentType` that selects this body.
    public var contentType: ContentType {
        switch self {
        case .application: .application
        case .proposal: .proposal
        case .commit: .commit
        }
    }

    /// Writes the body alone, without the content type (the `select` arm of FramedContent and PrivateMessageContent).
    public func encodeBody(to writer: inout WireWriter) {
        switch self {
        case .application(let data): writer.writeOpaque(data)
        case .proposal(let proposal): proposal.encode(to: &writer)
        case .commit(let commit): commit.encode(to: &writer)
        }
    }

    /// Reads the body that `contentType` selects.
    public init(contentType: ContentType, from reader: inout WireReader) throws(CodecError) {
        switch contentType {
        case .application: self = .application(try reader.readOpaque())
        case .proposal: self = .proposal(try Proposal(from: &reader))
        case .commit: self = .commit(try Commit(from: &reader))
        }
    }
}

/// The content of a handshake or application message before signing and protection (RFC 9420 §6).
public struct FramedContent: Hashable, Sendable, WireCodable {
    /// The group's id.
    public var groupID: [UInt8]
    /// The epoch the message was sent in.
    public var epoch: UInt64
    /// Who sent it.
    public var sender: Sender
    /// Application-chosen data authenticated with the message.
    public var authenticatedData: [UInt8]
    /// The application data, proposal or commit.
    public var body: FramedContentBody

    /// The content type of `body`.
    public var contentType: ContentType { body.contentType }

    /// Framed content with these fields.
    public init(groupID: [UInt8], epoch: UInt64, sender: Sender, authenticatedData: [UInt8] = [], body: FramedContentBody) {
        self.groupID = groupID
        self.epoch = epoch
        self.sender = sender
        self.authenticatedData = authenticatedData
        self.body = body
    }

    /// Writes the fields, `content_type` and the body.
    public func encode(to writer: inout WireWriter) {
        writer.writeOpaque(groupID)
        writer.writeUInt64(epoch)
        sender.encode(to: &writer)
        writer.writeOpaque(authenticatedData)
        contentType.encode(to: &writer)
        body.encodeBody(to: &writer)
    }

    /// Reads the fields, `content_type` (unknown values are `invalidValue`) and the body it selects.
    public init(from reader: inout WireReader) throws(CodecError) {
        groupID = try reader.readOpaque()
        epoch = try reader.readUInt64()
        sender = try Sender(from: &reader)
        authenticatedData = try reader.readOpaque()
        let contentType = try ContentType(from: &reader)
        body = try FramedContentBody(contentType: contentType, from: &reader)
    }
}

/// The signature over a FramedContent and, for commits, the confirmation tag (RFC 9420 §6.1).
///
/// Its encoding depends on the content type, so it is decoded with `init(from:contentType:)`; the types
/// that contain it check that `confirmationTag` is present exactly for commits.
public struct FramedContentAuthData: Hashable, Sendable, WireEncodable {
    /// `SignWithLabel(., "FramedContentTBS", FramedContentTBS)`.
    public var signature: [UInt8]
    /// `MAC(confirmation_key, confirmed_transcript_hash)`; present exactly when the content is a commit.
    public var confirmationTag: [UInt8]?

    /// Auth data with a signature and, for a commit, a confirmation tag.
    public init(signature: [UInt8], confirmationTag: [UInt8]? = nil) {
        self.signature = signature
        self.confirmationTag = confirmationTag
    }

    /// Writes the signature and, when present, the confirmation tag (`MAC confirmation_tag`).
    public func encode(to writer: inout WireWriter) {
        writer.writeOpaque(signature)
        if let confirmationTag { writer.writeOpaque(confirmationTag) }
    }

    /// Reads the signature and, when `contentType` is commit, the confirmation tag.
    public init(from reader: inout WireReader, contentType: ContentType) throws(CodecError) {
        signature = try reader.readOpaque()
        confirmationTag = contentType == .commit ? try reader.readOpaque() : nil
    }

    /// Throws `invalidValue` unless the confirmation tag is present exactly when `contentType` is commit.
    func check(matches contentType: ContentType, at offset: Int = 0) throws(CodecError) {
        guard (confirmationTag != nil) == (contentType == .commit) else {
            throw CodecError(.invalidValue, at: offset, contentType == .commit
                             ? "a commit's auth data needs a confirmation tag"
                             : "only a commit's auth data has a confirmation tag, not a \(contentType)'s")
        }
    }
}
