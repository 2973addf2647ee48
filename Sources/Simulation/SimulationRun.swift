import Foundation
import MIMI
import MLS
import MLSCrypto
import Metrics
import Playback
import Scenario
import Simulator

/// One simulated run: providers and clients (the sans-IO MIMI state machines, with real MLS) on the virtual
/// network of a topology, driven by a workload's actions, measured by a `MetricsRecorder`.
///
/// Each input a node handles runs at once (so every byte is real), and its outputs leave only after a CPU job
/// on the node's host whose cost is the crypto the handling did (calibrated table, measured CPU time, or
/// free). A node's later inputs queue behind its earlier jobs (FIFO per core).
public final class SimulationRun: EventHandler {
    /// What runs on a host. The state machines themselves live in `providers` and `clients` (indexed by host)
    /// and are mutated in place there, so handling an input never copies a node's state (a copy would make
    /// every array and dictionary inside it, down to each member's secret tree, copy itself on first write).
    enum NodeKind {
        case none, provider, client
    }

    /// Outputs of one handling, released when its CPU job completes.
    struct Batch {
        let host: HostID
        var transmits: [Transmit]
        var providerEvents: [ProviderEvent]
        var clientEvents: [ClientEvent]
    }

    let topology: Topology
    let workload: Workload
    let options: SimulationOptions
    let federation: Federation
    let net: VirtualNetwork
    let meter: OperationMeter
    let verificationCache = VerificationCache()
    let resultCache = ResultCache()
    let sharedDerivations = SharedDerivations()
    let parsedKeys = ParsedKeyMemo(capacity: 1 << 16)
    /// Participant-list results every node's groups reuse (each member applies the same commit).
    let participantLists = ParticipantListMemo()
    let suite: CipherSuite
    package let plan: RoomPlan
    let actions: [TraceAction]
    package var metrics: MetricsRecorder
    package var tracker: RunTracker

    var kinds: [NodeKind] = []
    var providers: [Provider?] = []
    var clients: [Client?] = []
    var actorNames: [String] = []
    /// Each host's meter actor (its crypto counters, read before and after every input).
    var meterActors: [MeterActor?] = []
    var hostOf: [NodeAddress: HostID] = [:]
    var timers: [TimerHandle?] = []
    var timerDeadline: [Simulator.Instant?] = []
    /// Transmits on the network, by the tag their message carries.
    var inFlight = SlotTable<Transmit>()
    /// Outputs waiting for their CPU job, by the tag the job carries.
    var batches = SlotTable<Batch>()
    var deviceCounter: [IdentifierURI: Int] = [:]
    /// When the traffic phase starts (after setup), in virtual time.
    var trafficStart = Simulator.Instant.zero
    var phase = "setup"
    /// Every primitive, in declaration order (`Primitive.allCases` builds a new array on each use).
    let primitives = Primitive.allCases
    /// The calibrated cost of one call of each primitive (`options.costTable` for the suite), by raw value.
    let unitCost: [UInt64]
    /// Per room, the tree and group context the first member to reach the newest epoch had (see `shareTree`).
    var sharedTrees: [IdentifierURI: (epoch: UInt64, tree: RatchetTree, context: GroupContext)] = [:]
    /// Per room, the hub's client list `members` last saw and each client's host index (nil when unknown).
    var memberHosts: [IdentifierURI: (clients: [IdentifierURI], hosts: [Int?])] = [:]
    /// The rooms `members` was asked about and, per room, whether each host's client is a member of it (by host index).
    var membership: (rooms: [IdentifierURI], isMember: [[Bool]]) = ([], [])
    /// Scratch readings of the meter before an input (`readMeter`), reused by every input.
    var before = [UInt64](repeating: 0, count: 2 * Primitive.allCases.count)
    /// Deliveries handled ahead of their turn, on worker threads (see `SimulationRun+Lookahead.swift`).
    var ahead = Lookahead()
    package var errors: [String] = []
    /// The client that creates each room (a client of the room's hub).
    package var roomCreators: [IdentifierURI] = []
    /// Spare users already added by an `add` action.
    package var spareUsed: Set<IdentifierURI> = []

