import MLS
import MLSCrypto

extension Client {
    /// Handles a response or push from the provider. Anything malformed is reported and changes nothing.
    mutating func receive(_ t: Transmit, now: Instant) {
        switch t.kind {
        case .response(let id, let status):
            guard let pending = requests.removeValue(forKey: id) else { return }
            handleResponse(pending, id: id, status: status, body: t.body, now: now)
        case .push(let target):
            handlePush(room: IdentifierURI(target), body: t.body, now: now)
        case .request:
            break  // clients serve no requests
        }
    }

    mutating func handleResponse(_ pending: PendingRequest, id: UInt64, status: ResponseStatus, body: [UInt8], now: Instant) {
        switch pending {
        case .publish:
            if status == .ok, let key = try? MIMIWire.decode(HubFrankingKey.self, from: body) { providerKey = key }
        case .unsubscribe, .subscribe:
            return
        case .createRoom(let room):
            guard status == .ok, case .success? = (try? MIMIWire.decode(UpdateRoomResponse.self, from: body))?.outcome else {
                rooms[room] = nil
                events.push(.failed(room: room, reason: "the hub refused the room (\(status))"))
                return
            }
        case .claim(let room):
            guard var state = rooms[room] else { return }
            state.preparing = false
            let packages: [KeyPackage]
            if status == .ok, let response = try? MIMIWire.decode(KeyMaterialResponse.self, from: body) {
                packages = response.clients.compactMap { if case .success(let kp) = $0.outcome { kp } else { nil } }
            } else {
                packages = []
            }
            if case .add(let targets, let claimed)? = state.intents.first, claimed.count < targets.count,
               !packages.isEmpty || targets.count > 1 {
                if packages.isEmpty { events.push(.failed(room: room, reason: "no key material for \(targets[claimed.count]) (\(status))")) }
                state.intents[0] = .add(targets, claimed: claimed + [(targets[claimed.count], packages)])
                rooms[room] = state
            } else {
                drop(&state, room, "no key material (\(status))")
                rooms[room] = state
            }
            pump(room, now: now)
        case .groupInfo(let room, let key):
            guard var state = rooms[room] else { return }
            state.preparing = false
            defer { pump(&state, room: room, now: now); rooms[room] = state }
            let outer = crypto.enter(role: CryptoRole.committer)
            defer { crypto.restore(outer) }
            do {
                guard status == .ok else { throw MIMIError(.forbidden, "GroupInfo refused (\(status))") }
                let response = try MIMIWire.decode(GroupInfoResponse.self, from: body)
                guard let grant = response.grant else { throw MIMIError(.forbidden, "GroupInfo: \(response.status)") }
                try response.verifySignature(crypto: crypto)
                let tbe = try GroupInfoRatchetTreeTBE.decrypt(grant.encryptedGroupInfoAndTree, with: key, roomID: room.bytes, crypto: crypto)
                guard case .full(let nodes) = tbe.ratchetTree else { throw MIMIError(.invalidValue, "no ratchet tree") }
                let job = crypto.enter(role: nil, job: CryptoRole.commitJob(room: room, epoch: tbe.groupInfo.groupContext.epoch + 1))
                defer { crypto.restore(job) }
                let joined: (group: Group, commit: MLSMessage)
                let info: GroupInfo
                do {
                    joined = try Group.joinExternally(crypto, groupInfo: tbe.groupInfo, identity: identity, ratchetTree: try RatchetTree(nodes),
                                                      config: RoomComponents.groupConfig(participantLists: config.participantLists))
                    info = try joined.group.groupInfo(includeTree: false)
                } catch { throw MIMIError(.invalidMLS, "external join: \(error.message)", underlying: error) }
                let bundle = try CommitBundle(commit: joined.commit, welcome: nil, groupInfo: .full(info), ratchetTree: .distributionService)
                state.inFlight = ClientRoom.InFlight(bytes: joined.commit.encoded(), effect: .tentative(joined.group), isProposal: false)
                send(.update, target: room.uri, body: UpdateRequest(bundle: .commit(bundle)).encoded(), pending: .update(room))
            } catch {
                drop(&state, room, "external join: \(error)")
            }
        case .update(let room):
            guard var state = rooms[room], var flight = state.inFlight else { return }
            defer { pump(&state, room: room, now: now); rooms[room] = state }
            guard status == .ok, let response = try? MIMIWire.decode(UpdateRoomResponse.self, from: body) else {
                state.inFlight = nil
                drop(&state, room, "update refused (\(status)): \(String(decoding: body, as: UTF8.self))")
                return
            }
            switch response.outcome {
            case .success:
                if flight.isProposal {
                    state.inFlight = nil
                    state.leaving = true
                    if !state.intents.isEmpty { state.intents.removeFirst() }
                    events.push(.leaveAccepted(room: room))
                } else {
                    flight.acknowledged = true
                    state.inFlight = flight
                }
            case .wrongEpoch(let epoch):
                state.inFlight = nil
                state.waitEpoch = epoch
                events.push(.handshakeRetried(room: room, currentEpoch: epoch))
            case .notAllowed, .invalidProposal:
                state.inFlight = nil
                drop(&state, room, "\(response.outcome.code): \(response.errorDescription)")
            }
            if state.inFlight == nil, case .joinExternally? = state.intents.first, state.group == nil, case .wrongEpoch = response.outcome {
                state.waitEpoch = 0
            }
        case .submit(let room, let messageID):
            guard var state = rooms[room], let i = state.outgoing.firstIndex(where: { $0.id == messageID }) else { return }
            defer { pump(&state, room: room, now: now); rooms[room] = state }
            state.outgoing[i].requestID = nil
            guard status == .ok, let response = try? MIMIWire.decode(SubmitMessageResponse.self, from: body) else {
                events.push(.messageDropped(room: room, content: state.outgoing[i].content))
                state.removeOutgoing(at: i)
                return
            }
            switch response.outcome {
            case .accepted(_, let frank):
                let serverFrank = frank?.serverFrank ?? []
                state.outgoing[i].frank = serverFrank
                events.push(.messageAccepted(room: room, serverFrank: serverFrank, content: state.outgoing[i].content))
                if state.outgoing[i].echoed {
                    events.push(.echoed(room: room, serverFrank: serverFrank))
                    state.removeOutgoing(at: i)
                }
            case .epochTooOld(let epoch):
                state.outgoing[i].sent = nil
                state.outgoing[i].waitEpoch = epoch
                events.push(.messageRetried(room: room, currentEpoch: epoch))
            case .notAllowed:
                events.push(.messageDropped(room: room, content: state.outgoing[i].content))
                state.removeOutgoing(at: i)
            }
        }
    }

