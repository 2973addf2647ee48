extension HubPolicy {
    /// One user's move in a commit: from one role to another (0: not in the list).
    struct Transition: Hashable {
        let user: IdentifierURI
        let from: UInt32
        let to: UInt32
    }

    /// Applies the participant-list updates in order, returning the new list and one transition per user touched.
    func applyParticipantUpdates(_ commit: CommitDescription, to list: ParticipantListData,
                                 fixedMembership: Bool) throws(PolicyViolation) -> (ParticipantListData, [Transition]) {
        var current = list
        var transitions: [Transition] = []
        for update in commit.participantListUpdates {
            if fixedMembership && (!update.addedParticipants.isEmpty || !update.removedIndices.isEmpty) {
                throw PolicyViolation(.fixedMembership, "users cannot be added to or removed from a fixed-membership room")
            }
            var step: [Transition] = []
            for change in update.changedRoles where Int(change.userIndex) < current.participants.count {
                let pair = current.participants[Int(change.userIndex)]
                step.append(Transition(user: pair.user, from: pair.role, to: change.role))
            }
            for index in update.removedIndices where Int(index) < current.participants.count {
                let pair = current.participants[Int(index)]
                step.append(Transition(user: pair.user, from: pair.role, to: RoleData.noRole))
            }
            for added in update.addedParticipants { step.append(Transition(user: added.user, from: RoleData.noRole, to: added.role)) }
            do {
                current = try current.applying(update)
            } catch {
                throw PolicyViolation(.invalidUpdate, "participant list update: \(error.message)")
            }
            for transition in step {
                guard !transitions.contains(where: { $0.user == transition.user }) else {
                    throw PolicyViolation(.invalidUpdate, "user \(transition.user) is changed more than once in one commit")
                }
                transitions.append(transition)
            }
        }
        return (current, transitions)
    }

    /// Authorizes one transition for the committer (role `actorRole`), per draft-ietf-mimi-room-policy-03 §6.
    func authorize(_ t: Transition, actor: IdentifierURI, actorRole: Role, state: RoomState,
                   commit: CommitDescription) throws(PolicyViolation) {
        let roles = state.roles
        if t.to != RoleData.noRole, roles.role(t.to) == nil {
            throw PolicyViolation(.undefinedRole(t.to), "role \(t.to) is not defined")
        }
        if t.from == RoleData.noRole {
            if t.user == actor {
                // Joining by external commit: role 0 must hold canOpenJoin and allow 0 -> target.
                let zero = roles.role(RoleData.noRole)!
                try require(zero, .canOpenJoin, "join the room")
                try requireChange(zero, from: 0, to: t.to)
            } else {
                try require(actorRole, .canAddParticipant, "add \(t.user)")
                try requireChange(actorRole, from: 0, to: t.to)
            }
        } else if t.to == RoleData.noRole {
            let leaving = state.clients(of: t.user)
            let leftBySelfRemove = !leaving.isEmpty && leaving.allSatisfy(commit.selfRemovedClients.contains)
            if t.user != actor, leftBySelfRemove, let own = roles.role(t.from), own.has(.canRemoveSelf), own.authorizes(from: t.from, to: 0) {
                return
            }
            guard t.user != actor else {
                throw PolicyViolation(.missingCapability(.canRemoveSelf), "a committer cannot remove itself; it leaves by SelfRemove")
            }
            try require(actorRole, .canRemoveParticipant, "remove \(t.user)")
            try requireChange(actorRole, from: t.from, to: 0)
        } else if t.user == actor {
            try require(actorRole, .canChangeOwnRole, "change its own role")
        } else if t.to == RoleData.bannedRole || t.from == RoleData.bannedRole {
            guard roles.hasBannedRole else { throw PolicyViolation(.undefinedRole(1), "role 1 must exist and be named \"banned\"") }
            try require(actorRole, t.to == RoleData.bannedRole ? .canBan : .canUnban, "ban or unban \(t.user)")
            try requireChange(actorRole, from: t.from, to: t.to)
        } else {
            try require(actorRole, .canChangeUserRole, "change the role of \(t.user)")
            try requireChange(actorRole, from: t.from, to: t.to)
        }
    }

    func require(_ role: Role, _ capability: Capability, _ action: String) throws(PolicyViolation) {
        guard role.has(capability) else {
            throw PolicyViolation(.missingCapability(capability), "role \(role.name) lacks \(capability) to \(action)")
        }
    }

    func requireChange(_ role: Role, from: UInt32, to: UInt32) throws(PolicyViolation) {
        guard role.authorizes(from: from, to: to) else {
            throw PolicyViolation(.roleChangeNotAuthorized(from: from, to: to),
                                  "role \(role.name) is not authorized to move a user from role \(from) to role \(to)")
        }
    }
}
