import MLSCrypto

/// A MIMI content message (draft-ietf-mimi-content-08 §3): the behavior fields and the body, encoded as a
/// 7-element CBOR array in RFC 8949 §4.2.1 deterministic form.
public struct MimiContent: Hashable, Sendable {
    /// The size of the per-message salt.
    public static let saltSize = 16

    /// 16 cryptographically random bytes.
    public var salt: [UInt8]
    /// The message this one edits or deletes (the first version's ID), or nil.
    public var replaces: MessageId?
    /// The topic the message belongs to; empty for none.
    public var topicId: [UInt8]
    /// When the message should be deleted, or nil.
    public var expires: Expiration?
    /// The message this one replies to, or nil.
    public var inReplyTo: MessageId?
    /// The extensions map (sender URI, room URI, others).
    public var extensions: ContentExtensions
    /// The body.
    public var body: NestedPart

    /// `Expiration` (§3.1): absolute (seconds since the UNIX epoch) or relative (seconds after reading).
    public struct Expiration: Hashable, Sendable {
        /// Whether `time` is relative to when the receiver reads the message.
        public var relative: Bool
        /// The time (`uint .size 4`).
        public var time: UInt32
        /// An expiration.
        public init(relative: Bool, time: UInt32) {
            self.relative = relative
            self.time = time
        }
    }

    /// A message; throws `invalidContent` or `tooDeep` when the salt is not 16 bytes or the body breaks §3.4/§6.3.
    public init(salt: [UInt8], replaces: MessageId? = nil, topicId: [UInt8] = [], expires: Expiration? = nil,
                inReplyTo: MessageId? = nil, extensions: ContentExtensions, body: NestedPart) throws(MIMIError) {
        guard salt.count == Self.saltSize else {
            throw MIMIError(.invalidContent, "the salt must have \(Self.saltSize) bytes, not \(salt.count)")
        }
        // Re-reading the body through the decoder applies every structural rule to values built in code.
        _ = try NestedPart(cbor: body.cbor)
        guard body.partCount <= NestedPart.maxPartCount else {
            throw MIMIError(.invalidContent, "the body has \(body.partCount) parts; at most \(NestedPart.maxPartCount) are allowed")
        }
        self.salt = salt
        self.replaces = replaces
        self.topicId = topicId
        self.expires = expires
        self.inReplyTo = inReplyTo
        self.extensions = extensions
        self.body = body
    }

    /// The message as a CBOR item.
    public var cbor: CBOR {
        .array([
            .bytes(salt),
            replaces.map { .bytes($0.bytes) } ?? .null,
            .bytes(topicId),
            expires.map { .array([.bool($0.relative), .unsigned(UInt64($0.time))]) } ?? .null,
            inReplyTo.map { .bytes($0.bytes) } ?? .null,
            extensions.cbor,
            body.cbor,
        ])
    }

    /// The deterministic CBOR encoding.
    public func encoded() -> [UInt8] { cbor.encoded() }

    /// Decodes a message; the bytes must be deterministic CBOR (§6.1) and match the schema of §3 and Appendix B.
    public static func decode(_ bytes: [UInt8]) throws(MIMIError) -> MimiContent {
        try MimiContent(cbor: try CBOR.decode(bytes))
    }

    /// Reads a message from a decoded CBOR item.
    public init(cbor item: CBOR) throws(MIMIError) {
        var fields = try CBORFields(item, type: "mimiContent", counts: [7])
        let salt = try fields.bytes("salt", size: Self.saltSize)
        let replaces = try fields.optionalBytes("replaces", size: MessageId.size)
        let topicId = try fields.bytes("topicId")
        let expires: Expiration?
        switch fields.next() {
        case .null: expires = nil
        case let other:
            var pair = try CBORFields(other, type: "Expiration", counts: [2])
            expires = Expiration(relative: try pair.bool("relative"), time: UInt32(try pair.unsigned("time", max: UInt64(UInt32.max))))
        }
        let inReplyTo = try fields.optionalBytes("inReplyTo", size: MessageId.size)
        guard case .map(let entries) = fields.next() else {
            throw MIMIError(.invalidContent, "mimiContent.mimiExtensions must be a map")
        }
        let extensions = try ContentExtensions(entries: entries)
        let body = try NestedPart(cbor: fields.next())
        try self.init(salt: salt, replaces: try replaces.map { bytes throws(MIMIError) in try MessageId(bytes: bytes) },
                      topicId: topicId, expires: expires,
                      inReplyTo: try inReplyTo.map { bytes throws(MIMIError) in try MessageId(bytes: bytes) },
                      extensions: extensions, body: body)
    }

    /// The message ID (§2.3) for a sender and room; by default the URIs in the extensions map.
    ///
    /// Throws `invalidContent` when a URI is neither given nor in the extensions.
    public func messageId(senderURI: String? = nil, roomURI: String? = nil, crypto: CryptoContext) throws(MIMIError) -> MessageId {
        guard let sender = senderURI ?? extensions.senderURI, let room = roomURI ?? extensions.roomURI else {
            throw MIMIError(.invalidContent, "a MessageId needs the sender and room URIs, and the extensions map lacks them")
        }
        return try MessageId.compute(senderURI: sender, roomURI: room, content: encoded(), salt: salt, crypto: crypto)
    }
}
