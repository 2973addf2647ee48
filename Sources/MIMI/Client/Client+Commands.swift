import MLS
import MLSCrypto

extension Client {
    /// Runs a user command: queues it in its room and starts whatever can start.
    mutating func run(_ command: ClientCommand, now: Instant) {
        switch command {
        case .publishKeyPackages(let count):
            publishKeyPackages(count)
        case .createRoom(let room):
            createRoom(room)
        case .addUser(let room, let user): enqueue(.add([user], claimed: []), in: room, now: now)
        case .addUsers(let room, let users): enqueue(.add(users, claimed: []), in: room, now: now)
        case .removeUser(let room, let user): enqueue(.remove(user), in: room, now: now)
        case .leave(let room): enqueue(.leave, in: room, now: now)
        case .commit(let room): enqueue(.commit, in: room, now: now)
        case .joinExternally(let room): enqueue(.joinExternally, in: room, now: now)
        case .sendMessage(let room, let content):
            guard rooms[room]?.group != nil || rooms[room]?.intents.isEmpty == false else {
                events.push(.messageDropped(room: room, content: content))
                return
            }
            rooms[room]!.outgoing.append(ClientRoom.Outgoing(id: nextMessageID, content: content))
            nextMessageID += 1
            pump(room, now: now)
        }
    }

    mutating func enqueue(_ intent: ClientRoom.Intent, in room: IdentifierURI, now: Instant) {
        if case .joinExternally = intent {} else if rooms[room]?.group == nil {
            events.push(.handshakeDropped(room: room, reason: "not a member"))
            return
        }
        rooms[room, default: ClientRoom()].intents.append(intent)
        pump(room, now: now)
    }

    /// Makes and publishes `count` KeyPackages.
    mutating func publishKeyPackages(_ count: Int) {
        var packages: [KeyPackage] = []
        for _ in 0..<count {
            guard let bundle = try? KeyPackageBundle(crypto, identity: identity) else { continue }
            unusedKeyPackages.append(bundle)
            packages.append(bundle.keyPackage)
        }
        send(.publishKeyPackages, target: "", body: packages.encodedList(), pending: .publish)
    }

    /// Creates a one-member group whose participant list holds this client's user and whose `hub_franking_key` is
    /// its provider's (the room's hub), and asks the hub to host it.
    mutating func createRoom(_ room: IdentifierURI) {
        let outer = crypto.enter(role: CryptoRole.committer)
        defer { crypto.restore(outer) }
        do {
            guard let providerKey else {
                throw MIMIError(.invalidValue, "the provider's franking key is not known yet (publish KeyPackages first)")
            }
            let list = try ParticipantListData(participants: [UserRolePair(user: user, role: config.memberRole)])
            let group: Group
            do {
                group = try Group.create(crypto, groupID: room.bytes, identity: identity, config: RoomComponents.groupConfig(participantLists: config.participantLists),
                                         extensions: RoomExtensions.initial(list, hubKey: providerKey))
            } catch {
                throw MIMIError(.invalidMLS, "creating the group: \(error.message)", underlying: error)
            }
            let info: GroupInfo
            do { info = try group.groupInfo(includeTree: true) } catch { throw MIMIError(.invalidMLS, "GroupInfo", underlying: error) }
            var state = ClientRoom()
            state.group = group
            rooms[room] = state
            send(.createRoom, target: room.uri, body: info.encoded(), pending: .createRoom(room))
            events.push(.roomCreated(room: room, epoch: group.epoch))
        } catch {
            events.push(.failed(room: room, reason: "\(error)"))
        }
    }

    /// Starts the next handshake and sends the messages that can be sent.
    mutating func pump(_ room: IdentifierURI, now: Instant) {
        // Moved out (not copied), so that the group changes in place; pumping adds or removes no room.
        guard let index = roomIndex(room) else { return }
        var state = ClientRoom()
        swap(&state, &rooms.values[index])
        pump(&state, room: room, now: now)
        swap(&state, &rooms.values[index])
    }

