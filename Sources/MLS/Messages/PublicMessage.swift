/// A signed handshake message sent in the clear (RFC 9420 §6.2), with a membership tag when a member sent it.
public struct PublicMessage: Hashable, Sendable, WireCodable {
    /// The content.
    public let content: FramedContent
    /// The signature and, for commits, the confirmation tag.
    public let auth: FramedContentAuthData
    /// `MAC(membership_key, AuthenticatedContentTBM)`; present exactly when the sender is a member.
    public let membershipTag: [UInt8]?

    /// A public message; throws `invalidValue` unless the confirmation tag is present exactly for commits
    /// and the membership tag exactly for member senders.
    public init(content: FramedContent, auth: FramedContentAuthData, membershipTag: [UInt8]?) throws(CodecError) {
        try auth.check(matches: content.contentType)
        guard (membershipTag != nil) == (content.sender.senderType == .member) else {
            throw CodecError(.invalidValue, at: 0, content.sender.senderType == .member
                             ? "a member's public message needs a membership tag"
                             : "only a member's public message has a membership tag, not a \(content.sender)'s")
        }
        self.content = content
        self.auth = auth
        self.membershipTag = membershipTag
    }

    /// The message of `authenticated` content (whose wire format should be `mls_public_message`).
    public init(_ authenticated: AuthenticatedContent, membershipTag: [UInt8]?) throws(CodecError) {
        try self.init(content: authenticated.content, auth: authenticated.auth, membershipTag: membershipTag)
    }

    /// The content and auth data as `AuthenticatedContent` with wire format `mls_public_message`.
    public var authenticatedContent: AuthenticatedContent {
        AuthenticatedContent(checked: .publicMessage, content: content, auth: auth)
    }

    /// Writes the content, the auth data and, for member senders, the membership tag.
    public func encode(to writer: inout WireWriter) {
        content.encode(to: &writer)
        auth.encode(to: &writer)
        if let membershipTag { writer.writeOpaque(membershipTag) }
    }

    /// Reads the content, the auth data its content type selects and the tag its sender selects.
    ///
    /// Application data is accepted here as RFC 9420's syntax allows it; §6.2's rule that application
    /// messages must be private is for the receiving group to enforce.
    public init(from reader: inout WireReader) throws(CodecError) {
        content = try FramedContent(from: &reader)
        auth = try FramedContentAuthData(from: &reader, contentType: content.contentType)
        membershipTag = content.sender.senderType == .member ? try reader.readOpaque() : nil
    }
}
