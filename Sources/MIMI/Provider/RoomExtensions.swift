import MLS
import MLSCrypto

/// The room state a MIMI group carries in its GroupContext: the `app_data_dictionary` extension with the
/// `participant_list` (and, once set, `room_metadata`) component (draft-ietf-mls-extensions §4.6,
/// draft-ietf-mimi-protocol-06 §9.5), changed only by AppDataUpdate proposals, which the group requires.
public enum RoomExtensions {
    /// The `required_capabilities` of a MIMI room: `app_data_dictionary`, AppDataUpdate and SelfRemove.
    public static let required = RequiredCapabilities(extensionTypes: [.appDataDictionary], proposalTypes: [.appDataUpdate, .selfRemove])

    /// The GroupContext extensions of a new room: `app_data_dictionary` holding `list` and the hub's franking key,
    /// and `required_capabilities` (so every member supports AppDataUpdate, and a GroupContextExtensions proposal
    /// cannot touch the dictionary).
    public static func initial(_ list: ParticipantListData, hubKey: HubFrankingKey) -> ExtensionList {
        var dictionary = AppDataDictionary()
        dictionary.set(.participantList, list.encoded())
        dictionary.set(.hubFrankingKey, hubKey.encoded())
        var result = ExtensionList.empty
        result.set(.appDataDictionary(dictionary))
        result.set(.requiredCapabilities(required))
        return result
    }

    /// The participant list in `extensions`; `invalidPolicy` when it is missing or malformed.
    public static func participantList(in extensions: ExtensionList) throws(MIMIError) -> ParticipantListData {
        guard let data = try dictionary(in: extensions)[.participantList] else {
            throw MIMIError(.invalidPolicy, "the app_data_dictionary has no participant_list")
        }
        return try MIMIWire.decode(ParticipantListData.self, from: data)
    }

    /// The room metadata in `extensions`, or nil when none was set; `invalidPolicy` when malformed.
    public static func metadata(in extensions: ExtensionList) throws(MIMIError) -> RoomMetadata? {
        guard let data = try dictionary(in: extensions)[.roomMetadata] else { return nil }
        return try MIMIWire.decode(RoomMetadata.self, from: data)
    }

    /// The hub's franking key in `extensions`; `invalidPolicy` when it is missing or malformed.
    public static func hubFrankingKey(in extensions: ExtensionList) throws(MIMIError) -> HubFrankingKey {
        guard let data = try dictionary(in: extensions)[.hubFrankingKey] else {
            throw MIMIError(.invalidPolicy, "the app_data_dictionary has no hub_franking_key")
        }
        return try MIMIWire.decode(HubFrankingKey.self, from: data)
    }

    /// `extensions` with the participant list replaced (other components kept): for tests that craft a
    /// GroupContextExtensions proposal, which MIMI rooms refuse.
    public static func setting(_ list: ParticipantListData, in extensions: ExtensionList) -> ExtensionList {
        var dictionary = (try? extensions.appDataDictionary()) ?? AppDataDictionary()
        dictionary.set(.participantList, list.encoded())
        var result = extensions
        result.set(.appDataDictionary(dictionary))
        return result
    }

    /// The capabilities a MIMI client advertises: the app_data_dictionary extension, AppDataUpdate and SelfRemove.
    public static func capabilities(_ suite: CipherSuite) -> Capabilities {
        var caps = MemberIdentity.defaultCapabilities(suite)
        caps.extensions = [.appDataDictionary]
        caps.proposals = [.appDataUpdate, .selfRemove]
        return caps
    }

    static func dictionary(in extensions: ExtensionList) throws(MIMIError) -> AppDataDictionary {
        guard let ext = extensions[.appDataDictionary] else { throw MIMIError(.invalidPolicy, "the group has no app_data_dictionary") }
        return try MIMIWire.decode(AppDataDictionary.self, from: ext.extensionData)
    }
}