    /// Handles one pushed fanout message of `room`.
    mutating func handlePush(room: IdentifierURI, body: [UInt8], now: Instant) {
        let generation: UInt64
        let push: DecodedPush
        do {
            var reader = WireReader(body)
            generation = try reader.readUInt64()
            // The members of a room receive the same fanout message after their own generation: it is decoded once for
            // those sharing the result cache, found by its last 16 bytes (a ciphertext's tag, for most) and compared whole.
            let encoded = body[reader.offset...]
            push = try crypto.shared("FanoutMessage", Array(encoded.suffix(16)), [], size: { $0.encoded.count + 16 },
                                     where: { sameBytes($0.encoded, encoded) }) { () throws(CodecError) in
                let message = try FanoutMessage(from: &reader)
                guard reader.isAtEnd else { throw CodecError(.invalidValue, at: reader.offset, "trailing bytes") }
                return DecodedPush(encoded: Array(encoded), message: message)
            }
        } catch {
            events.push(.failed(room: room, reason: "malformed push: \(error)"))
            return
        }
        // The shared push is read in place (copying its message would retain every field).
        if case .welcome(let welcome, let tree) = push.message.payload {
            joinByWelcome(welcome, tree: tree, room: room, generation: generation)
            pump(room, now: now)
            return
        }
        // The room is moved out while it is processed (an empty room stands in), so that its group is not
        // shared with the dictionary's copy and changes in place instead of copying its trees. It is looked up
        // once: no room is added or removed before it is put back, so its index stays valid.
        guard let index = roomIndex(room) else { return }
        var state = ClientRoom()
        swap(&state, &rooms.values[index])
        state.generation = generation
        defer { pump(&state, room: room, now: now); swap(&state, &rooms.values[index]) }
        switch push.message.payload {
        case .commit(let commit, _):
            processCommit(commit, state: &state, room: room)
        case .proposals(let bundle):
            guard var group = state.group else { return }
            for proposal in [bundle.proposal] + bundle.moreProposals {
                do { _ = try group.process(proposal) } catch {
                    events.push(.ignored(room: room, reason: "proposal: \(error.message)"))
                }
            }
            state.group = group
        case .application(let appMessage, let frank):
            processApplication(appMessage, frank: frank, timestamp: push.message.timestamp, state: &state, room: room, memo: push.memo)
        case .welcome:
            break
        }
    }

    /// A fanout message and the bytes it was decoded from, with the memo where the members that share it keep the
    /// work they repeat on it (checking its frank, reading its content and sender).
    final class DecodedPush {
        let encoded: [UInt8]
        let message: FanoutMessage
        let memo = SharedMemo()
        init(encoded: [UInt8], message: FanoutMessage) { self.encoded = encoded; self.message = message }
    }

