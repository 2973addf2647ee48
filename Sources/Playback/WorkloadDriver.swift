import MIMI
import Metrics
import Scenario

/// What a driver of MIMI nodes offers the workload logic both drivers share: the simulator (virtual time and
/// links, `SimulationRun`) and the live mode (sockets and the wall clock). The extension plays workload actions
/// on the current membership, sets up rooms, and runs the end-of-run checks of DESIGN.md, so the two modes
/// mean the same thing by every action and every check.
///
/// Live drivers call these members from one serial context (a lock or an actor); none of them blocks.
package protocol WorkloadDriver: AnyObject {
    /// The rooms, their users and spare users.
    var plan: RoomPlan { get }
    /// The metric bookkeeping of the run.
    var tracker: RunTracker { get set }
    /// The recorder every metric goes to.
    var metrics: MetricsRecorder { get set }
    /// Problems the end-of-run check `driver_errors` reports.
    var errors: [String] { get set }
    /// Spare users already added by an `add` action.
    var spareUsed: Set<IdentifierURI> { get set }
    /// The client that creates each room (a client of the room's hub), by room index.
    var roomCreators: [IdentifierURI] { get set }
    /// The run's clock in nanoseconds (virtual, or monotonic wall time since the run started).
    var clockNanos: Int64 { get }
    /// When the traffic phase started, on the same clock.
    var trafficStartNanos: Int64 { get }
    /// True when the topology injects faults (messages may then be lost for good).
    var faultsExpected: Bool { get }
    /// The clients of `room` as its hub knows them, sorted.
    func hubClients(_ room: IdentifierURI) -> [IdentifierURI]
    /// The epoch and epoch authenticator of `client`'s group of `room`, if it has one.
    func groupSummary(client: IdentifierURI, room: IdentifierURI) -> (epoch: UInt64, authenticator: [UInt8])?
    /// Whether `client` has a group of `room` (`groupSummary` is not nil), asked once per client per action.
    func isMember(client: IdentifierURI, room: IdentifierURI) -> Bool
    /// The clients of `hubClients(room)` that are members (`isMember`), in that order: asked once per action.
    func members(_ room: IdentifierURI) -> [IdentifierURI]
    /// Creates a client device of `user` and has it publish `keyPackages` KeyPackages.
    func addClient(user: IdentifierURI, keyPackages: Int) throws -> IdentifierURI
    /// Gives `command` to `client` (in order with its other inputs).
    func command(_ client: IdentifierURI, _ command: ClientCommand)
}

extension WorkloadDriver {
    /// By default, from `groupSummary`.
    package func isMember(client: IdentifierURI, room: IdentifierURI) -> Bool { groupSummary(client: client, room: room) != nil }

    /// By default, `hubClients` filtered by `isMember`: clients that hold a live group of `room`, sorted.
    package func members(_ room: IdentifierURI) -> [IdentifierURI] {
        hubClients(room).filter { isMember(client: $0, room: room) }
    }

    /// Users with at least one client in `room` (from the hub), sorted.
    package func hubUsers(_ room: IdentifierURI) -> [IdentifierURI] {
        Array(Set(hubClients(room).compactMap { MIMIURI.user(ofClient: $0) })).sorted()
    }

