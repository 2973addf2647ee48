import MLS
import MLSCrypto

extension Provider {
    /// Serves update, submitMessage or groupInfo for a room hosted here, answering `replyTo`'s request `replyID`.
    mutating func serveAtHub(_ endpoint: MIMIEndpoint, room: IdentifierURI, body: [UInt8], replyTo: NodeAddress, replyID: UInt64,
                             now: Instant) throws(MIMIError) {
        let outer = crypto.enter(role: CryptoRole.hub)
        defer { crypto.restore(outer) }
        switch endpoint {
        case .update:
            let request = try MIMIWire.decode(UpdateRequest.self, from: body)
            let response = try update(room, request.bundle, now: now)
            respond(replyTo, id: replyID, body: response.encoded())
        case .submitMessage:
            let request = try MIMIWire.decode(SubmitMessageRequest.self, from: body)
            let response = try submitMessage(room, request, bytes: body.count, now: now)
            respond(replyTo, id: replyID, body: response.encoded())
        case .groupInfo:
            let request = try MIMIWire.decode(GroupInfoRequest.self, from: body)
            let response = try groupInfo(room, request)
            respond(replyTo, id: replyID, body: response.encoded())
        default:
            throw MIMIError(.invalidValue, "\(endpoint.rawValue) is not served at the hub")
        }
    }

    /// Handles a commit or proposal bundle for a hosted room. Answers (success, wrongEpoch, notAllowed,
    /// invalidProposal) are returned; a malformed or MLS-invalid bundle throws and changes nothing.
    mutating func update(_ room: IdentifierURI, _ bundle: HandshakeBundle, now: Instant) throws(MIMIError) -> UpdateRoomResponse {
        var hub = try hubRoom(room)
        let time = Self.timestamp(now)
        let job = crypto.enter(role: nil, job: CryptoRole.commitJob(room: room, epoch: hub.epoch + 1))
        defer { crypto.restore(job) }
        switch bundle {
        case .commit(let commit):
            switch try hub.checkCommit(commit) {
            case .rejected(let reason, let text):
                let committer = Self.claimedSender(of: commit.commit, in: hub.observer)
                events.push(.commitRejected(room: room, committer: committer, reason: reason))
                return UpdateRoomResponse(Self.outcome(reason), errorDescription: text)
            case .accepted(let accepted):
                let before = hub.state
                try hub.apply(accepted)
                let fanout = try FanoutMessage(timestamp: time, payload: .commit(commit.commit, externalProposals: []))
                enqueue(fanout, in: &hub, to: HubRoom.domains([before, accepted.state]), now: now)
                if let welcome = commit.welcome {
                    let tree: RatchetTreeNodes
                    do { tree = try hub.observer.tree.ratchetTreeNodes() } catch { throw MIMIError(.invalidMLS, "tree", underlying: error) }
                    let welcomeFanout = try FanoutMessage(timestamp: time, payload: .welcome(welcome, ratchetTree: .full(tree)))
                    let domains = accepted.added.compactMap { MIMIURI.domain(of: $0) }
                    enqueue(welcomeFanout, in: &hub, to: Array(Set(domains)).sorted(), now: now)
                }
                hubRooms[room] = hub
                events.push(.commitAccepted(room: room, epoch: hub.epoch, committer: accepted.committer, bytes: commit.commit.encoded().count,
                                            external: accepted.observed.isExternal, added: accepted.added, removed: accepted.removed))
                flushQueues(room, now: now)
                return UpdateRoomResponse(.success(acceptedTimestamp: time))
            }
        case .proposals(let proposals):
            switch try hub.checkProposals(proposals) {
            case .rejected(let reason, let text):
                events.push(.proposalRejected(room: room, proposer: Self.claimedSender(of: proposals.proposal, in: hub.observer), reason: reason))
                return UpdateRoomResponse(Self.outcome(reason), errorDescription: text)
            case .accepted(let accepted):
                try hub.applyProposals(accepted, messages: [proposals.proposal] + proposals.moreProposals, at: time)
                let fanout = try FanoutMessage(timestamp: time, payload: .proposals(proposals))
                enqueue(fanout, in: &hub, to: hub.domains, now: now)
                hubRooms[room] = hub
                for (_, client) in accepted { events.push(.proposalAccepted(room: room, epoch: hub.epoch, proposer: client)) }
                flushQueues(room, now: now)
                return UpdateRoomResponse(.success(acceptedTimestamp: time))
            }
        }
    }

