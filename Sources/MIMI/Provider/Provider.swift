import MLS
import MLSCrypto

/// Settings of a provider.
public struct ProviderConfig: Sendable {
    /// The provider's domain (`a.example`).
    public var domain: String
    /// The roles of rooms this provider creates as hub.
    public var roles: RoleData
    /// The base policy of rooms this provider creates as hub.
    public var base: BaseRoomPolicy
    /// The delay before a notify is sent again (doubling per attempt).
    public var retryInitialNanoseconds: UInt64
    /// The longest delay between notify attempts.
    public var retryMaxNanoseconds: UInt64
    /// Where the hub's room observers reuse participant-list results (a simulation shares one between its nodes).
    public var participantLists = ParticipantListMemo()

    /// A configuration: cooperative rooms, retries after 200 ms doubling up to 5 s.
    public init(domain: String, roles: RoleData = RoleSets.cooperative, base: BaseRoomPolicy = BaseRoomPolicy(),
                retryInitialNanoseconds: UInt64 = 200_000_000, retryMaxNanoseconds: UInt64 = 5_000_000_000) {
        self.domain = domain
        self.roles = roles
        self.base = base
        self.retryInitialNanoseconds = retryInitialNanoseconds
        self.retryMaxNanoseconds = retryMaxNanoseconds
    }
}

/// What a provider receives.
public enum ProviderInput: Sendable {
    /// A transmit addressed to this provider: a request from a client or provider, or a response to one of its requests.
    case received(Transmit)
}

/// A MIMI provider as a sans-IO state machine (draft-ietf-mimi-protocol-06): the hub of the rooms it owns
/// (room URIs `mimi://<its domain>/r/...`) and a follower for the rest. It serves its clients' API, claims
/// and hands out KeyPackages, validates handshakes as an MLS observer, checks room policy, orders commits per
/// room, franks and fans out messages, retries notifies until acknowledged and drops byte-identical repeats.
///
/// Driving it: call `handle(_:now:)` for each transmit addressed to it and `handleTimeout(now:)` when
/// `nextTimeout()` has passed; after each call drain `pollTransmit()` (send each) and `pollEvent()`. The
/// provider never reads a clock, sleeps or does I/O; its randomness is its crypto context's seeded source.
/// Every input that is refused leaves its state exactly as it was (only the refusal is output).
public struct Provider {
    /// The configuration.
    public let config: ProviderConfig
    /// The crypto context (meter actor and random source of this provider).
    public var crypto: CryptoContext
    /// The provider's signing key (franks, GroupInfo responses, KeyMaterial requests).
    let signer: SignaturePrivateKey
    /// Rooms this provider is the hub of.
    var hubRooms: [IdentifierURI: HubRoom] = [:]
    /// Local subscriptions per room (hub or follower).
    var subscriptions: [IdentifierURI: RoomSubscriptions] = [:]
    /// Unclaimed KeyPackages per local client, oldest first.
    var keyPackages: [IdentifierURI: [KeyPackage]] = [:]
    /// The local client owning each KeyPackage handed out or stored (a Welcome is routed by it).
    var keyPackageOwners: [KeyPackageRef: IdentifierURI] = [:]
    /// Requests this provider sent and waits for, by id.
    var awaiting: [UInt64: Awaiting] = [:]
    var nextRequestID: UInt64 = 1
    var nextGeneration: UInt64 = 1
    var transmits = OutputQueue<Transmit>()
    var events = OutputQueue<ProviderEvent>()

    /// What a sent request is waiting for.
    enum Awaiting {
        /// A forwarded request: its response goes back to `replyTo` as the answer to `replyID`.
        case forward(replyTo: NodeAddress, replyID: UInt64)
        /// A notify of `room` to `domain`.
        case notify(room: IdentifierURI, domain: String)
    }

    /// A provider with a fresh signing key from `crypto`.
    public init(config: ProviderConfig, crypto: CryptoContext) throws(MIMIError) {
        self.config = config
        self.crypto = crypto
        do { signer = try crypto.generateSignatureKey() } catch { throw MIMIError(.crypto, "provider signing key", underlying: error) }
    }

    /// The domain.
    public var domain: String { config.domain }
    /// The public key clients verify franks and GroupInfo responses with.
    public var signaturePublicKey: [UInt8] { signer.publicKey.bytes }
    /// The key this provider signs franks with as a hub, as rooms carry it (and its clients learn it).
    public var frankingKey: HubFrankingKey { HubFrankingKey(cipherSuite: CipherSuiteID(crypto.suite), signatureKey: signer.publicKey.bytes) }