    /// Builds the federation, the providers, the initial users' clients and the action list.
    public init(topology: Topology, workload: Workload, options: SimulationOptions) throws {
        self.topology = topology
        self.workload = workload
        self.options = options
        suite = try CipherSuite(id: workload.cipherSuite)
        unitCost = Primitive.allCases.map { [suite, options] in options.costTable.nanos($0, suite: suite.id) }
        federation = try Federation(topology: topology, seed: workload.seed)
        net = federation.network
        meter = OperationMeter(timing: options.cryptoTime == .measured)
        actions = options.actions ?? ActionGenerator.actions(for: workload)
        plan = RoomPlan(workload: workload, actions: actions)
        metrics = try MetricsRecorder()
        tracker = RunTracker()
        for (i, p) in topology.providers.enumerated() {
            let name = "provider/\(p.domain)"
            var config = ProviderConfig(domain: p.domain)
            config.participantLists = participantLists
            let provider = try Provider(config: config, crypto: crypto(name, role: CryptoRole.follower))
            let host = federation.providerHosts[i]
            register(.provider, address: .provider(p.domain), host: host, actor: name)
            providers[Int(host.index)] = provider
        }
    }

    /// The actions this run plays (generated from the workload, or the replayed trace).
    public var plannedActions: [TraceAction] { actions }

    /// A node's crypto context: its meter actor (with `role` as its base role) and seeded randomness.
    func crypto(_ name: String, role: String) -> CryptoContext {
        var c = CryptoContext(suite: suite, actor: meter.actor(name, role: role), random: SeededRandom(seed: workload.seed, stream: name))
        // Repeated verifications of the same bytes run OpenSSL once (still counted and charged per member);
        // not in `measured` mode, whose CPU figures must include every verification.
        // The same for decryptions and MACs, and for secret-tree keys (the members of a group read one shared tree per epoch).
        if options.cryptoTime != .measured && options.shareWork {
            c.verificationCache = verificationCache
            c.resultCache = resultCache
            c.sharedDerivations = sharedDerivations
        }
        c.keys = parsedKeys
        return c
    }

    func register(_ kind: NodeKind, address: NodeAddress, host: HostID, actor: String) {
        let i = Int(host.index)
        while kinds.count <= i {
            kinds.append(.none); providers.append(nil); clients.append(nil); actorNames.append(""); meterActors.append(nil)
            for r in membership.isMember.indices { membership.isMember[r].append(false) }
            timers.append(nil); timerDeadline.append(nil); ahead.addHost()
        }
        kinds[i] = kind
        actorNames[i] = actor
        meterActors[i] = meter.actor(actor)
        hostOf[address] = host
    }

    /// Adds a client device (its host and state machine) and publishes `keyPackages` KeyPackages.
    @discardableResult
    package func addClient(user: IdentifierURI, keyPackages: Int) throws -> IdentifierURI {
        guard let domain = MIMIURI.domain(of: user) else { throw MIMIError(.invalidValue, "bad user \(user)") }
        let name = String(user.uri.split(separator: "/").last ?? "")
        let device = (deviceCounter[user] ?? 0) + 1
        deviceCounter[user] = device
        let uri = MIMIURI.client(user: name, device: device, domain: domain)
        let host = try federation.addClient(uri.uri, of: domain)
        let actor = "client/\(uri.uri)"
        var config = ClientConfig()
        config.participantLists = participantLists
        let client = try Client(uri: uri, crypto: crypto(actor, role: CryptoRole.member), config: config)
        register(.client, address: .client(uri), host: host, actor: actor)
        clients[Int(host.index)] = client
        if keyPackages > 0 { command(uri, .publishKeyPackages(count: keyPackages)) }
        return uri
    }

    // MARK: handling inputs