    mutating func processCommit(_ commit: MLSMessage, state: inout ClientRoom, room: IdentifierURI) {
        let job: String? = if case .publicMessage(let pub) = commit.body { CryptoRole.commitJob(room: room, epoch: pub.content.epoch + 1) } else { nil }
        // Only a client with a handshake in flight can receive its own commit: the others skip re-encoding it.
        let own = state.hasHandshakeInFlight && state.inFlight?.bytes == commit.encoded()
        let outer = crypto.enter(role: own ? CryptoRole.committer : nil, job: job)
        defer { crypto.restore(outer) }
        if own, let flight = state.inFlight {
            // This client's own commit, in hub order: now it takes effect.
            switch flight.effect {
            case .tentative(let tentative):
                state.group = tentative
                events.push(.joined(room: room, epoch: tentative.epoch, external: true))
            case .staged(let staged):
                guard var group = state.group else { break }
                do { try group.merge(staged) } catch { events.push(.failed(room: room, reason: "merge: \(error.message)")) }
                state.group = group
                events.push(.ownCommitMerged(room: room, epoch: group.epoch))
            case .nothing:
                break
            }
            state.inFlight = nil
            if !state.intents.isEmpty { state.intents.removeFirst() }
            state.waitEpoch = 0
            return
        }
        guard var group = state.group, case .publicMessage(let pub) = commit.body, pub.content.epoch == group.epoch else {
            events.push(.ignored(room: room, reason: "a commit of an epoch this client is not in"))
            return
        }
        do {
            guard case .commit(let staged) = try group.process(commit) else { return }
            if staged.removesMe {
                leaveRoom(&state, room: room, epoch: staged.epoch)
                return
            }
            try group.merge(staged)
            state.group = group
            if var flight = state.inFlight, !flight.isProposal {
                flight.acknowledged = false
                state.inFlight = flight  // lost the race: the hub answers wrongEpoch
            }
            events.push(.epochChanged(room: room, epoch: group.epoch))
        } catch {
            events.push(.failed(room: room, reason: "commit: \(error.message)"))
        }
    }

    /// Ends membership: unsubscribes, drops queued work.
    mutating func leaveRoom(_ state: inout ClientRoom, room: IdentifierURI, epoch: UInt64) {
        var writer = WireWriter()
        writer.writeUInt64(state.generation)
        send(.unsubscribe, target: room.uri, body: writer.bytes, pending: .unsubscribe)
        for message in state.outgoing where message.frank == nil { events.push(.messageDropped(room: room, content: message.content)) }
        for _ in state.intents { events.push(.handshakeDropped(room: room, reason: "removed from the room")) }
        state = ClientRoom()
        events.push(.removed(room: room, epoch: epoch))
    }

    /// Delivers a fanned-out application message: the own message's echo, or another member's message once its
    /// hub frank verifies with the room's `hub_franking_key` (checked before decryption, so a bad frank changes nothing).
    mutating func processApplication(_ message: MLSMessage, frank: Frank?, timestamp: UInt64, state: inout ClientRoom, room: IdentifierURI,
                                     memo: SharedMemo?) {
        let serverFrank = frank?.serverFrank ?? []
        // Only a client with a message submitted can receive its echo: the others skip re-encoding the message.
        if state.outgoing.contains(where: { $0.sent != nil }), case let bytes = message.encoded(),
           let i = state.outgoing.firstIndex(where: { $0.sent == bytes }) {
            state.outgoing[i].echoed = true
            if state.outgoing[i].frank != nil {
                events.push(.echoed(room: room, serverFrank: serverFrank))
                state.removeOutgoing(at: i)
            }
            return
        }
        // The group changes in place (it is not copied) while the message is processed. An application message
        // either decrypts (and changes the group) or leaves it as it was; anything else keeps the group as it was
        // unless it decrypts to application data.
        guard case .privateMessage(let priv) = message.body, let epoch = state.group?.epoch, priv.epoch == epoch else {
            events.push(.ignored(room: room, reason: "a message of an epoch this client is not in"))
            return
        }
        let original: Group? = priv.contentType == .application ? nil : state.group
        var keep = original == nil
        defer { if !keep { state.group = original } }
        let frankingTag: [UInt8]
        do {
            frankingTag = try checkFrank(frank, of: priv, timestamp: timestamp, epoch: epoch, room: room, state: &state, memo: memo)
        } catch {
            events.push(.frankRejected(room: room, reason: error.message))
            return
        }
        do {
            // The authenticated data `process` returns is the PrivateMessage's, whose franking tag `checkFrank` read.
            guard case .application(let data, let sender, _) = try state.group!.process(message, memo: memo) else { return }
            keep = true
            // The content, its franking tag and the sender's URI are read once for the members sharing the push.
            let credential = state.group!.tree.credential(at: sender)
            let delivered = try crypto.shared("delivered content", in: memo, where: { (known: DeliveredContent) in
                sameBytes(known.data, data) && sameBytes(known.frankingTag, frankingTag) && known.credential == credential
            }) {
                let content = try MIMIWire.decode(FrankedContent.self, from: data)
                guard crypto.mac(key: content.frankingKey, data: content.content) == frankingTag else {
                    throw MIMIError(.crypto, "the franking tag does not match the content")
                }
                return DeliveredContent(data: data, frankingTag: frankingTag, credential: credential, content: content.content,
                                        sender: credential.flatMap { MIMIURI.client(in: $0) } ?? IdentifierURI(""))
            }
            events.push(.delivered(room: room, serverFrank: serverFrank, sender: delivered.sender, content: delivered.content))
        } catch {
            events.push(.failed(room: room, reason: "message: \(error)"))
        }
    }