    /// `pump(_:now:)` on a room's state moved out of `rooms` (the caller puts it back).
    mutating func pump(_ state: inout ClientRoom, room: IdentifierURI, now: Instant) {
        if let epoch = state.group?.epoch {
            for i in state.outgoing.indices where state.outgoing[i].requestID == nil && state.outgoing[i].frank == nil
                && epoch >= state.outgoing[i].waitEpoch {
                submit(&state, index: i, room: room)
            }
        }
        while !state.hasHandshakeInFlight, !state.preparing, let intent = state.intents.first {
            if case .joinExternally = intent {
                guard state.group == nil else { drop(&state, room, "already a member"); continue }
                if !state.subscribed {
                    state.subscribed = true
                    send(.subscribe, target: room.uri, body: [], pending: .subscribe(room))
                }
                requestGroupInfo(&state, room: room)
                return
            }
            guard let group = state.group, group.epoch >= state.waitEpoch else { return }
            if state.leaving { drop(&state, room, "the client is leaving"); continue }
            let list = (try? RoomExtensions.participantList(in: group.context.extensions)) ?? (try! ParticipantListData())
            switch intent {
            case .add(let targets, let claimed) where claimed.count < targets.count:
                let target = targets[claimed.count]
                guard list.role(of: target) == RoleData.noRole else {
                    if targets.count == 1 { drop(&state, room, "\(target) is already a participant"); continue }
                    state.intents[0] = .add(targets, claimed: claimed + [(target, [])])
                    continue
                }
                state.preparing = true
                send(.claimKeyMaterial, target: room.uri, body: target.encoded(), pending: .claim(room))
                return
            case .add(_, let claimed):
                let ready = claimed.filter { !$0.packages.isEmpty && list.role(of: $0.user) == RoleData.noRole }
                guard !ready.isEmpty else { drop(&state, room, "no user to add"); continue }
                sendCommit(&state, room: room, proposals: ready.flatMap { $0.packages.map { .add(AddProposal(keyPackage: $0)) } },
                           addUsers: ready.map(\.user), removeUsers: [])
            case .remove(let target):
                guard list.role(of: target) != RoleData.noRole, target != user else { drop(&state, room, "\(target) cannot be removed"); continue }
                let pendingSelf = Set(group.pendingProposals.compactMap { p -> LeafIndex? in
                    if case .selfRemove = p.proposal { return p.sender.memberLeaf } else { return nil } })
                let leaves = group.roster.filter { member in
                    MIMIURI.client(in: member.credential).flatMap(MIMIURI.user(ofClient:)) == target && !pendingSelf.contains(member.leaf)
                }.map(\.leaf)
                sendCommit(&state, room: room, proposals: leaves.map { .remove(RemoveProposal(removed: $0)) }, addUsers: [], removeUsers: [target])
            case .commit:
                sendCommit(&state, room: room, proposals: [], addUsers: [], removeUsers: [])
            case .leave:
                var g = group
                do {
                    let (message, _) = try g.propose(.selfRemove(SelfRemoveProposal()))
                    let bundle = try ProposalBundle(proposal: message)
                    state.group = g
                    state.inFlight = ClientRoom.InFlight(bytes: message.encoded(), effect: .nothing, isProposal: true)
                    send(.update, target: room.uri, body: UpdateRequest(bundle: .proposals(bundle)).encoded(), pending: .update(room))
                } catch {
                    drop(&state, room, "SelfRemove: \(error)")
                }
            case .joinExternally:
                return
            }
        }
    }

    /// Gives up the first intent.
    mutating func drop(_ state: inout ClientRoom, _ room: IdentifierURI, _ reason: String) {
        if !state.intents.isEmpty { state.intents.removeFirst() }
        state.waitEpoch = 0
        events.push(.handshakeDropped(room: room, reason: reason))
    }