    /// Runs `provider` or `client` (whichever the host runs) on the node at `host`, in place, charges its
    /// crypto as a CPU job, and queues its outputs behind it. A client's delivery of `message` may already have
    /// been handled ahead of time (`prepareAhead`): then its outputs and cost are taken from there.
    func handle(_ host: HostID, message: MessageID? = nil, provider: (inout Provider) -> Void, client: (inout Client) -> Void) {
        let i = Int(host.index)
        guard kinds[i] != .none, let actor = meterActors[i] else { return }
        let batch: Batch, cost: UInt64, timeout: MIMI.Instant?
        if let early = ahead.takePrepared(host: i) {
            // The node may since have handled later deliveries: the timeout is the one it had after this one.
            (batch, cost, timeout) = (early.batch, early.cost, early.timeout)
            if early.message != message {
                errors.append("lookahead: \(actorNames[i]) got another input before the delivery it handled ahead (a simulator bug)")
            }
        } else if kinds[i] == .provider {
            readMeter(actor, into: &before)
            provider(&providers[i]!)
            batch = Self.outputs(of: &providers[i]!, host: host)
            cost = charge(actor, since: before)
            timeout = Self.nextTimeout(&providers[i])
        } else {
            readMeter(actor, into: &before)
            client(&clients[i]!)
            batch = Self.outputs(of: &clients[i]!, host: host)
            cost = charge(actor, since: before)
            timeout = Self.nextTimeout(&clients[i])
        }
        // Receiving application content never changes a room's members: only other client events may.
        if kinds[i] == .client, !membership.rooms.isEmpty, !Self.onlyDeliveries(batch.clientEvents) { updateMembership(of: i) }
        for e in batch.clientEvents {
            switch e {
            case .joined(let room, let epoch, _), .epochChanged(let room, let epoch), .ownCommitMerged(let room, let epoch):
                shareTree(client: i, room: room, epoch: epoch)
            default:
                continue
            }
        }
        let tag = batches.insert(batch)
        do { try net.submitJob(on: host, cost: SimDuration(nanoseconds: Int64(cost)), tag: tag) } catch {
            errors.append("CPU job on \(actorNames[i]): \(error)")
        }
        armTimer(host, next: timeout)
    }

    /// Whether `events` are application contents delivered, and at least one.
    static func onlyDeliveries(_ events: [ClientEvent]) -> Bool {
        !events.isEmpty && events.allSatisfy { if case .delivered = $0 { true } else { false } }
    }

    /// The transmits and events a provider produced, drained (taken at once, not polled one by one).
    static func outputs(of provider: inout Provider, host: HostID) -> Batch {
        Batch(host: host, transmits: provider.takeTransmits(), providerEvents: provider.takeEvents(), clientEvents: [])
    }

    /// The transmits and events a client produced, drained (taken at once, not polled one by one).
    static func outputs(of client: inout Client, host: HostID) -> Batch {
        Batch(host: host, transmits: client.takeTransmits(), providerEvents: [], clientEvents: client.takeEvents())
    }

    /// Keeps one copy of a room's tree and large group context extensions (the participant list) for its members:
    /// the first member to reach an epoch lends its tree and context, and each member reaching that epoch shares
    /// its tree's storage wherever the nodes are equal and its extension bodies where the bytes are equal (memory
    /// and cache footprint only; every member still builds and checks its own state, and nothing it computes
    /// changes). With shared bodies, the verification cache recognizes a repeated signed content by identity.
    func shareTree(client i: Int, room: IdentifierURI, epoch: UInt64) {
        if let shared = sharedTrees[room], shared.epoch == epoch {
            clients[i]!.shareGroupStorage(in: room, tree: shared.tree, context: shared.context)
        } else if sharedTrees[room].map({ $0.epoch < epoch }) ?? true, let lent = clients[i]!.groupTreeAndContext(in: room) {
            sharedTrees[room] = (epoch, lent.tree, lent.context)
        }
    }

    /// Reads what `charge` needs of an actor's meter into `readings`: with calibrated crypto time, the cost of every call
    /// it counted so far (`readings[0]`; charges are linear in the counts, so the difference of two readings is the cost
    /// of the calls between them); with measured, each primitive's count then CPU nanoseconds; with free, nothing.
    func readMeter(_ actor: MeterActor, into readings: inout [UInt64]) {
        switch options.cryptoTime {
        case .calibrated:
            readings[0] = calibratedCost(of: actor)
        case .measured:
            let n = primitives.count
            for p in primitives {
                readings[p.rawValue] = meter.count(p, of: actor)
                readings[n + p.rawValue] = meter.cpuNanos(p, of: actor)
            }
        case .free:
            break
        }
    }

    /// The calibrated cost of every call `actor` counted so far (wrapping: only differences are used).
    func calibratedCost(of actor: MeterActor) -> UInt64 {
        var total: UInt64 = 0
        for p in primitives { total &+= meter.count(p, of: actor) &* unitCost[p.rawValue] }
        return total
    }

    /// The virtual CPU time of the crypto `actor` did since `readMeter` gave `before`, by the run's crypto-time mode.
    func charge(_ actor: MeterActor, since before: [UInt64]) -> UInt64 {
        switch options.cryptoTime {
        case .calibrated:
            return calibratedCost(of: actor) &- before[0]
        case .measured:
            let n = primitives.count
            var total: UInt64 = 0
            for p in primitives where meter.count(p, of: actor) > before[p.rawValue] {
                total += price(p, calls: meter.count(p, of: actor) - before[p.rawValue], cpuNanos: meter.cpuNanos(p, of: actor) - before[n + p.rawValue])
            }
            return total
        case .free:
            return 0
        }
    }

