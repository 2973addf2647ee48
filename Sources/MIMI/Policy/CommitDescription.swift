/// A commit as the hub's policy sees it: who commits, which clients come and go, and which room-state
/// changes it carries. A plain value the hub builds from an MLS commit (Add, Remove and SelfRemove
/// proposals, AppDataUpdate proposals for `participant_list` and `room_metadata`).
public struct CommitDescription: Hashable, Sendable {
    /// The committer's user (its role is looked up in the room state; 0 when it is joining).
    public var actor: IdentifierURI
    /// Clients added (Add proposals, or the committer itself in an external commit), with their users.
    public var addedClients: [ClientOfUser]
    /// Clients removed by Remove proposals.
    public var removedClients: [IdentifierURI]
    /// Clients removed by SelfRemove proposals included in the commit.
    public var selfRemovedClients: [IdentifierURI]
    /// Clients whose SelfRemove proposals the hub accepted this epoch (all must be included).
    public var pendingSelfRemoves: [IdentifierURI]
    /// `participant_list` updates, in commit order.
    public var participantListUpdates: [ParticipantListUpdate]
    /// `room_metadata` updates (at most one is valid).
    public var metadataUpdates: [RoomMetadata]

    /// A client and its user.
    public struct ClientOfUser: Hashable, Sendable {
        /// The client.
        public var client: IdentifierURI
        /// Its user.
        public var user: IdentifierURI
        /// A pair.
        public init(client: IdentifierURI, user: IdentifierURI) {
            self.client = client
            self.user = user
        }
    }

    /// A description; every list defaults to empty.
    public init(actor: IdentifierURI, addedClients: [ClientOfUser] = [], removedClients: [IdentifierURI] = [],
                selfRemovedClients: [IdentifierURI] = [], pendingSelfRemoves: [IdentifierURI] = [],
                participantListUpdates: [ParticipantListUpdate] = [], metadataUpdates: [RoomMetadata] = []) {
        self.actor = actor
        self.addedClients = addedClients
        self.removedClients = removedClients
        self.selfRemovedClients = selfRemovedClients
        self.pendingSelfRemoves = pendingSelfRemoves
        self.participantListUpdates = participantListUpdates
        self.metadataUpdates = metadataUpdates
    }
}

/// Why the hub rejects a commit (`notAllowed`, draft-ietf-mimi-protocol-06 §5.3), with the detail.
public struct PolicyViolation: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rule broken.
    public enum Reason: Hashable, Sendable {
        /// The committer is not a participant (and is not joining).
        case actorNotParticipant
        /// The acting role lacks a capability.
        case missingCapability(Capability)
        /// The acting role's `authorized_role_changes` do not allow moving a user between these roles.
        case roleChangeNotAuthorized(from: UInt32, to: UInt32)
        /// A role has fewer participants (or active participants) than its minimum.
        case belowRoleMinimum(role: UInt32)
        /// A role has more participants (or active participants) than its maximum.
        case aboveRoleMaximum(role: UInt32)
        /// More non-banned users than `max_users`.
        case tooManyUsers
        /// More clients than `max_clients`, or several clients of one user in a single-device room.
        case tooManyClients
        /// A removed or banned user still has clients.
        case removedUserHasClients(IdentifierURI)
        /// A client is added for a user that is not an allowed, active-capable participant.
        case clientNotAllowed(IdentifierURI)
        /// A removed client is not in the group.
        case unknownClient(IdentifierURI)
        /// A pending SelfRemove proposal is not included.
        case pendingSelfRemoveMissing(IdentifierURI)
        /// More than one room metadata update.
        case tooManyMetadataUpdates
        /// The participant-list or metadata update is malformed (bad index, same user twice, room URI changed).
        case invalidUpdate
        /// The room has fixed membership.
        case fixedMembership
        /// A role the change names is not defined, or role 1 is not the "banned" role.
        case undefinedRole(UInt32)
    }

    /// The rule broken.
    public let reason: Reason
    /// A human-readable explanation.
    public let message: String

    /// A violation.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// `notAllowed: message`.
    public var description: String { "notAllowed: \(message)" }
}