    /// A delivered message's content and sender's client URI, read from its application data (checked against its
    /// franking tag) and the sender's credential.
    final class DeliveredContent {
        let data: [UInt8]
        let frankingTag: [UInt8]
        let credential: Credential?
        let content: [UInt8]
        let sender: IdentifierURI
        init(data: [UInt8], frankingTag: [UInt8], credential: Credential?, content: [UInt8], sender: IdentifierURI) {
            self.data = data; self.frankingTag = frankingTag; self.credential = credential; self.content = content; self.sender = sender
        }
    }

    /// The hub's frank of a fanned-out message verifies with the room's hub key over the message's franking tag;
    /// returns the franking tag. The key (from the extensions of `state`'s group, in `epoch`) comes from the room's `hubKey` memo;
    /// the check is made once for the members sharing the push's `memo` with the same key.
    func checkFrank(_ frank: Frank?, of message: PrivateMessage, timestamp: UInt64, epoch: UInt64, room: IdentifierURI,
                    state: inout ClientRoom, memo: SharedMemo?) throws(MIMIError) -> [UInt8] {
        guard let frank else { throw MIMIError(.crypto, "the fan-out carries no frank") }
        let key: HubFrankingKey
        if let known = state.hubKey.key(of: epoch) { key = known } else {
            key = try state.hubKey.key(in: state.group!.context.extensions, epoch: epoch)
        }
        return try crypto.shared("frank check", in: memo, where: { (known: CheckedFrank) in
            known.key.cipherSuite == key.cipherSuite && sameBytes(known.key.signatureKey, key.signatureKey) && known.room == room
        }) {
            () throws(MIMIError) in
            let annotation = try MIMIWire.decode(MessageAnnotation.self, from: message.authenticatedData)
            try state.hubKey.verify(frank, with: key, room: room, frankingTag: annotation.frankingTag, timestamp: timestamp, crypto: crypto)
            return CheckedFrank(key: key, room: room, frankingTag: annotation.frankingTag)
        }.frankingTag
    }

    /// A push's frank, checked with `key` for `room`, and the franking tag it covers.
    final class CheckedFrank {
        let key: HubFrankingKey
        let room: IdentifierURI
        let frankingTag: [UInt8]
        init(key: HubFrankingKey, room: IdentifierURI, frankingTag: [UInt8]) { self.key = key; self.room = room; self.frankingTag = frankingTag }
    }

    /// Joins a room from a Welcome addressed to one of this client's KeyPackages, with the hub's tree.
    mutating func joinByWelcome(_ welcome: Welcome, tree: RatchetTreeOption, room: IdentifierURI, generation: UInt64) {
        guard let index = unusedKeyPackages.firstIndex(where: { welcome.secrets(for: $0.reference) != nil }) else {
            events.push(.ignored(room: room, reason: "a Welcome for no KeyPackage of this client"))
            return
        }
        do {
            guard case .full(let nodes) = tree else { throw MIMIError(.invalidValue, "the Welcome came without the tree") }
            let group: Group
            do {
                group = try Group.join(crypto, welcome: welcome, keyPackage: unusedKeyPackages[index], ratchetTree: try RatchetTree(nodes),
                                       config: RoomComponents.groupConfig(participantLists: config.participantLists))
            }
            catch { throw MIMIError(.invalidMLS, "join: \(error.message)", underlying: error) }
            unusedKeyPackages.remove(at: index)
            var state = rooms[room] ?? ClientRoom()
            state.group = group
            state.generation = generation
            rooms[room] = state
            events.push(.joined(room: room, epoch: group.epoch, external: false))
            publishKeyPackages(1)
        } catch {
            events.push(.failed(room: room, reason: "Welcome: \(error)"))
        }
    }
}