    /// The virtual CPU time of `calls` calls of `primitive` that really took `cpuNanos`, by the run's crypto-time mode.
    func price(_ primitive: Primitive, calls: UInt64, cpuNanos: UInt64) -> UInt64 {
        switch options.cryptoTime {
        case .calibrated: calls * unitCost[primitive.rawValue]
        case .measured: cpuNanos
        case .free: 0
        }
    }

    /// Sets the host's timer to `next`, its node's next timeout (none when nil).
    func armTimer(_ host: HostID, next: MIMI.Instant?) {
        let i = Int(host.index)
        let deadline = next.map { Simulator.Instant(nanoseconds: Int64(min($0.nanoseconds, UInt64(Int64.max / 2)))) }
        guard deadline != timerDeadline[i] else { return }
        if let old = timers[i] { _ = net.engine.cancelTimer(old) }
        timers[i] = nil
        timerDeadline[i] = deadline
        if let deadline {
            timers[i] = net.engine.scheduleTimer(at: max(deadline, net.now), actor: host.actor, tag: 0)
        }
    }

    // In place (inout): reading an optional element from the class's array property copies the whole node.
    static func nextTimeout(_ provider: inout Provider?) -> MIMI.Instant? { provider?.nextTimeout() }
    static func nextTimeout(_ client: inout Client?) -> MIMI.Instant? { client?.nextTimeout() }
    static func uri(_ client: inout Client?) -> IdentifierURI? { client?.uri }

    /// A command from the workload to a client.
    package func command(_ client: IdentifierURI, _ command: ClientCommand) {
        guard let host = hostOf[.client(client)] else { return }
        let now = mimiNow
        handle(host, provider: { _ in }, client: { $0.handle(.command(command), now: now) })
    }

    var mimiNow: MIMI.Instant { MIMI.Instant(nanoseconds: UInt64(max(0, net.now.nanoseconds))) }

    // MARK: engine events

    public func handle(_ event: Event, engine: Engine) {
        switch event.kind {
        case .messageDelivered:
            let id = MessageID(payload: event.payload)
            guard let info = net.message(id), let t = inFlight.remove(info.tag) else { return }
            if startsRound(info.destination, at: event.time.nanoseconds) { prepareAhead(from: event, to: info.destination, transmit: t) }
            let now = mimiNow
            handle(info.destination, message: id, provider: { $0.handle(.received(t), now: now) }, client: { $0.handle(.received(t), now: now) })
        case .messageLost:
            guard let info = net.message(MessageID(payload: event.payload)), let t = inFlight.remove(info.tag) else { return }
            tracker.networkLoss(t, metrics: &metrics, counting: phase != "setup")
        case .jobCompleted:
            guard let info = net.job(JobID(payload: event.payload)), let batch = batches.remove(info.tag) else { return }
            release(batch)
        case .jobLost:
            if let info = net.job(JobID(payload: event.payload)) { _ = batches.remove(info.tag) }
        case .timer:
            let host = HostID(actor: event.actor)
            timers[Int(host.index)] = nil
            timerDeadline[Int(host.index)] = nil
            let now = mimiNow
            handle(host, provider: { $0.handleTimeout(now: now) }, client: { $0.handleTimeout(now: now) })
        case .user(0):
            perform(actions[Int(event.payload)])
        default:
            break
        }
    }

    /// Sends a batch's transmits and feeds its events to the metrics.
    func release(_ batch: Batch) {
        for t in batch.transmits {
            guard let to = hostOf[t.to] else { errors.append("transmit to unknown \(t.to)"); continue }
            let tag = inFlight.insert(t)
            do { try net.send(from: batch.host, to: to, bytes: t.body.count + 80, tag: tag) } catch {
                errors.append("send \(t.from)->\(t.to): \(error)")
            }
            if phase != "setup" { tracker.transmitted(t, metrics: &metrics) }
        }
        let counting = phase != "setup"
        for e in batch.providerEvents { tracker.provider(e, run: self, counting: counting) }
        if !batch.clientEvents.isEmpty, let uri = Self.uri(&clients[Int(batch.host.index)]) {
            for e in batch.clientEvents { tracker.client(e, client: uri, run: self, counting: counting) }
        }
    }
}
