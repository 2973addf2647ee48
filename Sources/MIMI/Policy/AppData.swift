import MLS

/// The MIMI components of the `app_data_dictionary` (the generic `ComponentID`, `AppDataUpdate` and
/// `AppDataDictionary` of draft-ietf-mls-extensions are in the MLS module).
extension ComponentID {
    /// `participant_list` (0x0022, draft-ietf-mimi-protocol-06 §10).
    public static let participantList = ComponentID(rawValue: 0x0022)
    /// `room_metadata` (0x0023, draft-ietf-mimi-protocol-06 §10).
    public static let roomMetadata = ComponentID(rawValue: 0x0023)
    /// `roles_list` (suggested 0x0025, draft-ietf-mimi-room-policy-03 §10).
    public static let rolesList = ComponentID(rawValue: 0x0025)
    /// `base_room_policy` (suggested 0x0027, draft-ietf-mimi-room-policy-03 §10).
    public static let baseRoomPolicy = ComponentID(rawValue: 0x0027)
}
