import XCTest
import MLS
import MLSCrypto
@testable import MIMI

/// An in-memory driver for providers and clients: it carries every transmit to its receiver, one per virtual
/// millisecond, choosing among the links with waiting transmits by a seeded generator (each link stays FIFO,
/// as a TCP connection would), and fires provider timeouts when nothing is in flight. It can drop notify
/// requests and their acknowledgments between providers with a given probability (the hub must retry).
final class FederationDriver {
    struct Link: Hashable, Comparable {
        let from: NodeAddress, to: NodeAddress
        static func < (a: Link, b: Link) -> Bool { a.from != b.from ? a.from < b.from : a.to < b.to }
    }

    let meter = OperationMeter()
    let suite: CipherSuite
    let seed: UInt64
    var providers: [String: Provider] = [:]
    var clients: [IdentifierURI: Client] = [:]
    var links: [Link: [Transmit]] = [:]
    var now = Instant.zero
    var rng: UInt64
    var dropProbability = 0.0
    /// Notify requests delivered, by (follower, hub, id): their responses may be dropped too.
    var notifyRequests: Set<String> = []
    var providerEvents: [(String, ProviderEvent)] = []
    var clientEvents: [(IdentifierURI, ClientEvent)] = []
    var dropped = 0
    var delivered = 0
    /// Called with each request just before a provider handles it, and the provider's state at that moment.
    var onRequest: ((Transmit, Provider) -> Void)?

    init(domains: [String], suite: CipherSuite = .x25519Aes128GcmEd25519, seed: UInt64, dropProbability: Double = 0) throws {
        self.suite = suite
        self.seed = seed
        rng = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        self.dropProbability = dropProbability
        for d in domains {
            providers[d] = try Provider(config: ProviderConfig(domain: d), crypto: crypto("provider/\(d)"))
        }
    }

    func crypto(_ name: String) -> CryptoContext {
        CryptoContext(suite: suite, actor: meter.actor(name), random: SeededRandom(seed: seed, stream: name))
    }