    /// Builds and sends a commit of `proposals` and the pending proposals, with the participant-list change
    /// (`addUsers` appended, `removeUsers` and every user whose last client leaves by SelfRemove removed) as an
    /// AppDataUpdate proposal for `participant_list`, after the others; MLS computes the new list with it.
    mutating func sendCommit(_ state: inout ClientRoom, room: IdentifierURI, proposals: [Proposal], addUsers: [IdentifierURI],
                             removeUsers: [IdentifierURI]) {
        guard let group = state.group else { return }
        let outer = crypto.enter(role: CryptoRole.committer, job: CryptoRole.commitJob(room: room, epoch: group.epoch + 1))
        defer { crypto.restore(outer) }
        do {
            let list = try RoomExtensions.participantList(in: group.context.extensions)
            var leaving: Set<LeafIndex> = Set(proposals.compactMap { if case .remove(let r) = $0 { r.removed } else { nil } })
            for p in group.pendingProposals { if case .selfRemove = p.proposal, let leaf = p.sender.memberLeaf { leaving.insert(leaf) } }
            // Whether each user has a client that stays, from one pass over the roster (membership only: no order is used).
            var stays: [IdentifierURI: Bool] = [:]
            for member in group.roster {
                guard let user = MIMIURI.client(in: member.credential).flatMap(MIMIURI.user(ofClient:)) else { continue }
                stays[user] = (stays[user] ?? false) || !leaving.contains(member.leaf)
            }
            var removedIndices: [UInt32] = []
            for (index, pair) in list.participants.enumerated() {
                let allLeave = stays[pair.user] == false
                if removeUsers.contains(pair.user) || allLeave { removedIndices.append(UInt32(index)) }
            }
            let update = ParticipantListUpdate(removedIndices: removedIndices,
                                               addedParticipants: addUsers.map { UserRolePair(user: $0, role: config.memberRole) })
            var all = proposals
            if !removedIndices.isEmpty || !addUsers.isEmpty { all.append(.appDataUpdate(update.appDataUpdate)) }
            let output: CommitOutput
            do {
                output = try group.commit(CommitOptions(inlineTree: false, includePending: true, proposals: all, groupInfo: .withoutTree))
            } catch { throw MIMIError(.invalidMLS, "commit: \(error.message)", underlying: error) }
            guard let info = output.groupInfo else { throw MIMIError(.invalidMLS, "the commit returned no GroupInfo") }
            let bundle = try CommitBundle(commit: output.message, welcome: output.welcome, groupInfo: .full(info), ratchetTree: .distributionService)
            state.inFlight = ClientRoom.InFlight(bytes: output.message.encoded(), effect: .staged(output.staged), isProposal: false)
            send(.update, target: room.uri, body: UpdateRequest(bundle: .commit(bundle)).encoded(), pending: .update(room))
        } catch {
            drop(&state, room, "building the commit: \(error)")
        }
    }

    /// Asks the hub for the GroupInfo to join by external commit.
    mutating func requestGroupInfo(_ state: inout ClientRoom, room: IdentifierURI) {
        let outer = crypto.enter(role: CryptoRole.committer)
        defer { crypto.restore(outer) }
        do {
            let key: HPKEPrivateKey
            do { key = try crypto.generateHPKEKey() } catch { throw MIMIError(.crypto, "HPKE key", underlying: error) }
            var request = GroupInfoRequest(cipherSuite: CipherSuiteID(crypto.suite), requestingSignatureKey: identity.signer.publicKey.bytes,
                                           requestingCredential: identity.credential, groupInfoPublicKey: key.publicKey.bytes)
            try request.sign(with: identity.signer, crypto: crypto)
            state.preparing = true
            send(.groupInfo, target: room.uri, body: request.encoded(), pending: .groupInfo(room, key: key))
        } catch {
            drop(&state, room, "GroupInfo request: \(error)")
        }
    }

    /// Encrypts and submits message `index` in the current epoch, with its franking tag in the authenticated data.
    mutating func submit(_ state: inout ClientRoom, index: Int, room: IdentifierURI) {
        guard var group = state.group else { return }
        let content = state.outgoing[index].content
        do {
            let frankingKey = crypto.random.bytes(MessageAnnotation.tagSize)
            let annotation = try MessageAnnotation(frankingTag: crypto.mac(key: frankingKey, data: content))
            let message: MLSMessage
            do {
                message = try group.encrypt(FrankedContent(frankingKey: frankingKey, content: content).encoded(), authenticatedData: annotation.encoded())
            } catch { throw MIMIError(.invalidMLS, "encrypt", underlying: error) }
            let request = try SubmitMessageRequest(appMessage: message, sendingURI: uri)
            state.group = group
            state.outgoing[index].sent = message.encoded()
            state.outgoing[index].requestID = nextRequestID
            send(.submitMessage, target: room.uri, body: request.encoded(), pending: .submit(room, messageID: state.outgoing[index].id))
        } catch {
            events.push(.failed(room: room, reason: "sending a message: \(error)"))
        }
    }
}
