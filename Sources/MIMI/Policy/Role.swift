import MLS

/// `SingleSourceRoleChangeTargets` (draft-ietf-mimi-room-policy-03 §2): the roles a holder may move a
/// participant to from one role.
public struct RoleChangeTargets: Hashable, Sendable, WireCodable {
    /// The participant's current role (0: not in the participant list).
    public var fromRole: UInt32
    /// The roles the participant may be moved to (0: out of the participant list).
    public var toRoles: [UInt32]

    /// One entry.
    public init(from fromRole: UInt32, to toRoles: [UInt32]) {
        self.fromRole = fromRole
        self.toRoles = toRoles
    }

    /// Writes `from_role_index` and `target_role_indexes<V>`.
    public func encode(to writer: inout WireWriter) {
        writer.writeUInt32(fromRole)
        writer.writeArray(toRoles)
    }

    /// Reads the two fields.
    public init(from reader: inout WireReader) throws(CodecError) {
        fromRole = try reader.readUInt32()
        toRoles = try reader.readArray()
    }
}

/// `Role` (draft-ietf-mimi-room-policy-03 §2): capabilities, participant-count constraints and authorized role changes.
public struct Role: Hashable, Sendable, WireCodable {
    /// The index other structures refer to the role by.
    public var index: UInt32
    /// A human-readable name (UTF-8).
    public var name: String
    /// A description (UTF-8, may be empty).
    public var description: String
    /// The capabilities of the role's holders.
    public var capabilities: [Capability]
    /// The fewest participants with the role.
    public var minParticipants: UInt32
    /// The most participants with the role, or nil for no limit.
    public var maxParticipants: UInt32?
    /// The fewest active participants (with at least one client) with the role.
    public var minActiveParticipants: UInt32
    /// The most active participants with the role, or nil for no limit (0: no clients allowed at all).
    public var maxActiveParticipants: UInt32?
    /// The role changes a holder may make.
    public var authorizedRoleChanges: [RoleChangeTargets]

    /// A role.
    public init(index: UInt32, name: String, description: String = "", capabilities: [Capability],
                minParticipants: UInt32 = 0, maxParticipants: UInt32? = nil,
                minActiveParticipants: UInt32 = 0, maxActiveParticipants: UInt32? = nil,
                authorizedRoleChanges: [RoleChangeTargets] = []) {
        self.index = index
        self.name = name
        self.description = description
        self.capabilities = capabilities
        self.minParticipants = minParticipants
        self.maxParticipants = maxParticipants
        self.minActiveParticipants = minActiveParticipants
        self.maxActiveParticipants = maxActiveParticipants
        self.authorizedRoleChanges = authorizedRoleChanges
    }

    /// Whether holders have `capability`.
    public func has(_ capability: Capability) -> Bool { capabilities.contains(capability) }

    /// Whether a holder may move a participant from role `from` to role `to`.
    public func authorizes(from: UInt32, to: UInt32) -> Bool {
        authorizedRoleChanges.contains { $0.fromRole == from && $0.toRoles.contains(to) }
    }

    /// Whether holders may have clients in the MLS group.
    public var mayHaveClients: Bool { maxActiveParticipants != 0 }

    /// Writes the fields in draft order.
    public func encode(to writer: inout WireWriter) {
        writer.writeUInt32(index)
        writer.writeOpaque(Array(name.utf8))
        writer.writeOpaque(Array(description.utf8))
        writer.writeArray(capabilities)
        writer.writeUInt32(minParticipants)
        writer.writeOptional(maxParticipants)
        writer.writeUInt32(minActiveParticipants)
        writer.writeOptional(maxActiveParticipants)
        writer.writeArray(authorizedRoleChanges)
    }

    /// Reads the fields; names must be UTF-8.
    public init(from reader: inout WireReader) throws(CodecError) {
        index = try reader.readUInt32()
        let nameAt = reader.offset
        name = try WireText.read(from: &reader, field: "role_name", at: nameAt)
        let descriptionAt = reader.offset
        description = try WireText.read(from: &reader, field: "role_description", at: descriptionAt)
        capabilities = try reader.readArray()
        minParticipants = try reader.readUInt32()
        maxParticipants = try reader.readOptional(of: UInt32.self)
        minActiveParticipants = try reader.readUInt32()
        maxActiveParticipants = try reader.readOptional(of: UInt32.self)
        authorizedRoleChanges = try reader.readArray()
    }
}

/// `RoleData` (draft-ietf-mimi-room-policy-03 §2): the roles of a room, the `roles_list` component's data.
///
/// Valid role lists have distinct indexes and include role 0; `canOpenJoin` appears only on role 0, and a
/// role 1, when present, is the "banned" role when used by canBan/canUnban.
public struct RoleData: Hashable, Sendable, WireCodable {
    /// The index of the "not a participant" role.
    public static let noRole: UInt32 = 0
    /// The index reserved for the "banned" role.
    public static let bannedRole: UInt32 = 1

    /// The roles in their listed order.
    public private(set) var roles: [Role]

    /// A role list; throws `invalidPolicy` when indexes repeat, role 0 is missing, or `canOpenJoin` is on a non-zero role.
    public init(roles: [Role]) throws(MIMIError) {
        if let why = Self.problem(roles) { throw MIMIError(.invalidPolicy, why) }
        self.roles = roles
    }

    static func problem(_ roles: [Role]) -> String? {
        var seen: [UInt32] = []
        for role in roles {
            if seen.contains(role.index) { return "role index \(role.index) appears twice" }
            seen.append(role.index)
            if role.index != noRole && role.has(.canOpenJoin) { return "canOpenJoin must not appear in non-zero role \(role.index)" }
        }
        return seen.contains(noRole) ? nil : "the role list has no role 0"
    }

    /// The role with `index`, or nil.
    public func role(_ index: UInt32) -> Role? { roles.first { $0.index == index } }

    /// Whether role 1 exists and is named "banned" (required for canBan and canUnban).
    public var hasBannedRole: Bool { role(Self.bannedRole)?.name == "banned" }

    /// Writes `Role roles<V>`.
    public func encode(to writer: inout WireWriter) { writer.writeArray(roles) }

    /// Reads the roles and validates them (`invalidValue` when invalid).
    public init(from reader: inout WireReader) throws(CodecError) {
        let at = reader.offset
        roles = try reader.readArray()
        if let why = Self.problem(roles) { throw CodecError(.invalidValue, at: at, why) }
    }
}
