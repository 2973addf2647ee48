import MLS

/// The application logic of the MIMI room components, as the MLS `AppDataHandlers` every member and the hub's
/// observer run on a commit's AppDataUpdate proposals (draft-ietf-mls-extensions §4.7, draft-ietf-mimi-protocol-06
/// §9.5–9.6). The handlers only compute data (deterministically); who may change what is `HubPolicy`'s check.
public enum RoomComponents {
    /// `participant_list`: each `update` is a `ParticipantListUpdate`, applied in order to the current
    /// `ParticipantListData` (which must exist); a malformed or inapplicable update throws. The result for the
    /// bytes of `memo`'s previous call is reused (every member applies the same commit).
    public static func participantList(current: [UInt8]?, updates: [[UInt8]], memo: ParticipantListMemo = ParticipantListMemo()) throws(MIMIError) -> [UInt8] {
        guard let current else { throw MIMIError(.invalidPolicy, "the room has no participant_list to update") }
        return try memo.result(current: current, updates: updates) { () throws(MIMIError) in
            var list = try MIMIWire.decode(ParticipantListData.self, from: current)
            for bytes in updates { list = try list.applying(try MIMIWire.decode(ParticipantListUpdate.self, from: bytes)) }
            return list.encoded()
        }
    }

    /// `room_metadata`: each `update` is a whole `RoomMetadata` (`RoomMetaUpdate` replaces the data); the last
    /// one is the new data. (At most one per commit is `HubPolicy`'s rule, checked at the hub.)
    public static func roomMetadata(current: [UInt8]?, updates: [[UInt8]]) throws(MIMIError) -> [UInt8] {
        var result = current ?? []
        for bytes in updates { result = try MIMIWire.decode(RoomMetadata.self, from: bytes).encoded() }
        return result
    }

    /// The handlers of `participant_list` (reusing results through `participantLists`) and `room_metadata`;
    /// other components are unknown (rejected).
    public static func handlers(participantLists: ParticipantListMemo) -> AppDataHandlers {
        var handlers = AppDataHandlers()
        handlers.register(.participantList) { current, updates in try participantList(current: current, updates: updates, memo: participantLists) }
        handlers.register(.roomMetadata) { current, updates in try roomMetadata(current: current, updates: updates) }
        return handlers
    }

    /// The MLS settings of a MIMI room's members and hub: the default `GroupConfig` with these handlers.
    public static func groupConfig(participantLists: ParticipantListMemo) -> GroupConfig {
        var config = GroupConfig()
        config.appData = handlers(participantLists: participantLists)
        return config
    }
}
