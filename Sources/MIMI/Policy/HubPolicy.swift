/// The hub's policy check of a commit (draft-ietf-mimi-room-policy-03 §2, §4, §6; draft-ietf-mimi-protocol-06
/// §9.5–9.6; draft-ietf-mls-extensions §5 SelfRemove).
///
/// `check` either returns the room state after the commit or a `PolicyViolation` (`notAllowed`); the input
/// state is a value and is never changed. Checked, in order: the committer is a participant (or joins by
/// `canOpenJoin`); at most one metadata update; every participant-list change is authorized by the
/// committer's capabilities and `authorized_role_changes`; client removals (`canKick`, `canRemoveOwnClient`,
/// removal with the user); every pending SelfRemove is included; client additions (`canAddOwnClient`, or with
/// the user's addition, or `canAddParticipant`); removed or banned users keep no clients; single-device,
/// `max_clients`, `max_users` and each role's minimum and maximum (active) participant counts; metadata
/// capabilities. Limits are checked only in the direction the commit moves a count, so a room created
/// below a minimum is not frozen.
public struct HubPolicy: Sendable {
    /// A policy checker.
    public init() {}

    /// Checks `commit` against `state`; returns the new state, or why the commit is not allowed.
    public func check(_ commit: CommitDescription, in state: RoomState) -> Result<RoomState, PolicyViolation> {
        do {
            return .success(try evaluate(commit, state))
        } catch {
            return .failure(error)
        }
    }

    private func evaluate(_ commit: CommitDescription, _ state: RoomState) throws(PolicyViolation) -> RoomState {
        let actor = commit.actor
        let actorRoleIndex = state.participants.role(of: actor)
        let joining = actorRoleIndex == RoleData.noRole
        guard let actorRole = state.roles.role(actorRoleIndex) else {
            throw PolicyViolation(.undefinedRole(actorRoleIndex), "the committer's role \(actorRoleIndex) is not defined")
        }
        guard commit.metadataUpdates.count <= 1 else {
            throw PolicyViolation(.tooManyMetadataUpdates, "a commit may carry at most one room metadata update")
        }
        let (newList, transitions) = try applyParticipantUpdates(commit, to: state.participants, fixedMembership: state.base.fixedMembership)
        if joining && !transitions.contains(where: { $0.user == actor && $0.from == RoleData.noRole }) {
            throw PolicyViolation(.actorNotParticipant, "\(actor) is not a participant of the room")
        }
        for transition in transitions {
            try authorize(transition, actor: actor, actorRole: actorRole, state: state, commit: commit)
        }
        let newClients = try applyClientChanges(commit, state: state, newList: newList, transitions: transitions, actorRole: actorRole)
        var next = state
        next.participants = newList
        next.setClients(newClients)
        try checkLimits(before: state, after: next, transitions: transitions)
        if let update = commit.metadataUpdates.first {
            guard let needed = state.metadata.capabilitiesToChange(to: update) else {
                throw PolicyViolation(.invalidUpdate, "a metadata update cannot change the room URI")
            }
            for capability in needed { try require(actorRole, capability, "update the room metadata") }
            next.metadata = update
        }
        return next
    }

