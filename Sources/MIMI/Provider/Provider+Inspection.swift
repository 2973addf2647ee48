import MLS

/// A read-only summary of a room a provider hosts, for drivers, metrics and end-of-run checks.
public struct HostedRoom: Hashable, Sendable {
    /// The room.
    public let room: IdentifierURI
    /// The MLS epoch the hub is at.
    public let epoch: UInt64
    /// The participant list.
    public let participants: ParticipantListData
    /// The room's clients, sorted.
    public let clients: [IdentifierURI]
    /// Clients whose SelfRemove is pending.
    public let pendingSelfRemoves: [IdentifierURI]
}

extension Provider {
    /// The rooms this provider hosts, sorted by URI.
    public var hostedRooms: [HostedRoom] {
        hubRooms.keys.sorted().compactMap { room in
            hubRooms[room].map { hub in
                HostedRoom(room: room, epoch: hub.epoch, participants: hub.state.participants,
                           clients: hub.clients, pendingSelfRemoves: hub.pending.map(\.client))
            }
        }
    }

    /// The clients of one room this provider hosts, sorted (the `clients` of its `hostedRooms` entry), or nil
    /// when it hosts no such room. For drivers that ask per action: it summarizes no other room.
    public func clients(ofHostedRoom room: IdentifierURI) -> [IdentifierURI]? {
        hubRooms[room]?.clients
    }

    /// A canonical encoding of all protocol state (not the output queues): two providers with equal
    /// fingerprints are in the same state. Tests compare it before and after a refused input.
    public func stateFingerprint() -> [UInt8] {
        var w = WireWriter()
        w.writeUInt64(nextRequestID)
        w.writeUInt64(nextGeneration)
        for room in hubRooms.keys.sorted() {
            guard let hub = hubRooms[room] else { continue }
            room.encode(to: &w)
            hub.observer.context.encode(to: &w)
            w.writeOpaque((try? hub.observer.tree.encoded()) ?? [])
            w.writeOpaque(hub.observer.confirmationTag)
            for p in hub.observer.pendingProposals { p.reference.encode(to: &w) }
            hub.state.participants.encode(to: &w)
            for entry in hub.state.clients { entry.user.encode(to: &w); w.writeArray(entry.clients) }
            hub.groupInfo.encode(to: &w)
            for p in hub.pending { p.client.encode(to: &w); p.message.encode(to: &w); w.writeUInt64(p.acceptedAt) }
            for q in hub.queues {
                w.writeOpaque(Array(q.domain.utf8))
                w.writeOpaque(FanoutMessage.encodeConcatenated(q.waiting))
                if let f = q.inFlight { w.writeUInt64(f.requestID); w.writeOpaque(f.body); w.writeUInt64(UInt64(f.attempts)); w.writeUInt64(f.deadline.nanoseconds) }
            }
        }
        for room in subscriptions.keys.sorted() {
            room.encode(to: &w)
            for e in subscriptions[room]?.entries ?? [] { e.client.encode(to: &w); w.writeUInt64(e.generation) }
            for body in subscriptions[room]?.recentNotifies ?? [] { w.writeOpaque(body) }
        }
        for client in keyPackages.keys.sorted() { client.encode(to: &w); w.writeArray(keyPackages[client] ?? []) }
        for (ref, owner) in keyPackageOwners.sorted(by: { $0.key.bytes.lexicographicallyPrecedes($1.key.bytes) }) {
            ref.encode(to: &w); owner.encode(to: &w)
        }
        for id in awaiting.keys.sorted() {
            w.writeUInt64(id)
            switch awaiting[id]! {
            case .forward(let to, let replyID): w.writeOpaque(Array(to.description.utf8)); w.writeUInt64(replyID)
            case .notify(let room, let domain): room.encode(to: &w); w.writeOpaque(Array(domain.utf8))
            }
        }
        return w.bytes
    }
}