    /// Handles one received transmit at time `now`.
    public mutating func handle(_ input: ProviderInput, now: Instant) {
        guard case .received(let t) = input else { return }
        switch t.kind {
        case .request(let id, let route, let target):
            let outcome: Result<Void, MIMIError>
            do throws(MIMIError) {
                switch route {
                case .client(let endpoint):
                    guard case .client(let client) = t.from, MIMIURI.domain(of: client) == domain else {
                        throw MIMIError(.forbidden, "the client API serves this provider's own clients only")
                    }
                    try handleClientRequest(endpoint, from: client, id: id, target: target, body: t.body, now: now)
                case .mimi(let endpoint):
                    guard case .provider(let peer) = t.from else { throw MIMIError(.forbidden, "MIMI endpoints serve providers only") }
                    try handlePeerRequest(endpoint, from: peer, id: id, target: target, body: t.body, now: now)
                }
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            if case .failure(let error) = outcome { refuse(t.from, id: id, route: route, error) }
        case .response(let id, let status):
            handleResponse(id: id, status: status, body: t.body, from: t.from, now: now)
        case .push:
            break  // providers receive no pushes
        }
    }

    /// Sends again every notify whose deadline has passed.
    public mutating func handleTimeout(now: Instant) {
        for room in hubRooms.keys.sorted() {
            guard var hub = hubRooms[room] else { continue }
            for i in hub.queues.indices {
                guard var flight = hub.queues[i].inFlight, flight.deadline <= now else { continue }
                flight.attempts += 1
                flight.deadline = now.adding(nanoseconds: FanoutQueue.delay(attempts: flight.attempts, initial: config.retryInitialNanoseconds,
                                                                              cap: config.retryMaxNanoseconds))
                hub.queues[i].inFlight = flight
                send(Transmit(from: .provider(domain), to: .provider(hub.queues[i].domain),
                              kind: .request(id: flight.requestID, route: .mimi(.notify), target: room.uri), body: flight.body))
                events.push(.fanoutSent(room: room, to: hub.queues[i].domain, messages: flight.count, bytes: flight.body.count, attempt: flight.attempts))
            }
            hubRooms[room] = hub
        }
    }

    /// The next transmit to send, oldest first.
    public mutating func pollTransmit() -> Transmit? { transmits.pop() }

    /// The earliest notify retry deadline, if any notify is outstanding.
    public func nextTimeout() -> Instant? {
        var earliest: Instant?
        for hub in hubRooms.values {
            for queue in hub.queues { if let d = queue.inFlight?.deadline, earliest.map({ d < $0 }) ?? true { earliest = d } }
        }
        return earliest
    }

    /// The next event, oldest first.
    public mutating func pollEvent() -> ProviderEvent? { events.pop() }

    /// Every transmit to send, oldest first (what `pollTransmit()` returns until nil), at once.
    public mutating func takeTransmits() -> [Transmit] { transmits.takeAll() }

    /// Every event, oldest first (what `pollEvent()` returns until nil), at once.
    public mutating func takeEvents() -> [ProviderEvent] { events.takeAll() }

    // MARK: - Output helpers

    mutating func send(_ transmit: Transmit) { transmits.push(transmit) }

    /// Sends a request and remembers what its response is for.
    mutating func request(to peer: String, route: Route, target: String, body: [UInt8], awaiting: Awaiting) {
        let id = nextRequestID
        nextRequestID += 1
        self.awaiting[id] = awaiting
        send(Transmit(from: .provider(domain), to: .provider(peer), kind: .request(id: id, route: route, target: target), body: body))
    }

    /// Answers request `id` of `to`.
    mutating func respond(_ to: NodeAddress, id: UInt64, status: ResponseStatus = .ok, body: [UInt8]) {
        send(Transmit(from: .provider(domain), to: to, kind: .response(id: id, status: status), body: body))
    }

    /// Refuses a request with the status its error maps to, and reports it.
    mutating func refuse(_ to: NodeAddress, id: UInt64, route: Route, _ error: MIMIError) {
        let status: ResponseStatus = switch error.code {
        case .forbidden: .forbidden
        case .unknownTarget: .notFound
        default: .badRequest
        }
        respond(to, id: id, status: status, body: Array(error.description.utf8))
        events.push(.requestRefused(from: to, route: route, status: status, code: error.code, message: error.message))
    }

    /// The hub domain of a room URI, or `invalidValue`.
    func hubDomain(of room: IdentifierURI) throws(MIMIError) -> String {
        guard let hub = MIMIURI.domain(of: room), room.uri.hasPrefix("mimi://\(hub)/r/") else {
            throw MIMIError(.invalidValue, "\(room) is not a room URI (mimi://<hub>/r/<name>)")
        }
        return hub
    }

    /// The room this provider is the hub of, or `unknownTarget`.
    func hubRoom(_ room: IdentifierURI) throws(MIMIError) -> HubRoom {
        guard let hub = hubRooms[room] else { throw MIMIError(.unknownTarget, "this provider hosts no room \(room)") }
        return hub
    }

    /// The hub's acceptance time in milliseconds.
    static func timestamp(_ now: Instant) -> UInt64 { now.milliseconds }
}
