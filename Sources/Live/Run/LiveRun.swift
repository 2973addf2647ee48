import AsyncHTTPClient
import Foundation
import MIMI
import MLSCrypto
import Metrics
import NIOCore
import NIOPosix
import NIOSSL
import Playback
import Scenario

/// One live run: a run-local CA, one HTTPS server pair per provider on loopback (the federation listener with
/// mutual TLS, the client-API listener), every client as a real HTTPS client, the workload's actions played at
/// their wall-clock offsets, and the same metrics, checks and results as a simulated run (`Playback`).
///
/// Concurrency: each node runs in its own `NodeRunner` (its lock); the workload logic, the tracker and the
/// recorder run under `lock`, from the action task and the one task that consumes the nodes' event stream.
public final class LiveRun: WorkloadDriver, @unchecked Sendable {
    let topology: Topology
    let workload: Workload
    let options: LiveOptions
    let suite: CipherSuite
    let actions: [TraceAction]
    let clock = LiveClock()
    let sink = LiveEventSink()
    let inFlight = InFlightCounter()
    /// Guards the workload state below.
    let lock = NSLock()

    package let plan: RoomPlan
    package var tracker = RunTracker()
    package var metrics: MetricsRecorder
    package var errors: [String] = []
    package var spareUsed: Set<IdentifierURI> = []
    package var roomCreators: [IdentifierURI] = []
    package var phase = "setup"
    var trafficStart: Int64 = 0
    /// The time of the record being consumed (events are measured when they happened, not when consumed).
    var eventTime: Int64?
    /// The latest record time consumed: nodes stamp records when their step starts and yield them as it runs,
    /// so two nodes' records can reach the stream up to a step's length out of time order; a record is taken
    /// to happen no earlier than the one before it (the recorder's time series need monotonic time).
    var latestRecordTime: Int64 = 0
    var requestsSent = 0
    /// Commits the hubs rejected, by reason (every phase; tests read it).
    package var rejections: [String: Int] = [:]

    package var providers: [String: ProviderHost] = [:]
    package var clients: [IdentifierURI: ClientAgent] = [:]
    var deviceCounter: [IdentifierURI: Int] = [:]
    /// Every node's meter (one actor each, with its base role), in creation order.
    var meters: [OperationMeter] = []

    /// Prepares a run (nothing listens until `run`).
    public init(topology: Topology, workload: Workload, options: LiveOptions = LiveOptions()) throws {
        self.topology = topology
        self.workload = workload
        self.options = options
        suite = try CipherSuite(id: workload.cipherSuite)
        actions = options.actions ?? ActionGenerator.actions(for: workload)
        plan = RoomPlan(workload: workload, actions: actions)
        metrics = try MetricsRecorder()
        guard topology.providers.count + options.firstAddress <= 255 else {
            throw LiveError(.configuration, "too many providers for one /24 of loopback addresses")
        }
    }

    /// A crypto context for a node, with its own meter (CPU timing on, `role` as its base role) and the workload's seeded randomness.
    func crypto(role: String, actor: String) -> CryptoContext {
        let meter = OperationMeter(timing: true)
        meters.append(meter)
        return CryptoContext(suite: suite, actor: meter.actor(actor, role: role), random: SeededRandom(seed: workload.seed, stream: actor))
    }

    // MARK: WorkloadDriver

    package var clockNanos: Int64 { eventTime ?? max(clock.nanos, latestRecordTime) }
    package var trafficStartNanos: Int64 { trafficStart }
    package var faultsExpected: Bool { false }

    package func hubClients(_ room: IdentifierURI) -> [IdentifierURI] {
        guard let hub = MIMIURI.domain(of: room), let host = providers[hub] else { return [] }
        return host.runner.read { p in p.clients(ofHostedRoom: room) ?? [] }
    }

    package func groupSummary(client: IdentifierURI, room: IdentifierURI) -> (epoch: UInt64, authenticator: [UInt8])? {
        clients[client]?.runner.read { c in c.group(of: room).map { ($0.epoch, $0.epochAuthenticator) } }
    }

    package func addClient(user: IdentifierURI, keyPackages: Int) throws -> IdentifierURI {
        guard let domain = MIMIURI.domain(of: user), let host = providers[domain] else { throw LiveError(.configuration, "no provider for \(user)") }
        let name = String(user.uri.split(separator: "/").last ?? "")
        let device = (deviceCounter[user] ?? 0) + 1
        deviceCounter[user] = device
        let uri = MIMIURI.client(user: name, device: device, domain: domain)
        let actor = "client/\(uri.uri)"
        let client = try Client(uri: uri, crypto: crypto(role: CryptoRole.member, actor: actor))
        let agent = ClientAgent(client: client, provider: host.address, http: clientHTTP!, clock: clock, sink: sink, inFlight: inFlight)
        clients[uri] = agent
        agent.startPolling()
        if keyPackages > 0 { agent.command(.publishKeyPackages(count: keyPackages)) }
        return uri
    }

    package func command(_ client: IdentifierURI, _ command: ClientCommand) {
        clients[client]?.command(command)
    }

    // MARK: infrastructure

    var group: MultiThreadedEventLoopGroup?
    var servers: [HTTPSServer] = []
    var clientHTTP: HTTPClient?
    var federationHTTP: [HTTPClient] = []
    var consumer: Task<Void, Never>?
    /// The run's certificate authority and each provider's identity (for tests of the TLS refusals).
    package var ca: RunCertificateAuthority?
    package var identities: [String: TLSIdentity] = [:]

    /// Runs `body` under the workload lock.
    package func locked<R>(_ body: () throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Consumes the nodes' records in order: metrics, convergence and delivery bookkeeping, transport errors.
    func consume(_ record: LiveRecord) {
        locked {
            let counting = phase != "setup"
            switch record {
            case .provider(let e, let at):
                if case .commitRejected(_, _, let reason) = e { rejections[RunTracker.label(reason), default: 0] += 1 }
                latestRecordTime = max(latestRecordTime, at)
                eventTime = latestRecordTime
                tracker.provider(e, run: self, counting: counting)
            case .client(let e, let client, let at):
                latestRecordTime = max(latestRecordTime, at)
                eventTime = latestRecordTime
                tracker.client(e, client: client, run: self, counting: counting)
            case .transmitted(let t, _):
                if case .request = t.kind { requestsSent += 1 }
                if counting { tracker.transmitted(t, metrics: &metrics) }
            case .error(let message):
                errors.append(message)
            }
            eventTime = nil
        }
    }

    /// Nothing in flight, no record unconsumed, no push unacknowledged, every client idle.
    var isQuiet: Bool {
        guard inFlight.count == 0, sink.backlog == 0 else { return false }
        let (hosts, agents) = locked { (Array(providers.values), Array(clients.values)) }
        for h in hosts where h.unacknowledgedPushes > 0 { return false }
        for a in agents where !a.runner.read({ $0.isIdle }) { return false }
        return inFlight.count == 0 && sink.backlog == 0
    }

    /// Waits until the federation is quiet twice in a row 20 ms apart, or `limit` passes; true when quiet.
    package func waitQuiet(limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        var streak = 0
        while ContinuousClock.now < deadline {
            streak = isQuiet ? streak + 1 : 0
            if streak >= 2 { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}
