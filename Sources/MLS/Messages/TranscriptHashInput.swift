/// The input of the confirmed transcript hash (RFC 9420 §8.2): a commit's wire format, content and signature.
///
/// `confirmed_transcript_hash = Hash(interim_transcript_hash_[n-1] || ConfirmedTranscriptHashInput)`.
public struct ConfirmedTranscriptHashInput: Hashable, Sendable, WireCodable {
    /// The wire format the commit was sent in.
    public let wireFormat: WireFormat
    /// The commit's framed content.
    public let content: FramedContent
    /// The commit's signature.
    public let signature: [UInt8]

    /// The input for a commit; throws `invalidValue` when `content` is not a commit.
    public init(wireFormat: WireFormat, content: FramedContent, signature: [UInt8]) throws(CodecError) {
        guard content.contentType == .commit else {
            throw CodecError(.invalidValue, at: 0, "the confirmed transcript hash covers commits, not a \(content.contentType)")
        }
        self.wireFormat = wireFormat
        self.content = content
        self.signature = signature
    }

    /// The input for an authenticated commit; throws `invalidValue` when it is not a commit.
    public init(_ authenticated: AuthenticatedContent) throws(CodecError) {
        try self.init(wireFormat: authenticated.wireFormat, content: authenticated.content, signature: authenticated.auth.signature)
    }

    /// Writes the wire format, the content and the signature.
    public func encode(to writer: inout WireWriter) {
        wireFormat.encode(to: &writer)
        content.encode(to: &writer)
        writer.writeOpaque(signature)
    }

    /// Reads the wire format, the content (which must be a commit) and the signature.
    public init(from reader: inout WireReader) throws(CodecError) {
        let wireFormat = try WireFormat(from: &reader)
        let contentAt = reader.offset
        let content = try FramedContent(from: &reader)
        guard content.contentType == .commit else {
            throw CodecError(.invalidValue, at: contentAt, "ConfirmedTranscriptHashInput holds a \(content.contentType), not a commit")
        }
        self.wireFormat = wireFormat
        self.content = content
        signature = try reader.readOpaque()
    }
}

/// The input of the interim transcript hash (RFC 9420 §8.2): a commit's confirmation tag.
///
/// `interim_transcript_hash_[n] = Hash(confirmed_transcript_hash_[n] || InterimTranscriptHashInput)`.
public struct InterimTranscriptHashInput: Hashable, Sendable, WireCodable {
    /// The confirmation tag (`MAC confirmation_tag`).
    public var confirmationTag: [UInt8]

    /// Wraps a confirmation tag.
    public init(confirmationTag: [UInt8]) { self.confirmationTag = confirmationTag }

    /// Writes `MAC confirmation_tag`.
    public func encode(to writer: inout WireWriter) { writer.writeOpaque(confirmationTag) }

    /// Reads `MAC confirmation_tag`.
    public init(from reader: inout WireReader) throws(CodecError) { confirmationTag = try reader.readOpaque() }
}
