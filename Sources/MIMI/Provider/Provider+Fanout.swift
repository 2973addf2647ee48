import MLS
import MLSCrypto

extension Provider {
    /// Serves a MIMI endpoint for another provider. Throws (and changes nothing) for a bad request.
    mutating func handlePeerRequest(_ endpoint: MIMIEndpoint, from peer: String, id: UInt64, target: String, body: [UInt8],
                                    now: Instant) throws(MIMIError) {
        let reply = NodeAddress.provider(peer)
        switch endpoint {
        case .keyMaterial:
            let request = try MIMIWire.decode(KeyMaterialRequest.self, from: body)
            guard request.targetUser.uri == target else { throw MIMIError(.invalidValue, "the URL's target user is not the request's") }
            try request.verifySignature(crypto: crypto)
            let hub = try hubDomain(of: request.roomID)
            if hub == domain {
                try keyMaterialAtHub(request, replyTo: reply, replyID: id, now: now)
            } else {
                guard peer == hub else { throw MIMIError(.forbidden, "key material for \(request.roomID) is claimed through its hub, \(hub)") }
                guard MIMIURI.domain(of: request.targetUser) == domain else { throw MIMIError(.unknownTarget, "\(request.targetUser) is not a user here") }
                respond(reply, id: id, body: try claimKeyMaterial(request).encoded())
            }
        case .update, .submitMessage, .groupInfo:
            let room = IdentifierURI(target)
            guard try hubDomain(of: room) == domain else { throw MIMIError(.unknownTarget, "\(room) is not hosted here") }
            try serveAtHub(endpoint, room: room, body: body, replyTo: reply, replyID: id, now: now)
        case .notify:
            let room = IdentifierURI(target)
            guard try hubDomain(of: room) == peer else { throw MIMIError(.forbidden, "only \(room)'s hub may notify for it") }
            if subscriptions[room]?.isRepeat(body) == true {
                events.push(.duplicateDropped(room: room, from: peer))
                respond(reply, id: id, body: [])
                return
            }
            let messages = try FanoutMessage.decodeConcatenated(body)
            guard !messages.isEmpty else { throw MIMIError(.invalidValue, "an empty notify") }
            subscriptions[room, default: RoomSubscriptions()].remember(body)
            for message in messages { deliverLocally(message, room: room) }
            respond(reply, id: id, body: [])
        default:
            throw MIMIError(.unknownTarget, "endpoint \(endpoint.rawValue) is not implemented")
        }
    }

    /// Handles the response to a request this provider sent: a forwarded answer goes back to its requester;
    /// a notify acknowledgment frees the queue for its next batch. Unknown or repeated responses are ignored.
    mutating func handleResponse(id: UInt64, status: ResponseStatus, body: [UInt8], from: NodeAddress, now: Instant) {
        guard let waiting = awaiting[id] else { return }
        switch waiting {
        case .forward(let replyTo, let replyID):
            awaiting[id] = nil
            respond(replyTo, id: replyID, status: status, body: body)
        case .notify(let room, let domain):
            guard from == .provider(domain), var hub = hubRooms[room],
                  let i = hub.queues.firstIndex(where: { $0.domain == domain }), hub.queues[i].inFlight?.requestID == id else { return }
            awaiting[id] = nil
            hub.queues[i].inFlight = nil
            hubRooms[room] = hub
            events.push(.fanoutAcknowledged(room: room, to: domain))
            flushQueues(room, now: now)
        }
    }

    /// Queues a fan-out message for each domain; this provider's own clients get it at once.
    mutating func enqueue(_ message: FanoutMessage, in hub: inout HubRoom, to domains: [String], now: Instant) {
        for d in domains {
            if d == domain {
                deliverLocally(message, room: hub.room)
            } else {
                hub.queues[hub.queueIndex(for: d)].waiting.append(message)
            }
        }
    }

    /// Starts the next notify of every idle queue of `room`.
    mutating func flushQueues(_ room: IdentifierURI, now: Instant) {
        guard var hub = hubRooms[room] else { return }
        for i in hub.queues.indices {
            guard let flight = hub.queues[i].startNext(requestID: nextRequestID, now: now, initial: config.retryInitialNanoseconds) else { continue }
            nextRequestID += 1
            let to = hub.queues[i].domain
            awaiting[flight.requestID] = .notify(room: room, domain: to)
            send(Transmit(from: .provider(domain), to: .provider(to), kind: .request(id: flight.requestID, route: .mimi(.notify), target: room.uri),
                          body: flight.body))
            events.push(.fanoutSent(room: room, to: to, messages: flight.count, bytes: flight.body.count, attempt: 1))
        }
        hubRooms[room] = hub
    }

    /// Pushes a fan-out message to this provider's clients: a Welcome to the clients whose KeyPackages it
    /// names (subscribing them), anything else to every subscribed client of the room.
    mutating func deliverLocally(_ message: FanoutMessage, room: IdentifierURI) {
        let encoded = message.encoded()
        if case .welcome(let welcome, _) = message.payload {
            var recipients: [IdentifierURI] = []
            for secrets in welcome.secrets {
                guard let owner = keyPackageOwners[secrets.newMember] else { continue }
                keyPackageOwners[secrets.newMember] = nil
                if !recipients.contains(owner) { recipients.append(owner) }
            }
            for client in recipients.sorted() {
                let generation = nextGeneration
                nextGeneration += 1
                subscriptions[room, default: RoomSubscriptions()].subscribe(client, generation: generation)
                push(encoded, generation: generation, to: client, room: room)
                events.push(.welcomeRouted(room: room, client: client))
            }
            return
        }
        for entry in subscriptions[room]?.entries ?? [] {
            push(encoded, generation: entry.generation, to: entry.client, room: room)
        }
    }

    /// Sends one push: `uint64 generation` followed by the encoded fanout message.
    mutating func push(_ encoded: [UInt8], generation: UInt64, to client: IdentifierURI, room: IdentifierURI) {
        var writer = WireWriter(capacity: 8 + encoded.count)
        writer.writeUInt64(generation)
        writer.writeBytes(encoded)
        send(Transmit(from: .provider(domain), to: .client(client), kind: .push(target: room.uri), body: writer.bytes))
    }
}
