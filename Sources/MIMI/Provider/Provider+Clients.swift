import MLS
import MLSCrypto

extension Provider {
    /// Serves one request of a local client. Requests for rooms hosted elsewhere are forwarded to the hub,
    /// whose answer goes back to the client unchanged. Throws (and changes nothing) for a bad request.
    mutating func handleClientRequest(_ endpoint: ClientEndpoint, from client: IdentifierURI, id: UInt64, target: String,
                                      body: [UInt8], now: Instant) throws(MIMIError) {
        let reply = NodeAddress.client(client)
        switch endpoint {
        case .publishKeyPackages:
            let packages: [KeyPackage]
            do { packages = try [KeyPackage].decodeList(body) } catch { throw MIMIError(error, context: "publishKeyPackages") }
            for kp in packages {
                guard MIMIURI.client(in: kp.leafNode.credential) == client else {
                    throw MIMIError(.forbidden, "a client may publish only KeyPackages with its own credential")
                }
                do { try kp.verifySignature(crypto: crypto) } catch { throw MIMIError(.crypto, "KeyPackage signature does not verify", underlying: error) }
            }
            for kp in packages {
                keyPackages[client, default: []].append(kp)
                keyPackageOwners[KeyPackageRef(kp, crypto: crypto)] = client
            }
            respond(reply, id: id, body: frankingKey.encoded())
        case .createRoom:
            try createRoom(IdentifierURI(target), creator: client, body: body, now: now)
            respond(reply, id: id, body: UpdateRoomResponse(.success(acceptedTimestamp: Self.timestamp(now))).encoded())
        case .claimKeyMaterial:
            let room = IdentifierURI(target)
            let hub = try hubDomain(of: room)
            let targetUser = try MIMIWire.decode(IdentifierURI.self, from: body)
            guard let requester = MIMIURI.user(ofClient: client) else { throw MIMIError(.invalidValue, "\(client) is not a client URI") }
            guard MIMIURI.domain(of: targetUser) != nil else { throw MIMIError(.invalidValue, "\(targetUser) is not a user URI") }
            var request = try KeyMaterialRequest(requestingUser: requester, targetUser: targetUser, roomID: room,
                                                 acceptableCipherSuites: [CipherSuiteID(crypto.suite)],
                                                 requiredCapabilities: RoomExtensions.required,
                                                 requesterSignatureKey: signer.publicKey.bytes,
                                                 requesterCredential: .basic(identity: Array(domain.utf8)))
            try request.sign(with: signer, crypto: crypto)
            if hub == domain {
                try keyMaterialAtHub(request, replyTo: reply, replyID: id, now: now)
            } else {
                self.request(to: hub, route: .mimi(.keyMaterial), target: targetUser.uri, body: request.encoded(),
                             awaiting: .forward(replyTo: reply, replyID: id))
            }
        case .update, .submitMessage, .groupInfo:
            let room = IdentifierURI(target)
            let hub = try hubDomain(of: room)
            let mimi: MIMIEndpoint = endpoint == .update ? .update : endpoint == .submitMessage ? .submitMessage : .groupInfo
            if hub == domain {
                try serveAtHub(mimi, room: room, body: body, replyTo: reply, replyID: id, now: now)
            } else {
                // Decode before forwarding, so a malformed request is refused here and never reaches the hub.
                switch mimi {
                case .update: _ = try MIMIWire.decode(UpdateRequest.self, from: body)
                case .submitMessage: _ = try MIMIWire.decode(SubmitMessageRequest.self, from: body)
                default: _ = try MIMIWire.decode(GroupInfoRequest.self, from: body)
                }
                request(to: hub, route: .mimi(mimi), target: room.uri, body: body, awaiting: .forward(replyTo: reply, replyID: id))
            }
        case .subscribe:
            let room = IdentifierURI(target)
            _ = try hubDomain(of: room)
            guard body.isEmpty else { throw MIMIError(.invalidValue, "subscribe takes an empty body") }
            let generation = nextGeneration
            nextGeneration += 1
            subscriptions[room, default: RoomSubscriptions()].subscribe(client, generation: generation)
            var writer = WireWriter()
            writer.writeUInt64(generation)
            respond(reply, id: id, body: writer.bytes)
        case .unsubscribe:
            let room = IdentifierURI(target)
            var reader = WireReader(body)
            let generation: UInt64
            do throws(CodecError) {
                generation = try reader.readUInt64()
                guard reader.isAtEnd else { throw CodecError(.invalidValue, at: 8, "trailing bytes") }
            } catch { throw MIMIError(error, context: "unsubscribe") }
            _ = subscriptions[room]?.unsubscribe(client, generation: generation)
            respond(reply, id: id, body: [])
        }
    }

