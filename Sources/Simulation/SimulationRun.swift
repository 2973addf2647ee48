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
    enum Node {
        case provider(Provider)
        case client(Client)
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
    let parsedKeys = ParsedKeyMemo(capacity: 1 << 16)
    let suite: CipherSuite
    package let plan: RoomPlan
    let actions: [TraceAction]
    package var metrics: MetricsRecorder
    package var tracker: RunTracker

    var nodes: [Node?] = []
    var actorNames: [String] = []
    var hostOf: [NodeAddress: HostID] = [:]
    var timers: [TimerHandle?] = []
    var timerDeadline: [Simulator.Instant?] = []
    var inFlight: [UInt64: Transmit] = [:]
    var batches: [UInt64: Batch] = [:]
    var nextTag: UInt64 = 1
    var deviceCounter: [IdentifierURI: Int] = [:]
    /// When the traffic phase starts (after setup), in virtual time.
    var trafficStart = Simulator.Instant.zero
    var phase = "setup"
    /// Crypto charged per (role, primitive): calls and virtual nanoseconds.
    var cryptoCharged: [String: (count: UInt64, nanos: UInt64)] = [:]
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
        federation = try Federation(topology: topology, seed: workload.seed)
        net = federation.network
        meter = OperationMeter(timing: options.cryptoTime == .measured)
        actions = options.actions ?? ActionGenerator.actions(for: workload)
        plan = RoomPlan(workload: workload, actions: actions)
        metrics = try MetricsRecorder()
        tracker = RunTracker()
        for (i, p) in topology.providers.enumerated() {
            let name = "provider/\(p.domain)"
            let provider = try Provider(config: ProviderConfig(domain: p.domain), crypto: crypto(name))
            register(.provider(provider), address: .provider(p.domain), host: federation.providerHosts[i], actor: name)
        }
    }

    /// The actions this run plays (generated from the workload, or the replayed trace).
    public var plannedActions: [TraceAction] { actions }

    func crypto(_ name: String) -> CryptoContext {
        var c = CryptoContext(suite: suite, actor: meter.actor(name), random: SeededRandom(seed: workload.seed, stream: name))
        // Repeated verifications of the same bytes run OpenSSL once (still counted and charged per member);
        // not in `measured` mode, whose CPU figures must include every verification.
        if options.cryptoTime != .measured { c.verificationCache = verificationCache }
        c.keys = parsedKeys
        return c
    }

    func register(_ node: Node, address: NodeAddress, host: HostID, actor: String) {
        let i = Int(host.index)
        while nodes.count <= i { nodes.append(nil); actorNames.append(""); timers.append(nil); timerDeadline.append(nil) }
        nodes[i] = node
        actorNames[i] = actor
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
        register(.client(try Client(uri: uri, crypto: crypto(actor))), address: .client(uri), host: host, actor: actor)
        if keyPackages > 0 { command(uri, .publishKeyPackages(count: keyPackages)) }
        return uri
    }

    // MARK: handling inputs

    /// Runs `body` on the node at `host`, charges its crypto as a CPU job, and queues its outputs behind it.
    func handle(_ host: HostID, _ body: (inout Node) -> Void) {
        let i = Int(host.index)
        guard var node = nodes[i] else { return }
        let actor = actorNames[i]
        let before = counts(actor)
        body(&node)
        let after = counts(actor)
        var batch = Batch(host: host, transmits: [], providerEvents: [], clientEvents: [])
        switch node {
        case .provider(var p):
            while let t = p.pollTransmit() { batch.transmits.append(t) }
            while let e = p.pollEvent() { batch.providerEvents.append(e) }
            node = .provider(p)
        case .client(var c):
            while let t = c.pollTransmit() { batch.transmits.append(t) }
            while let e = c.pollEvent() { batch.clientEvents.append(e) }
            node = .client(c)
        }
        nodes[i] = node
        let cost = charge(actor: actor, before: before, after: after)
        let tag = nextTag
        nextTag += 1
        batches[tag] = batch
        do { try net.submitJob(on: host, cost: SimDuration(nanoseconds: Int64(cost)), tag: tag) } catch {
            errors.append("CPU job on \(actor): \(error)")
        }
        armTimer(host)
    }

    /// Per-primitive (count, cpu ns) of an actor.
    func counts(_ actor: String) -> [(UInt64, UInt64)] {
        Primitive.allCases.map { (meter.count($0, actor: actor), meter.cpuNanos($0, actor: actor)) }
    }

    /// The virtual CPU time of the crypto done between two readings, by the run's crypto-time mode.
    func charge(actor: String, before: [(UInt64, UInt64)], after: [(UInt64, UInt64)]) -> UInt64 {
        let role = actor.hasPrefix("provider/") ? "provider" : "client"
        var total: UInt64 = 0
        for (k, p) in Primitive.allCases.enumerated() {
            let calls = after[k].0 - before[k].0
            guard calls > 0 else { continue }
            let nanos: UInt64
            switch options.cryptoTime {
            case .calibrated: nanos = calls * options.costTable.nanos(p, suite: suite.id)
            case .measured: nanos = after[k].1 - before[k].1
            case .free: nanos = 0
            }
            total += nanos
            let key = "\(role)|\(p)"
            let old = cryptoCharged[key] ?? (0, 0)
            cryptoCharged[key] = (old.count + calls, old.nanos + nanos)
        }
        return total
    }

    func armTimer(_ host: HostID) {
        let i = Int(host.index)
        let deadline: Simulator.Instant?
        switch nodes[i] {
        case .provider(let p)?: deadline = p.nextTimeout().map { Simulator.Instant(nanoseconds: Int64(min($0.nanoseconds, UInt64(Int64.max / 2)))) }
        case .client(let c)?: deadline = c.nextTimeout().map { Simulator.Instant(nanoseconds: Int64(min($0.nanoseconds, UInt64(Int64.max / 2)))) }
        case nil: deadline = nil
        }
        guard deadline != timerDeadline[i] else { return }
        if let old = timers[i] { _ = net.engine.cancelTimer(old) }
        timers[i] = nil
        timerDeadline[i] = deadline
        if let deadline {
            timers[i] = net.engine.scheduleTimer(at: max(deadline, net.now), actor: host.actor, tag: 0)
        }
    }

    /// A command from the workload to a client.
    package func command(_ client: IdentifierURI, _ command: ClientCommand) {
        guard let host = hostOf[.client(client)] else { return }
        let now = mimiNow
        handle(host) { node in
            if case .client(var c) = node { c.handle(.command(command), now: now); node = .client(c) }
        }
    }

    var mimiNow: MIMI.Instant { MIMI.Instant(nanoseconds: UInt64(max(0, net.now.nanoseconds))) }

    // MARK: engine events

    public func handle(_ event: Event, engine: Engine) {
        switch event.kind {
        case .messageDelivered:
            guard let info = net.message(MessageID(payload: event.payload)), let t = inFlight.removeValue(forKey: info.tag) else { return }
            let now = mimiNow
            handle(info.destination) { node in
                switch node {
                case .provider(var p): p.handle(.received(t), now: now); node = .provider(p)
                case .client(var c): c.handle(.received(t), now: now); node = .client(c)
                }
            }
        case .messageLost:
            guard let info = net.message(MessageID(payload: event.payload)), let t = inFlight.removeValue(forKey: info.tag) else { return }
            tracker.networkLoss(t, metrics: &metrics, counting: phase != "setup")
        case .jobCompleted:
            guard let info = net.job(JobID(payload: event.payload)), let batch = batches.removeValue(forKey: info.tag) else { return }
            release(batch)
        case .jobLost:
            if let info = net.job(JobID(payload: event.payload)) { batches.removeValue(forKey: info.tag) }
        case .timer:
            let host = HostID(actor: event.actor)
            timers[Int(host.index)] = nil
            timerDeadline[Int(host.index)] = nil
            let now = mimiNow
            handle(host) { node in
                switch node {
                case .provider(var p): p.handleTimeout(now: now); node = .provider(p)
                case .client(var c): c.handleTimeout(now: now); node = .client(c)
                }
            }
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
            let tag = nextTag
            nextTag += 1
            inFlight[tag] = t
            do { try net.send(from: batch.host, to: to, bytes: t.body.count + 80, tag: tag) } catch {
                errors.append("send \(t.from)->\(t.to): \(error)")
            }
            if phase != "setup" { tracker.transmitted(t, metrics: &metrics) }
        }
        let counting = phase != "setup"
        for e in batch.providerEvents { tracker.provider(e, run: self, counting: counting) }
        if case .client(let c)? = nodes[Int(batch.host.index)] {
            for e in batch.clientEvents { tracker.client(e, client: c.uri, run: self, counting: counting) }
        }
    }
}