    /// The client a handshake claims to come from (its sender leaf's, or an external committer's, credential).
    static func claimedSender(of message: MLSMessage, in observer: GroupObserver) -> IdentifierURI? {
        guard case .publicMessage(let pub) = message.body else { return nil }
        switch pub.content.sender {
        case .member(let leaf): return observer.credential(at: leaf).flatMap(MIMIURI.client(in:))
        case .newMemberCommit:
            guard case .commit(let commit) = pub.content.body, let path = commit.path else { return nil }
            return MIMIURI.client(in: path.leafNode.credential)
        default: return nil
        }
    }

    /// The wire outcome of a rejection.
    static func outcome(_ reason: HandshakeRejection) -> UpdateRoomResponse.Outcome {
        switch reason {
        case .wrongEpoch(let epoch): .wrongEpoch(currentEpoch: epoch)
        case .notAllowed: .notAllowed
        case .invalidProposal: .invalidProposal([])
        }
    }

    /// Franks and fans out an application message of a hosted room.
    mutating func submitMessage(_ room: IdentifierURI, _ request: SubmitMessageRequest, bytes: Int, now: Instant) throws(MIMIError) -> SubmitMessageResponse {
        var hub = try hubRoom(room)
        switch try hub.checkMessage(request) {
        case .rejected(let reason, _):
            if case .wrongEpoch(let epoch) = reason {
                events.push(.messageRejected(room: room, sender: request.sendingURI, currentEpoch: epoch))
                return SubmitMessageResponse(.epochTooOld(currentEpoch: epoch))
            }
            events.push(.messageRejected(room: room, sender: request.sendingURI, currentEpoch: nil))
            return SubmitMessageResponse(.notAllowed)
        case .accepted(let frankingTag):
            let time = Self.timestamp(now)
            let frank = try Franking.frank(room: room, frankingTag: frankingTag, timestamp: time, key: signer, crypto: crypto)
            let fanout = try FanoutMessage(timestamp: time, payload: .application(request.appMessage, frank: frank))
            enqueue(fanout, in: &hub, to: hub.domains, now: now)
            hubRooms[room] = hub
            events.push(.messageAccepted(room: room, serverFrank: frank.serverFrank, epoch: hub.epoch, sender: request.sendingURI,
                                         bytes: bytes, recipients: hub.clients))
            flushQueues(room, now: now)
            return SubmitMessageResponse(.accepted(acceptedTimestamp: time, frank: frank))
        }
    }

    /// Serves the GroupInfo and tree of a hosted room to a client of an existing participant (a new device),
    /// encrypted to the requester's key and signed by the hub.
    mutating func groupInfo(_ room: IdentifierURI, _ request: GroupInfoRequest) throws(MIMIError) -> GroupInfoResponse {
        let hub = try hubRoom(room)
        try request.verifySignature(crypto: crypto)
        guard request.cipherSuite == hub.observer.context.cipherSuite else { throw MIMIError(.invalidValue, "GroupInfoRequest for another cipher suite") }
        guard let client = MIMIURI.client(in: request.requestingCredential), let user = MIMIURI.user(ofClient: client),
              hub.state.participants.role(of: user) != RoleData.noRole else {
            return try GroupInfoResponse(roomID: room.bytes, failure: .notAuthorized)
        }
        let tree: RatchetTreeNodes
        do { tree = try hub.observer.tree.ratchetTreeNodes() } catch { throw MIMIError(.invalidMLS, "tree", underlying: error) }
        let pending = hub.pending.map { PendingProposal(proposal: $0.message, hubAcceptedTime: $0.acceptedAt) }
        let tbe = GroupInfoRatchetTreeTBE(groupInfo: hub.groupInfo, ratchetTree: .full(tree), pendingProposals: pending)
        let sealed = try tbe.encrypt(to: request.groupInfoPublicKey, roomID: room.bytes, crypto: crypto)
        let sender = ExternalSender(signatureKey: signer.publicKey.bytes, credential: .basic(identity: Array(domain.utf8)))
        var response = GroupInfoResponse(roomID: room.bytes, grant: GroupInfoGrant(cipherSuite: request.cipherSuite, hubSender: sender,
                                                                                   encryptedGroupInfoAndTree: sealed))
        try response.sign(with: signer, crypto: crypto)
        return response
    }
}