    /// Creates a room hosted here from its creator's GroupInfo (with the ratchet tree): the group must hold
    /// exactly the creator, its participant list exactly the creator's user with a role that may have clients,
    /// and its `hub_franking_key` this provider's franking key.
    mutating func createRoom(_ room: IdentifierURI, creator: IdentifierURI, body: [UInt8], now: Instant) throws(MIMIError) {
        let outer = crypto.enter(role: CryptoRole.hub)
        defer { crypto.restore(outer) }
        guard try hubDomain(of: room) == domain else { throw MIMIError(.forbidden, "a room is created at its hub, \(room)'s domain") }
        guard hubRooms[room] == nil else { throw MIMIError(.forbidden, "room \(room) exists") }
        let info = try MIMIWire.decode(GroupInfo.self, from: body)
        guard info.groupContext.groupID == room.bytes else { throw MIMIError(.invalidValue, "the group id must be the room URI's bytes") }
        let observer: GroupObserver
        do { observer = try GroupObserver(crypto, groupInfo: info, config: RoomComponents.groupConfig(participantLists: config.participantLists)) } catch {
            throw MIMIError(.invalidMLS, "the GroupInfo is not valid: \(error.message)", underlying: error)
        }
        let roster = observer.roster
        guard roster.count == 1, MIMIURI.client(in: roster[0].credential) == creator, let user = MIMIURI.user(ofClient: creator) else {
            throw MIMIError(.invalidValue, "a new room's group holds exactly its creator")
        }
        let list = try RoomExtensions.participantList(in: info.groupContext.extensions)
        guard list.participants.count == 1, list.participants[0].user == user,
              config.roles.role(list.participants[0].role)?.mayHaveClients == true else {
            throw MIMIError(.invalidPolicy, "a new room's participant list holds exactly its creator, with a role that may have clients")
        }
        guard try RoomExtensions.hubFrankingKey(in: info.groupContext.extensions) == frankingKey else {
            throw MIMIError(.invalidPolicy, "the room's hub_franking_key is not this hub's franking key")
        }
        let metadata = try RoomExtensions.metadata(in: info.groupContext.extensions) ?? RoomMetadata(roomURI: room)
        guard metadata.roomURI == room else { throw MIMIError(.invalidPolicy, "the room metadata names another room") }
        var info0 = info
        info0.extensions.remove(.ratchetTree)
        let state = try RoomState(roles: config.roles, base: config.base, participants: list,
                                  clients: [RoomState.UserClients(user: user, clients: [creator])], metadata: metadata)
        hubRooms[room] = HubRoom(room: room, observer: observer, state: state, groupInfo: info0)
        let generation = nextGeneration
        nextGeneration += 1
        subscriptions[room, default: RoomSubscriptions()].subscribe(creator, generation: generation)
        events.push(.roomCreated(room: room, creator: creator, epoch: observer.epoch))
    }

    /// Serves a KeyMaterialRequest at the room's hub: the requester must be a participant; the request goes on
    /// to the target user's provider (or is served here when that is this provider).
    mutating func keyMaterialAtHub(_ request: KeyMaterialRequest, replyTo: NodeAddress, replyID: UInt64, now: Instant) throws(MIMIError) {
        let outer = crypto.enter(role: CryptoRole.hub)
        defer { crypto.restore(outer) }
        let hub = try hubRoom(request.roomID)
        guard hub.state.participants.role(of: request.requestingUser) != RoleData.noRole else {
            throw MIMIError(.forbidden, "\(request.requestingUser) is not a participant of \(request.roomID)")
        }
        guard let targetDomain = MIMIURI.domain(of: request.targetUser) else { throw MIMIError(.invalidValue, "bad target user") }
        if targetDomain == domain {
            let response = try claimKeyMaterial(request)
            respond(replyTo, id: replyID, body: response.encoded())
        } else {
            self.request(to: targetDomain, route: .mimi(.keyMaterial), target: request.targetUser.uri, body: request.encoded(),
                         awaiting: .forward(replyTo: replyTo, replyID: replyID))
        }
    }

    /// Claims one KeyPackage of each local client of the target user.
    mutating func claimKeyMaterial(_ request: KeyMaterialRequest) throws(MIMIError) -> KeyMaterialResponse {
        guard request.acceptableCipherSuites.contains(CipherSuiteID(crypto.suite)) else {
            return try KeyMaterialResponse(userStatus: .incompatibleProtocol, userURI: request.targetUser)
        }
        let clients = keyPackages.keys.filter { MIMIURI.user(ofClient: $0) == request.targetUser }.sorted()
        guard !clients.isEmpty else { return try KeyMaterialResponse(userStatus: .userUnknown, userURI: request.targetUser) }
        var entries: [ClientKeyMaterial] = []
        for client in clients {
            if let kp = keyPackages[client]?.first {
                keyPackages[client]?.removeFirst()
                entries.append(ClientKeyMaterial(clientURI: client, outcome: .success(kp)))
            } else {
                entries.append(ClientKeyMaterial(clientURI: client, outcome: .keyMaterialExhausted))
            }
        }
        let successes = entries.filter { $0.outcome.code == .success }.count
        let status: KeyMaterialUserCode = successes == entries.count ? .success : successes == 0 ? .noCompatibleMaterial : .partialSuccess
        let listed = status == .noCompatibleMaterial ? entries.filter { $0.outcome.code != .keyMaterialExhausted } : entries
        events.push(.keyMaterialClaimed(user: request.targetUser, clients: entries.filter { $0.outcome.code == .success }.map(\.clientURI)))
        return try KeyMaterialResponse(userStatus: status, userURI: request.targetUser, clients: listed)
    }
}

extension Array where Element == KeyPackage {
    /// Decodes `KeyPackage key_packages<V>` filling `bytes` exactly.
    static func decodeList(_ bytes: [UInt8]) throws(CodecError) -> [KeyPackage] {
        var reader = WireReader(bytes)
        let list: [KeyPackage] = try reader.readArray()
        guard reader.isAtEnd else { throw CodecError(.invalidValue, at: reader.offset, "trailing bytes after the KeyPackage list") }
        return list
    }

    /// Encodes `KeyPackage key_packages<V>`.
    func encodedList() -> [UInt8] {
        var writer = WireWriter()
        writer.writeArray(self)
        return writer.bytes
    }
}
