/// What the hub knows about a room when it checks a commit: its policy, participants, clients and metadata.
///
/// A value: `HubPolicy.check` returns a new state for an allowed commit and leaves this one untouched.
public struct RoomState: Hashable, Sendable {
    /// The roles and their capabilities.
    public var roles: RoleData
    /// The base policy (limits, membership style).
    public var base: BaseRoomPolicy
    /// The participant list.
    public var participants: ParticipantListData
    /// The MLS clients of each user, in join order.
    public private(set) var clients: [UserClients]
    /// The room metadata.
    public var metadata: RoomMetadata

    /// The clients of one user.
    public struct UserClients: Hashable, Sendable {
        /// The user.
        public var user: IdentifierURI
        /// The user's client URIs.
        public var clients: [IdentifierURI]
        /// One user's clients.
        public init(user: IdentifierURI, clients: [IdentifierURI]) {
            self.user = user
            self.clients = clients
        }
    }

    /// A state; throws `invalidPolicy` when a participant's role is undefined, a client belongs to two users,
    /// or a user with clients is not a participant.
    public init(roles: RoleData, base: BaseRoomPolicy = BaseRoomPolicy(), participants: ParticipantListData,
                clients: [UserClients] = [], metadata: RoomMetadata) throws(MIMIError) {
        for pair in participants.participants where roles.role(pair.role) == nil {
            throw MIMIError(.invalidPolicy, "participant \(pair.user) has role \(pair.role), which the role list does not define")
        }
        var seen: [IdentifierURI] = []
        for entry in clients where !entry.clients.isEmpty {
            guard participants.index(of: entry.user) != nil else {
                throw MIMIError(.invalidPolicy, "user \(entry.user) has clients but is not a participant")
            }
            for client in entry.clients {
                guard !seen.contains(client) else { throw MIMIError(.invalidPolicy, "client \(client) appears twice") }
                seen.append(client)
            }
        }
        self.roles = roles
        self.base = base
        self.participants = participants
        self.clients = clients.filter { !$0.clients.isEmpty }
        self.metadata = metadata
    }

    /// The clients of `user` (empty when none).
    public func clients(of user: IdentifierURI) -> [IdentifierURI] { clients.first { $0.user == user }?.clients ?? [] }

    /// The user a client belongs to, or nil.
    public func user(ofClient client: IdentifierURI) -> IdentifierURI? { clients.first { $0.clients.contains(client) }?.user }

    /// The number of clients in the MLS group.
    public var clientCount: Int { clients.reduce(0) { $0 + $1.clients.count } }

    /// The number of participants with `role`.
    public func participantCount(role: UInt32) -> Int { participants.participants.filter { $0.role == role }.count }

    /// The number of participants with `role` that have at least one client.
    public func activeCount(role: UInt32) -> Int {
        participants.participants.filter { $0.role == role && !clients(of: $0.user).isEmpty }.count
    }

    /// The number of participants whose role is not the banned role.
    public var nonBannedCount: Int { participants.participants.filter { $0.role != RoleData.bannedRole }.count }

    /// Replaces the client lists (used by `HubPolicy` on a copy).
    mutating func setClients(_ newClients: [UserClients]) { clients = newClients.filter { !$0.clients.isEmpty } }
}
