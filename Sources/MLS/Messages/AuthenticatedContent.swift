/// The content to be signed by the sender (RFC 9420 §6.1): the wire format, the content and, for member
/// and new-member-commit senders, the group context.
public struct FramedContentTBS: Hashable, Sendable, WireCodable {
    /// The protocol version (`mls10`).
    public let version: ProtocolVersion
    /// The wire format the content is sent in.
    public let wireFormat: WireFormat
    /// The content.
    public let content: FramedContent
    /// The group context; present exactly when the sender is a member or a new-member commit.
    public let context: GroupContext?

    /// The TBS of `content`; throws `invalidValue` when the sender needs a `context` and none is given.
    /// A context given for an external or new-member-proposal sender is not part of the TBS and is dropped.
    public init(version: ProtocolVersion = .mls10, wireFormat: WireFormat, content: FramedContent, context: GroupContext?) throws(CodecError) {
        if content.sender.signsGroupContext {
            guard let context else {
                throw CodecError(.invalidValue, at: 0, "the content of a \(content.sender.senderType) sender is signed with the group context")
            }
            self.context = context
        } else {
            self.context = nil
        }
        self.version = version
        self.wireFormat = wireFormat
        self.content = content
    }

    /// Writes the version, wire format, content and, when present, the group context.
    public func encode(to writer: inout WireWriter) {
        version.encode(to: &writer)
        wireFormat.encode(to: &writer)
        content.encode(to: &writer)
        context?.encode(to: &writer)
    }

    /// Reads the version, wire format, content and the group context its sender selects.
    public init(from reader: inout WireReader) throws(CodecError) {
        version = try ProtocolVersion(from: &reader)
        wireFormat = try WireFormat(from: &reader)
        content = try FramedContent(from: &reader)
        context = content.sender.signsGroupContext ? try GroupContext(from: &reader) : nil
    }
}

/// A framed content with its wire format and auth data (RFC 9420 §6.1): what a message is after
/// unprotection, and the input of a `ProposalRef`.
public struct AuthenticatedContent: Hashable, Sendable, WireCodable {
    /// The wire format it was (or will be) sent in.
    public let wireFormat: WireFormat
    /// The content.
    public let content: FramedContent
    /// The signature and, for commits, the confirmation tag.
    public let auth: FramedContentAuthData

    /// Authenticated content; throws `invalidValue` unless `auth` has a confirmation tag exactly for commits.
    public init(wireFormat: WireFormat, content: FramedContent, auth: FramedContentAuthData) throws(CodecError) {
        try auth.check(matches: content.contentType)
        self.init(checked: wireFormat, content: content, auth: auth)
    }

    /// Wraps parts whose confirmation tag has already been checked against the content type.
    init(checked wireFormat: WireFormat, content: FramedContent, auth: FramedContentAuthData) {
        self.wireFormat = wireFormat
        self.content = content
        self.auth = auth
    }

    /// The content the signature covers, with `context` (needed for member and new-member-commit senders).
    public func tbs(context: GroupContext?) throws(CodecError) -> FramedContentTBS {
        try FramedContentTBS(wireFormat: wireFormat, content: content, context: context)
    }

    /// Writes the wire format, the content and the auth data.
    public func encode(to writer: inout WireWriter) {
        wireFormat.encode(to: &writer)
        content.encode(to: &writer)
        auth.encode(to: &writer)
    }

    /// Reads the wire format, the content and the auth data its content type selects.
    public init(from reader: inout WireReader) throws(CodecError) {
        wireFormat = try WireFormat(from: &reader)
        content = try FramedContent(from: &reader)
        auth = try FramedContentAuthData(from: &reader, contentType: content.contentType)
    }
}

/// The input of a PublicMessage's membership tag (RFC 9420 §6.2): `MAC(membership_key, AuthenticatedContentTBM)`.
public struct AuthenticatedContentTBM: Hashable, Sendable, WireCodable {
    /// The signed content, with the group context.
    public let contentTBS: FramedContentTBS
    /// The signature and, for commits, the confirmation tag.
    public let auth: FramedContentAuthData

    /// The TBM of signed content; throws `invalidValue` unless `auth` has a confirmation tag exactly for commits.
    public init(contentTBS: FramedContentTBS, auth: FramedContentAuthData) throws(CodecError) {
        try auth.check(matches: contentTBS.content.contentType)
        self.contentTBS = contentTBS
        self.auth = auth
    }

    /// Writes the TBS and the auth data.
    public func encode(to writer: inout WireWriter) {
        contentTBS.encode(to: &writer)
        auth.encode(to: &writer)
    }

    /// Reads the TBS and the auth data its content type selects.
    public init(from reader: inout WireReader) throws(CodecError) {
        contentTBS = try FramedContentTBS(from: &reader)
        auth = try FramedContentAuthData(from: &reader, contentType: contentTBS.content.contentType)
    }
}
