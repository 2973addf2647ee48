import MLS
import MLSCrypto

/// The authenticated data of a commit in a MIMI room: the participant-list change the commit makes
/// (draft-ietf-mimi-protocol-06 §9.5's `ParticipantListUpdate`).
///
/// The draft carries it in an AppDataUpdate proposal; this implementation carries it in the commit's
/// `authenticated_data` (signed by the committer, covered by the confirmed transcript hash), and the resulting
/// list in the GroupContext's `app_data_dictionary` (see `RoomExtensions`), so every member, a joiner and the
/// hub agree on it. The hub checks the update with `HubPolicy` and the new list against the GroupContext.
public struct CommitAnnotation: Hashable, Sendable, WireCodable {
    /// The participant-list update, if the commit changes the list.
    public var participantListUpdate: ParticipantListUpdate?

    /// An annotation.
    public init(participantListUpdate: ParticipantListUpdate? = nil) { self.participantListUpdate = participantListUpdate }

    /// Writes `optional<ParticipantListUpdate>`.
    public func encode(to writer: inout WireWriter) { writer.writeOptional(participantListUpdate) }

    /// Reads `optional<ParticipantListUpdate>`.
    public init(from reader: inout WireReader) throws(CodecError) { participantListUpdate = try reader.readOptional(of: ParticipantListUpdate.self) }
}

/// The authenticated data of an application message: the sender's franking tag (draft-ietf-mimi-protocol-06
/// §5.4: `franking_tag = HMAC(franking_key, content)`, with the franking key inside the encrypted content).
public struct MessageAnnotation: Hashable, Sendable, WireCodable {
    /// The size of a franking tag.
    public static let tagSize = 32
    /// The franking tag.
    public var frankingTag: [UInt8]

    /// An annotation; throws `invalidValue` unless the tag has 32 bytes.
    public init(frankingTag: [UInt8]) throws(MIMIError) {
        guard frankingTag.count == Self.tagSize else { throw MIMIError(.invalidValue, "a franking tag has \(Self.tagSize) bytes, not \(frankingTag.count)") }
        self.frankingTag = frankingTag
    }

    /// Writes the 32 bytes.
    public func encode(to writer: inout WireWriter) { writer.writeBytes(frankingTag) }

    /// Reads 32 bytes.
    public init(from reader: inout WireReader) throws(CodecError) { frankingTag = try reader.readBytes(count: Self.tagSize) }
}

/// The plaintext of an application message: the franking key and the content (MIMI content bytes).
public struct FrankedContent: Hashable, Sendable, WireCodable {
    /// The sender's per-message franking key (32 random bytes).
    public var frankingKey: [UInt8]
    /// The content.
    public var content: [UInt8]

    /// A plaintext.
    public init(frankingKey: [UInt8], content: [UInt8]) {
        self.frankingKey = frankingKey
        self.content = content
    }

    /// Writes `opaque franking_key<V>` and `opaque content<V>`.
    public func encode(to writer: inout WireWriter) {
        writer.writeOpaque(frankingKey)
        writer.writeOpaque(content)
    }

    /// Reads the two fields.
    public init(from reader: inout WireReader) throws(CodecError) {
        frankingKey = try reader.readOpaque()
        content = try reader.readOpaque()
    }
}

/// The room state a MIMI group carries in its GroupContext: the `app_data_dictionary` extension with the
/// `participant_list` component (draft-ietf-mls-extensions §3.6, draft-ietf-mimi-protocol-06 §9.5).
public enum RoomExtensions {
    /// The participant list in `extensions`; `invalidPolicy` when it is missing or malformed.
    public static func participantList(in extensions: ExtensionList) throws(MIMIError) -> ParticipantListData {
        guard let ext = extensions[.appDataDictionary] else { throw MIMIError(.invalidPolicy, "the group has no app_data_dictionary") }
        let dictionary = try MIMIWire.decode(AppDataDictionary.self, from: ext.extensionData)
        guard let data = dictionary[.participantList] else { throw MIMIError(.invalidPolicy, "the app_data_dictionary has no participant_list") }
        return try MIMIWire.decode(ParticipantListData.self, from: data)
    }

    /// `extensions` with the participant list replaced (other components kept).
    public static func setting(_ list: ParticipantListData, in extensions: ExtensionList) -> ExtensionList {
        var dictionary = extensions[.appDataDictionary].flatMap { try? AppDataDictionary.decode($0.extensionData) } ?? AppDataDictionary()
        dictionary.set(.participantList, list.encoded())
        var result = extensions
        result.set(Extension(type: .appDataDictionary, data: dictionary.encoded()))
        return result
    }

    /// The capabilities a MIMI client advertises: the app_data_dictionary extension and SelfRemove.
    public static func capabilities(_ suite: CipherSuite) -> Capabilities {
        var caps = MemberIdentity.defaultCapabilities(suite)
        caps.extensions = [.appDataDictionary]
        caps.proposals = [.selfRemove]
        return caps
    }
}