    private func applyClientChanges(_ commit: CommitDescription, state: RoomState, newList: ParticipantListData,
                                    transitions: [Transition], actorRole: Role) throws(PolicyViolation) -> [RoomState.UserClients] {
        var clients = state.clients
        let removals = commit.removedClients.map { ($0, false) } + commit.selfRemovedClients.map { ($0, true) }
        var removedSoFar: [IdentifierURI] = []
        for (client, isSelfRemove) in removals {
            guard let user = state.user(ofClient: client), !removedSoFar.contains(client) else {
                throw PolicyViolation(.unknownClient(client), "client \(client) is not in the group (or is removed twice)")
            }
            removedSoFar.append(client)
            if isSelfRemove {
                let own = state.roles.role(state.participants.role(of: user))
                guard own?.has(.canRemoveOwnClient) == true || own?.has(.canRemoveSelf) == true else {
                    throw PolicyViolation(.missingCapability(.canRemoveOwnClient), "\(user) may not remove its own client \(client)")
                }
            } else if let t = transitions.first(where: { $0.user == user }), !(newList.role(of: user) != 0 && state.roles.role(t.to)?.mayHaveClients == true) {
                // Removed with its user, or with a ban: authorized by that transition.
            } else if user == commit.actor {
                try require(actorRole, .canRemoveOwnClient, "remove its own client \(client)")
            } else {
                try require(actorRole, .canKick, "remove client \(client) of \(user)")
            }
            if let i = clients.firstIndex(where: { $0.user == user }) { clients[i].clients.removeAll { $0 == client } }
        }
        for pending in commit.pendingSelfRemoves where !commit.selfRemovedClients.contains(pending) {
            throw PolicyViolation(.pendingSelfRemoveMissing(pending), "the pending SelfRemove of \(pending) is not included")
        }
        for added in commit.addedClients {
            let role = state.roles.role(newList.role(of: added.user))
            guard newList.role(of: added.user) != RoleData.noRole, let role, role.mayHaveClients,
                  !clients.contains(where: { $0.clients.contains(added.client) }) else {
                throw PolicyViolation(.clientNotAllowed(added.client),
                                      "client \(added.client) of \(added.user) cannot join: not a participant allowed to have clients, or already a member")
            }
            if transitions.contains(where: { $0.user == added.user && $0.from == RoleData.noRole }) {
                // Added with its user: authorized by the participant addition.
            } else if added.user == commit.actor {
                try require(role, .canAddOwnClient, "add its own client \(added.client)")
            } else {
                try require(actorRole, .canAddParticipant, "add client \(added.client) of \(added.user)")
            }
            if let i = clients.firstIndex(where: { $0.user == added.user }) {
                clients[i].clients.append(added.client)
            } else {
                clients.append(RoomState.UserClients(user: added.user, clients: [added.client]))
            }
        }
        return clients
    }

    private func checkLimits(before: RoomState, after: RoomState, transitions: [Transition]) throws(PolicyViolation) {
        for t in transitions where t.to == RoleData.noRole || after.roles.role(t.to)?.mayHaveClients != true {
            guard after.clients(of: t.user).isEmpty else {
                throw PolicyViolation(.removedUserHasClients(t.user), "\(t.user) is removed or banned but keeps clients in the group")
            }
        }
        if !after.base.multiDevice, let entry = after.clients.first(where: { $0.clients.count > 1 }) {
            throw PolicyViolation(.tooManyClients, "\(entry.user) has \(entry.clients.count) clients in a single-device room")
        }
        if let max = after.base.maxClients, after.clientCount > Int(max), after.clientCount > before.clientCount {
            throw PolicyViolation(.tooManyClients, "the group would have \(after.clientCount) clients; max_clients is \(max)")
        }
        if let max = after.base.maxUsers, after.nonBannedCount > Int(max), after.nonBannedCount > before.nonBannedCount {
            throw PolicyViolation(.tooManyUsers, "the room would have \(after.nonBannedCount) users; max_users is \(max)")
        }
        for role in after.roles.roles where role.index != RoleData.noRole {
            let (was, now) = (before.participantCount(role: role.index), after.participantCount(role: role.index))
            let (wasActive, nowActive) = (before.activeCount(role: role.index), after.activeCount(role: role.index))
            if (now < was && now < Int(role.minParticipants)) || (nowActive < wasActive && nowActive < Int(role.minActiveParticipants)) {
                throw PolicyViolation(.belowRoleMinimum(role: role.index), "role \(role.name) would fall below its minimum participants")
            }
            if let max = role.maxParticipants, now > was, now > Int(max) {
                throw PolicyViolation(.aboveRoleMaximum(role: role.index), "role \(role.name) would exceed its maximum of \(max) participants")
            }
            if let max = role.maxActiveParticipants, nowActive > wasActive, nowActive > Int(max) {
                throw PolicyViolation(.aboveRoleMaximum(role: role.index), "role \(role.name) would exceed its maximum of \(max) active participants")
            }
        }
    }
}
