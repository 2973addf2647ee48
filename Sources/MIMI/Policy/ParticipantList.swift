import MLS

/// `UserRolePair` (draft-ietf-mimi-protocol-06 §9.5): a participant and its role.
public struct UserRolePair: Hashable, Sendable, WireCodable {
    /// The user's URI.
    public var user: IdentifierURI
    /// The user's role index.
    public var role: UInt32

    /// A pair.
    public init(user: IdentifierURI, role: UInt32) {
        self.user = user
        self.role = role
    }

    /// Writes `opaque user<V>` and `uint32 role_index`.
    public func encode(to writer: inout WireWriter) {
        user.encode(to: &writer)
        writer.writeUInt32(role)
    }

    /// Reads the two fields.
    public init(from reader: inout WireReader) throws(CodecError) {
        user = try IdentifierURI(from: &reader)
        role = try reader.readUInt32()
    }
}

/// `ParticipantListData` (§9.5): the ordered participant list, the `participant_list` component's data.
/// Users are distinct; role 0 never appears (it means "not in the list").
public struct ParticipantListData: Hashable, Sendable, WireCodable {
    /// The participants in order (their positions are the `user_index` of updates).
    public private(set) var participants: [UserRolePair]

    /// A list; throws `invalidPolicy` for a repeated user or role 0.
    public init(participants: [UserRolePair] = []) throws(MIMIError) {
        if let why = Self.problem(participants) { throw MIMIError(.invalidPolicy, why) }
        self.participants = participants
    }

    static func problem(_ participants: [UserRolePair]) -> String? {
        var seen = Set<IdentifierURI>(minimumCapacity: participants.count)  // membership only: no order reaches an output
        for pair in participants {
            if pair.role == RoleData.noRole { return "participant \(pair.user) has role 0" }
            if !seen.insert(pair.user).inserted { return "participant \(pair.user) appears twice" }
        }
        return nil
    }

    /// The role of `user`, or 0 when not a participant.
    public func role(of user: IdentifierURI) -> UInt32 { participants.first { $0.user == user }?.role ?? RoleData.noRole }

    /// The position of `user`, or nil.
    public func index(of user: IdentifierURI) -> Int? { participants.firstIndex { $0.user == user } }

    /// Applies an update (§9.5): role changes, then removals, then additions appended at the end.
    ///
    /// Throws `invalidPolicy` for an index out of range, a user touched twice, an added user already in the
    /// list, or role 0 as a new role. The list is unchanged when it throws.
    public func applying(_ update: ParticipantListUpdate) throws(MIMIError) -> ParticipantListData {
        var touched: [Int] = []
        var result = participants
        for change in update.changedRoles {
            let i = Int(change.userIndex)
            guard i < participants.count else { throw MIMIError(.invalidPolicy, "changed user_index \(i) is out of range") }
            guard !touched.contains(i) else { throw MIMIError(.invalidPolicy, "user_index \(i) is changed twice") }
            guard change.role != RoleData.noRole else { throw MIMIError(.invalidPolicy, "a role change to role 0 must be a removal") }
            touched.append(i)
            result[i].role = change.role
        }
        var removed: [Int] = []
        for index in update.removedIndices {
            let i = Int(index)
            guard i < participants.count else { throw MIMIError(.invalidPolicy, "removed index \(i) is out of range") }
            guard !touched.contains(i) else { throw MIMIError(.invalidPolicy, "user_index \(i) is both changed and removed, or removed twice") }
            touched.append(i)
            removed.append(i)
        }
        result = result.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
        let present = update.addedParticipants.isEmpty ? [] : Set(participants.map(\.user))
        for added in update.addedParticipants {
            guard !present.contains(added.user) else {
                throw MIMIError(.invalidPolicy, "added user \(added.user) is already a participant")
            }
            result.append(added)
        }
        // The kept participants are distinct with roles other than 0 (this list's invariant; changed roles are not 0)
        // and no added user is among them, so the whole list's first problem, if any, is the added users' first.
        if let why = Self.problem(update.addedParticipants) { throw MIMIError(.invalidPolicy, why) }
        return ParticipantListData(validated: result)
    }

    /// A list already known to have distinct users and no role 0.
    private init(validated participants: [UserRolePair]) { self.participants = participants }

    /// Writes `UserRolePair participants<V>`.
    public func encode(to writer: inout WireWriter) { writer.writeArray(participants) }

    /// Reads the list; a repeated user or role 0 is `invalidValue`.
    public init(from reader: inout WireReader) throws(CodecError) {
        let at = reader.offset
        participants = try reader.readArray()
        if let why = Self.problem(participants) { throw CodecError(.invalidValue, at: at, why) }
    }
}

/// `UserindexRolePair` (§9.5): a participant's position and new role.
public struct UserIndexRolePair: Hashable, Sendable, WireCodable {
    /// The position in the current `ParticipantListData`.
    public var userIndex: UInt32
    /// The new role.
    public var role: UInt32

    /// A pair.
    public init(userIndex: UInt32, role: UInt32) {
        self.userIndex = userIndex
        self.role = role
    }

    /// Writes the two `uint32`s.
    public func encode(to writer: inout WireWriter) {
        writer.writeUInt32(userIndex)
        writer.writeUInt32(role)
    }

    /// Reads the two `uint32`s.
    public init(from reader: inout WireReader) throws(CodecError) {
        userIndex = try reader.readUInt32()
        role = try reader.readUInt32()
    }
}

/// `ParticipantListUpdate` (§9.5): the `update` of an AppDataUpdate proposal for `participant_list`.
public struct ParticipantListUpdate: Hashable, Sendable, WireCodable {
    /// Role changes, by index into the current list.
    public var changedRoles: [UserIndexRolePair]
    /// Indexes of users removed from the list.
    public var removedIndices: [UInt32]
    /// Users appended with their roles.
    public var addedParticipants: [UserRolePair]

    /// An update.
    public init(changedRoles: [UserIndexRolePair] = [], removedIndices: [UInt32] = [], addedParticipants: [UserRolePair] = []) {
        self.changedRoles = changedRoles
        self.removedIndices = removedIndices
        self.addedParticipants = addedParticipants
    }

    /// The update as an AppDataUpdate proposal body for the `participant_list` component.
    public var appDataUpdate: AppDataUpdate { AppDataUpdate(componentID: .participantList, update: encoded()) }

    /// Writes the three vectors.
    public func encode(to writer: inout WireWriter) {
        writer.writeArray(changedRoles)
        writer.writeArray(removedIndices)
        writer.writeArray(addedParticipants)
    }

    /// Reads the three vectors.
    public init(from reader: inout WireReader) throws(CodecError) {
        changedRoles = try reader.readArray()
        removedIndices = try reader.readArray()
        addedParticipants = try reader.readArray()
    }
}