    /// Creates every client (initial users and spares) and publishes its KeyPackages.
    package func setUpClients() throws {
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
    package func createRooms() {
        for (i, room) in plan.rooms.enumerated() { command(roomCreators[i], .createRoom(room.uri)) }
    }

    /// Adds each room's initial users (once the hub knows the room) in one commit.
    package func addInitialUsers() {
        for (i, room) in plan.rooms.enumerated() where room.users.count > 1 {
            command(roomCreators[i], .addUsers(room: room.uri, users: Array(room.users.dropFirst())))
        }
    }

    /// Every room holds exactly its planned initial users; a shortfall is a driver error.
    package func checkSetUp() {
        for room in plan.rooms {
            let have = Set(hubUsers(room.uri)), want = Set(room.users)
            if have != want {
                let missing = want.subtracting(have).map(\.uri).sorted().joined(separator: ", ")
                errors.append("setup of \(room.uri.uri): \(have.count) of \(want.count) users joined (missing \(missing))")
            }
        }
    }

    /// Executes one workload action on the current membership.
    package func perform(_ a: TraceAction) {
        guard a.room < plan.rooms.count else { return }
        let room = plan.rooms[a.room]
        let members = self.members(room.uri)
        guard !members.isEmpty else { return }
        let actor = members[Int(a.pick % UInt64(members.count))]
        let now = clockNanos
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

    /// Records crypto calls and CPU time per (role, primitive): rows of the same pair are summed, and the
    /// recorder gets them in the order of their `role|primitive` names (as both drivers always gave them).
    package func recordCrypto(_ rows: [(role: String, primitive: String, count: UInt64, nanos: UInt64)]) throws {
        for t in Self.summed(rows) { try metrics.recordCrypto(primitive: t.primitive, role: t.role, count: t.count, cpuNanoseconds: t.nanos) }
    }

    /// Records, for each commit accepted while counting, the crypto each role spent on it: `jobRows` are the
    /// meters' job rows (job, role, primitive, calls, virtual CPU nanoseconds), summed as `recordCrypto` sums;
    /// a job is a commit's by `CryptoRole.commitJob`.
    package func recordCommitCrypto(_ jobRows: [(job: String, role: String, primitive: String, count: UInt64, nanos: UInt64)]) throws {
        var byJob: [String: [(role: String, primitive: String, count: UInt64, nanos: UInt64)]] = [:]
        for row in jobRows { byJob[row.job, default: []].append((row.role, row.primitive, row.count, row.nanos)) }
        for commit in tracker.acceptedCommits {
            let rows = Self.summed(byJob[CryptoRole.commitJob(room: commit.room, epoch: commit.epoch)] ?? [])
            try metrics.recordCommitCrypto(rows.map { ($0.primitive, $0.role, $0.count, $0.nanos) })
        }
    }

    /// Rows with a count, those of the same (role, primitive) added, in the order of their `role|primitive` names.
    static func summed(_ rows: [(role: String, primitive: String, count: UInt64, nanos: UInt64)])
        -> [(role: String, primitive: String, count: UInt64, nanos: UInt64)] {
        var totals: [String: (role: String, primitive: String, count: UInt64, nanos: UInt64)] = [:]
        for row in rows where row.count > 0 {
            let old = totals["\(row.role)|\(row.primitive)"]
            totals["\(row.role)|\(row.primitive)"] = (row.role, row.primitive, (old?.count ?? 0) + row.count, (old?.nanos ?? 0) + row.nanos)
        }
        return totals.keys.sorted().map { totals[$0]! }
    }

    /// The end-of-run checks of DESIGN.md: convergence, exactly-once delivery (recording `message.lost`),
    /// and the driver's own errors.
    package func endChecks() throws -> [String: CheckResult] {
        var checks: [String: CheckResult] = [:]
        checks["convergence"] = convergenceCheck()
        let (delivery, lost) = deliveryCheck()
        checks["exactly_once_delivery"] = delivery
        try metrics.increment("message.lost", by: UInt64(lost))
        checks["driver_errors"] = CheckResult(passed: errors.isEmpty, detail: errors.isEmpty ? "none" : errors.prefix(5).joined(separator: "; "))
        return checks
    }

    /// Every member of every room agrees with the others on the epoch and the epoch authenticator.
    package func convergenceCheck() -> CheckResult {
        var problems: [String] = []
        for room in plan.rooms {
            var authenticators: Set<[UInt8]> = []
            var epochs: Set<UInt64> = []
            var missing = 0
            for uri in hubClients(room.uri) {
                guard let g = groupSummary(client: uri, room: room.uri) else { missing += 1; continue }
                authenticators.insert(g.authenticator)
                epochs.insert(g.epoch)
            }
            if authenticators.count > 1 || epochs.count > 1 || missing > 0 {
                problems.append("\(room.uri.uri): \(epochs.count) epochs, \(authenticators.count) authenticators, \(missing) clients without the group")
            }
        }
        return CheckResult(passed: problems.isEmpty,
                           detail: problems.isEmpty ? "\(plan.rooms.count) rooms: every member agrees on epoch and epoch authenticator" : problems.joined(separator: "; "))
    }

    /// Every accepted message reached each recipient the hub named exactly once. Returns the check and the
    /// number of (message, recipient) pairs never delivered.
    package func deliveryCheck() -> (CheckResult, Int) {
        let (duplicates, extra, missing) = tracker.deliveryCounts()
        let passed = duplicates == 0 && extra == 0 && (missing == 0 || faultsExpected)
        let detail = "\(tracker.acceptedOrder.count) messages accepted; \(duplicates) duplicate deliveries, \(extra) to non-recipients, \(missing) never delivered" + (missing > 0 && faultsExpected ? " (the topology has faults)" : "")
        return (CheckResult(passed: passed, detail: detail), missing)
    }
}
