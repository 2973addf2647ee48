import MIMI
import Scenario
import Simulator

extension SimulationRun {
    /// The clients of `room` as its hub knows them (sorted).
    func hubClients(_ room: IdentifierURI) -> [IdentifierURI] {
        guard let hub = MIMIURI.domain(of: room), let host = hostOf[.provider(hub)], case .provider(let p)? = nodes[Int(host.index)] else { return [] }
        return p.hostedRooms.first { $0.room == room }?.clients ?? []
    }

    /// Clients that hold a live group of `room`, sorted.
    func members(_ room: IdentifierURI) -> [IdentifierURI] {
        hubClients(room).filter { uri in
            guard let host = hostOf[.client(uri)], case .client(let c)? = nodes[Int(host.index)] else { return false }
            return c.group(of: room) != nil
        }
    }

    /// Creates every client (initial users and spares) and publishes its KeyPackages.
    func setUpClients() throws {
        for room in plan.rooms {
            var creators: [IdentifierURI] = []
            for user in room.users + room.spares {
                for device in 0..<room.clientsPerUser {
                    let client = try addClient(user: user, keyPackages: 2)
                    if device == 0 && creators.isEmpty { creators.append(client) }
                }
            }
            roomCreators.append(creators[0])
        }
    }

    /// Creates every room (once the KeyPackages are published).
    func createRooms() {
        for (i, room) in plan.rooms.enumerated() { command(roomCreators[i], .createRoom(room.uri)) }
    }

    /// Adds each room's initial users (once the hub knows the room) in one commit.
    func addInitialUsers() {
        for (i, room) in plan.rooms.enumerated() where room.users.count > 1 {
            command(roomCreators[i], .addUsers(room: room.uri, users: Array(room.users.dropFirst())))
        }
    }

    /// Every room holds exactly its planned initial users.
    func checkSetUp() {
        for room in plan.rooms {
            let have = Set(hubUsers(room.uri)), want = Set(room.users)
            if have != want {
                let missing = want.subtracting(have).map(\.uri).sorted().joined(separator: ", ")
                errors.append("setup of \(room.uri.uri): \(have.count) of \(want.count) users joined (missing \(missing))")
            }
        }
    }

    /// Schedules every action at the start of the traffic phase plus its offset.
    func scheduleActions() {
        for (i, a) in actions.enumerated() {
            net.engine.schedule(at: trafficStart + SimDuration(nanoseconds: a.t_ns), kind: .user(0), actor: ActorID(rawValue: 0), payload: UInt64(i))
        }
    }

    /// Executes one workload action on the current membership.
    func perform(_ a: TraceAction) {
        guard a.room < plan.rooms.count else { return }
        let room = plan.rooms[a.room]
        let members = self.members(room.uri)
        guard !members.isEmpty else { return }
        let actor = members[Int(a.pick % UInt64(members.count))]
        let now = net.now.nanoseconds
        switch a.kind {
        case .message:
            tracker.messagesSent += 1
            let id = UInt64(tracker.messagesSent)
            tracker.messageStart[id] = now
            var body = (0..<8).map { UInt8(truncatingIfNeeded: id >> (56 - 8 * UInt64($0))) }
            body += [UInt8](repeating: 0x61, count: max(0, a.size - 8))
            command(actor, .sendMessage(room: room.uri, content: body))
        case .update:
            tracker.commitStarted(room: room.uri, client: actor, at: now)
            command(actor, .commit(room: room.uri))
        case .add:
            let added = Set(hubUsers(room.uri))
            guard let spare = room.spares.first(where: { !added.contains($0) && !spareUsed.contains($0) }) else { return }
            spareUsed.insert(spare)
            tracker.commitStarted(room: room.uri, client: actor, at: now)
            command(actor, .addUser(room: room.uri, user: spare))
        case .remove:
            let users = hubUsers(room.uri).filter { $0 != MIMIURI.user(ofClient: actor) }
            guard !users.isEmpty, users.count > 1 else { return }
            let victim = users[Int((a.pick >> 32) % UInt64(users.count))]
            tracker.commitStarted(room: room.uri, client: actor, at: now)
            command(actor, .removeUser(room: room.uri, user: victim))
        case .leave:
            guard members.count > 2 else { return }
            command(actor, .leave(room: room.uri))
            // The SelfRemove rides on the next commit of another member: make one.
            let other = members[Int((a.pick >> 32) % UInt64(members.count))]
            if other != actor {
                tracker.commitStarted(room: room.uri, client: other, at: now)
                command(other, .commit(room: room.uri))
            }
        case .newDevice:
            guard let user = MIMIURI.user(ofClient: actor), let client = try? addClient(user: user, keyPackages: 0) else { return }
            tracker.commitStarted(room: room.uri, client: client, at: now)
            command(client, .joinExternally(room: room.uri))
        }
    }

    /// Users with at least one client in `room` (from the hub), sorted.
    func hubUsers(_ room: IdentifierURI) -> [IdentifierURI] {
        Array(Set(hubClients(room).compactMap { MIMIURI.user(ofClient: $0) })).sorted()
    }
}
