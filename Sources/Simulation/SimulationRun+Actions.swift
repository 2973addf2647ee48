import MIMI
import Metrics
import Playback
import Scenario
import Simulator

/// The simulator's side of the shared workload logic (`WorkloadDriver`): virtual time, nodes by host.
extension SimulationRun: WorkloadDriver {
    package var clockNanos: Int64 { net.now.nanoseconds }
    package var trafficStartNanos: Int64 { trafficStart.nanoseconds }
    package var faultsExpected: Bool { !topology.faults.isEmpty }

    /// The clients of `room` as its hub knows them (sorted).
    package func hubClients(_ room: IdentifierURI) -> [IdentifierURI] {
        guard let hub = MIMIURI.domain(of: room), let host = hostOf[.provider(hub)], let p = providers[Int(host.index)] else { return [] }
        return p.clients(ofHostedRoom: room) ?? []
    }

    /// The epoch and epoch authenticator of `client`'s group of `room`.
    package func groupSummary(client: IdentifierURI, room: IdentifierURI) -> (epoch: UInt64, authenticator: [UInt8])? {
        guard let host = hostOf[.client(client)], let c = clients[Int(host.index)], let g = c.group(of: room) else { return nil }
        return (g.epoch, g.epochAuthenticator)
    }

    /// Whether `client` has a group of `room` (without copying the group out).
    package func isMember(client: IdentifierURI, room: IdentifierURI) -> Bool {
        guard let host = hostOf[.client(client)] else { return false }
        // In place (inout): reading an optional element from the class's array property copies the whole client.
        return Self.isMember(&clients[Int(host.index)], room)
    }

    static func isMember(_ client: inout Client?, _ room: IdentifierURI) -> Bool { client?.isMemberInPlace(of: room) ?? false }

    /// The hub's clients of `room` that are members, as the default `members` finds them, with each client's host
    /// looked up once per change of the hub's client list (`memberHosts`) and each host's membership read from
    /// `membership` (kept up to date after every client input) instead of from every client per action.
    package func members(_ room: IdentifierURI) -> [IdentifierURI] {
        let known = hubClients(room)
        if memberHosts[room]?.clients != known {  // the same array storage compares equal at once
            memberHosts[room] = (known, known.map { hostOf[.client($0)].map { Int($0.index) } })
        }
        let hosts = memberHosts[room]!.hosts
        let r = membershipIndex(of: room)
        var members: [IdentifierURI] = []
        for (k, client) in known.enumerated() {
            guard let host = hosts[k] ?? hostOf[.client(client)].map({ Int($0.index) }) else { continue }
            if membership.isMember[r][host] { members.append(client) }
        }
        return members
    }

    /// The index of `room` in `membership`, tracking it (reading every client once) when it is new.
    func membershipIndex(of room: IdentifierURI) -> Int {
        if let r = membership.rooms.firstIndex(of: room) { return r }
        membership.rooms.append(room)
        membership.isMember.append(clients.indices.map { Self.isMember(&clients[$0], room) })
        return membership.rooms.count - 1
    }

    /// Reads again whether the client at host `i` is a member of each tracked room (after it handled an input: only
    /// its own inputs change its memberships).
    func updateMembership(of i: Int) {
        for r in membership.rooms.indices {
            let member = Self.isMember(&clients[i], membership.rooms[r])
            if membership.isMember[r][i] != member { membership.isMember[r][i] = member }
        }
    }

    /// Schedules every action at the start of the traffic phase plus its offset.
    func scheduleActions() {
        for (i, a) in actions.enumerated() {
            net.engine.schedule(at: trafficStart + SimDuration(nanoseconds: a.t_ns), kind: .user(0), actor: ActorID(rawValue: 0), payload: UInt64(i))
        }
    }
}
