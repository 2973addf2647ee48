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

extension LiveRun {
    /// Starts the servers, runs setup, the traffic phase (actions at their wall-clock offsets) and the drain,
    /// stops everything, and checks the end state. `progress` gets one line now and then.
    public func run(progress: (@Sendable (String) -> Void)? = nil) async throws -> LiveOutcome {
        try await startServing()
        do {
            try await setUp(progress: progress)
            try await traffic(progress: progress)
        } catch {
            await shutdown()
            throw error
        }
        locked { phase = "drain" }
        let drained = await waitQuiet(limit: options.drain)
        if !drained { locked { errors.append("the federation was not quiet \(options.drain) after the traffic phase") } }
        await shutdown()
        return try finish()
    }

    /// Starts the listeners and the consumer of the nodes' records (tests drive the run from here).
    package func startServing() async throws {
        try await start()
        let records = sink.records
        consumer = Task { [self] in
            for await r in records {
                consume(r)
                sink.consumed()
            }
        }
    }

    /// Makes the CA and certificates, binds every provider's two listeners, and the HTTPS clients.
    func start() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(2, System.coreCount))
        self.group = group
        let ca = try RunCertificateAuthority()
        self.ca = ca
        var addresses: [String: PeerAddress] = [:]
        for (i, p) in topology.providers.enumerated() {
            let ip = options.addressPrefix + String(options.firstAddress + i)
            let identity = try ca.issue(domain: p.domain, ipAddress: ip)
            identities[p.domain] = identity
            let actor = "provider/\(p.domain)"
            let provider = try Provider(config: ProviderConfig(domain: p.domain), crypto: crypto(role: CryptoRole.follower, actor: actor))
            let host = ProviderHost(provider: provider, clock: clock, sink: sink, inFlight: inFlight,
                                    pollTimeout: Int64(options.pollTimeout.components.seconds) * 1_000_000_000, maxBody: options.maxBody)
            let federation = try await HTTPSServer.start(host: ip, tls: LiveTLS.federationServer(identity: identity, ca: ca), maxBody: options.maxBody,
                                                         group: group) { [host] in await host.serveFederation($0) }
            let clientAPI = try await HTTPSServer.start(host: ip, tls: LiveTLS.clientAPIServer(identity: identity), maxBody: options.maxBody,
                                                        group: group) { [host] in await host.serveClient($0) }
            servers += [federation, clientAPI]
            host.address = PeerAddress(domain: p.domain, ip: ip, federationPort: federation.port, clientPort: clientAPI.port)
            addresses[p.domain] = host.address
            let config = LiveTLS.httpClientConfiguration(LiveTLS.federationClient(identity: identity, ca: ca), connectionsPerHost: 64)
            let http = HTTPClient(eventLoopGroupProvider: .shared(group), configuration: config)
            federationHTTP.append(http)
            host.federationClient = http
            providers[p.domain] = host
        }
        for host in providers.values { host.peers = addresses }
        // Every client keeps a long poll open, so allow a connection per client and a few for its requests.
        let config = LiveTLS.httpClientConfiguration(LiveTLS.clientAPIClient(ca: ca), readTimeout: .seconds(90), connectionsPerHost: 4096)
        clientHTTP = HTTPClient(eventLoopGroupProvider: .shared(group), configuration: config)
    }

    /// Where each provider listens, for people.
    var listeners: [String] {
        providers.keys.sorted().map { d in
            let a = providers[d]!.address
            return "\(d) federation \(a.federationBase) client-api \(a.clientBase)"
        }
    }

    /// Clients and their KeyPackages, rooms, initial users; each step waits until the federation is quiet.
    func setUp(progress: (@Sendable (String) -> Void)?) async throws {
        let steps: [(String, () throws -> Void)] = [
            ("clients", { try self.setUpClients() }),
            ("rooms", { self.createRooms() }),
            ("initial users", { self.addInitialUsers() }),
        ]
        let deadline = ContinuousClock.now + options.setupTimeout
        for (name, step) in steps {
            try locked { try step() }
            progress?(String(format: "live setup: %@ (%.1f s)", name, Double(clock.nanos) / 1e9))
            guard await waitQuiet(limit: deadline - ContinuousClock.now) else {
                throw LiveError(.timeout, "setup (\(name)) did not finish within \(options.setupTimeout)")
            }
        }
        locked { checkSetUp() }
    }

    /// Plays every action at its offset from the traffic start, then waits for the end of the duration.
    func traffic(progress: (@Sendable (String) -> Void)?) async throws {
        let start = clock.nanos
        locked {
            trafficStart = start
            phase = "traffic"
        }
        let end = start + workload.duration.nanoseconds
        var nextReport = start
        for a in actions {
            await clock.sleep(until: start + a.t_ns)
            locked { perform(a) }
            if clock.nanos >= nextReport {
                nextReport += 10_000_000_000
                let (c, m) = locked { (tracker.commitsAccepted, tracker.messagesSent) }
                progress?(String(format: "live %.0fs / %.0fs  %d commits accepted, %d messages sent, %d requests in flight",
                                 Double(clock.nanos - start) / 1e9, Double(end - start) / 1e9, c, m, inFlight.count))
            }
        }
        await clock.sleep(until: end)
    }

    /// Stops clients, providers, HTTPS clients and listeners, and waits until every record is consumed.
    package func shutdown() async {
        let (agents, hosts) = locked { (Array(clients.values), Array(providers.values)) }
        agents.forEach { $0.stop() }
        hosts.forEach { $0.runner.stop(); $0.wakeAll() }
        if let clientHTTP { try? await clientHTTP.shutdown() }
        for h in federationHTTP { try? await h.shutdown() }
        for s in servers { await s.close() }
        try? await group?.shutdownGracefully()
        sink.finish()
        await consumer?.value
    }

    /// The end checks, crypto per role and primitive from the nodes' meters, and the outcome.
    package func finish() throws -> LiveOutcome {
        try locked {
            let checks = try endChecks()
            try recordCrypto(meters.flatMap { $0.snapshot().map { ($0.role, "\($0.primitive)", $0.count, $0.cpuNanos) } })
            try recordCommitCrypto(meters.flatMap { $0.jobSnapshot().map { ($0.actor, $0.role, "\($0.primitive)", $0.count, $0.cpuNanos) } })
            let snapshot = metrics.snapshot(end: UInt64(max(0, clock.nanos - trafficStart)))
            let info = RunInfo(config: RunConfig(name: workload.name ?? "workload", topology: topology.file, workload: workload.file),
                               seed: workload.seed, fingerprint: "none (live runs are not deterministic)", toolVersion: ToolVersion.current,
                               machine: Host.machine(), mode: .live, cryptoTime: "measured",
                               durationMs: Double(workload.duration.nanoseconds) / 1e6)
            return LiveOutcome(run: info, snapshot: snapshot, checks: checks,
                               objectives: workload.objectives.map { Objective(metric: $0.metric, limit: $0.limit) },
                               commits: tracker.commitsAccepted, messages: tracker.messagesSent, requests: requestsSent, listeners: listeners)
        }
    }
}