    /// A uniform draw in 0..<n (SplitMix64).
    func next(_ n: Int) -> Int {
        rng &+= 0x9E37_79B9_7F4A_7C15
        var z = rng
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(max(n, 1)))
    }

    @discardableResult
    func addClient(_ uri: IdentifierURI, keyPackages: Int = 2) throws -> IdentifierURI {
        clients[uri] = try Client(uri: uri, crypto: crypto("client/\(uri.uri)"))
        command(uri, .publishKeyPackages(count: keyPackages))
        return uri
    }

    func command(_ client: IdentifierURI, _ command: ClientCommand) {
        guard var c = clients[client] else { XCTFail("no client \(client)"); return }
        c.handle(.command(command), now: now)
        clients[client] = c
        drain(.client(client))
    }

    /// Moves a node's outputs into the links and the event logs.
    func drain(_ node: NodeAddress) {
        switch node {
        case .provider(let d):
            guard var p = providers[d] else { return }
            while let t = p.pollTransmit() { links[Link(from: t.from, to: t.to), default: []].append(t) }
            while let e = p.pollEvent() { providerEvents.append((d, e)) }
            providers[d] = p
        case .client(let uri):
            guard var c = clients[uri] else { return }
            while let t = c.pollTransmit() { links[Link(from: t.from, to: t.to), default: []].append(t) }
            while let e = c.pollEvent() { clientEvents.append((uri, e)) }
            clients[uri] = c
        }
    }

    func shouldDrop(_ t: Transmit) -> Bool {
        guard dropProbability > 0, case .provider = t.from, case .provider = t.to else { return false }
        switch t.kind {
        case .request(let id, .mimi(.notify), _):
            notifyRequests.insert("\(t.to)|\(t.from)|\(id)")
        case .response(let id, _):
            guard notifyRequests.contains("\(t.from)|\(t.to)|\(id)") else { return false }
        default:
            return false
        }
        return next(1_000_000) < Int(dropProbability * 1_000_000)
    }

    /// Delivers one transmit; returns false when nothing is in flight.
    func step() -> Bool {
        let busy = links.keys.filter { !(links[$0]?.isEmpty ?? true) }.sorted()
        guard !busy.isEmpty else { return false }
        let link = busy[next(busy.count)]
        let t = links[link]!.removeFirst()
        now = now.adding(nanoseconds: 1_000_000)
        if shouldDrop(t) { dropped += 1; return true }
        delivered += 1
        switch t.to {
        case .provider(let d):
            if case .request = t.kind { onRequest?(t, providers[d]!) }
            providers[d]!.handle(.received(t), now: now)
        case .client(let uri):
            clients[uri]?.handle(.received(t), now: now)
        }
        drain(t.to)
        return true
    }

    /// Runs until nothing is in flight and no provider has a timer.
    func run(maxSteps: Int = 2_000_000) {
        var steps = 0
        while steps < maxSteps {
            steps += 1
            if step() { continue }
            let deadlines = providers.values.compactMap { $0.nextTimeout() }
            guard let earliest = deadlines.min() else { return }
            if earliest > now { now = earliest }
            for d in providers.keys.sorted() {
                providers[d]!.handleTimeout(now: now)
                drain(.provider(d))
            }
        }
        XCTFail("the federation did not settle in \(maxSteps) steps")
    }

    /// Clients with a live group in `room`, sorted.
    func members(_ room: IdentifierURI) -> [IdentifierURI] {
        clients.keys.sorted().filter { clients[$0]!.group(of: room) != nil }
    }

    func hosted(_ room: IdentifierURI) -> HostedRoom? {
        guard let hub = MIMIURI.domain(of: room) else { return nil }
        return providers[hub]?.hostedRooms.first { $0.room == room }
    }

    /// Every member agrees with the others and with the hub: epoch, epoch authenticator, participant list, roster.
    func checkAgreement(_ room: IdentifierURI, file: StaticString = #filePath, line: UInt = #line) {
        guard let hub = hosted(room) else { XCTFail("no hub room \(room)", file: file, line: line); return }
        let members = members(room)
        XCTAssertEqual(members, hub.clients, "clients of \(room): members vs hub", file: file, line: line)
        guard let first = members.first.flatMap({ clients[$0]!.group(of: room) }) else { return }
        for m in members {
            let g = clients[m]!.group(of: room)!
            XCTAssertEqual(g.epoch, hub.epoch, "\(m) epoch", file: file, line: line)
            XCTAssertEqual(g.epochAuthenticator, first.epochAuthenticator, "\(m) epoch authenticator", file: file, line: line)
            XCTAssertEqual(try? RoomExtensions.participantList(in: g.context.extensions), hub.participants, "\(m) participant list",
                           file: file, line: line)
            XCTAssertEqual(g.roster.compactMap { MIMIURI.client(in: $0.credential) }.sorted(), hub.clients, "\(m) roster", file: file, line: line)
        }
    }

    /// Every accepted message reached every client of the room at acceptance exactly once (the sender as an echo).
    /// Returns (messages, deliveries).
    @discardableResult
    func checkDeliveries(file: StaticString = #filePath, line: UInt = #line) -> (Int, Int) {
        var deliveries: [String: [IdentifierURI]] = [:]
        var echoes: [String: [IdentifierURI]] = [:]
        for (client, event) in clientEvents {
            switch event {
            case .delivered(let room, let frank, _, _): deliveries["\(room)|\(frank)", default: []].append(client)
            case .echoed(let room, let frank): echoes["\(room)|\(frank)", default: []].append(client)
            case .failed(let room, let reason): XCTFail("\(client) in \(room): \(reason)", file: file, line: line)
            default: break
            }
        }
        var messages = 0, total = 0
        for (_, event) in providerEvents {
            guard case .messageAccepted(let room, let frank, _, let sender, _, let recipients) = event else { continue }
            messages += 1
            let key = "\(room)|\(frank)"
            let got = (deliveries[key] ?? []).sorted()
            total += got.count
            XCTAssertEqual(got, recipients.filter { $0 != sender }, "deliveries of a message in \(room)", file: file, line: line)
            XCTAssertEqual(echoes[key] ?? [], [sender], "echo of a message in \(room)", file: file, line: line)
        }
        return (messages, total)
    }

    func events<T>(_ pick: (ProviderEvent) -> T?) -> [T] { providerEvents.compactMap { pick($0.1) } }
}
