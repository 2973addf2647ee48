import MLS
import MLSCrypto

/// Settings of a client.
public struct ClientConfig: Sendable {
    /// The role this client gives users it adds (and itself when it creates a room): `ordinary_user` (2) of the cooperative set.
    public var memberRole: UInt32
    /// How many KeyPackages the client keeps published: one is published again each time one is used.
    public var keyPackageStock: Int
    /// Where the client's groups reuse participant-list results (a simulation shares one between its nodes).
    public var participantLists = ParticipantListMemo()

    /// Defaults: role 2, two KeyPackages.
    public init(memberRole: UInt32 = 2, keyPackageStock: Int = 2) {
        self.memberRole = memberRole
        self.keyPackageStock = keyPackageStock
    }
}

/// A MIMI client as a sans-IO state machine: a full MLS member of its rooms that talks only to its own
/// provider. It turns its user's commands into handshakes and messages, and processes what the provider
/// pushes (the hub's fan-out, in hub order).
///
/// Per room it runs one handshake at a time. A commit is merged only when it comes back through the fan-out
/// (so every member applies commits and messages in the hub's order); a commit that loses a race is rebuilt
/// on the winner's epoch and sent again; a message for an old epoch is encrypted again in the new one.
///
/// Driving it: `handle(.command(...))` for its user, `handle(.received(...))` for transmits addressed to it;
/// after each call drain `pollTransmit()` and `pollEvent()`. It never reads a clock and has no timers.
public struct Client {
    /// The client's URI (`mimi://<domain>/d/<user>.<device>`), also its MLS basic credential.
    public let uri: IdentifierURI
    /// The client's user.
    public let user: IdentifierURI
    /// Its provider's domain.
    public let provider: String
    /// The configuration.
    public let config: ClientConfig
    /// The crypto context (meter actor and random source of this client).
    public var crypto: CryptoContext
    let identity: MemberIdentity
    var unusedKeyPackages: [KeyPackageBundle] = []
    /// The own provider's franking key, from its `publishKeyPackages` answer (rooms are created at the own provider).
    var providerKey: HubFrankingKey?
    var rooms: [IdentifierURI: ClientRoom] = [:]
    var requests: [UInt64: PendingRequest] = [:]
    var nextRequestID: UInt64 = 1
    var nextMessageID: UInt64 = 1
    var transmits = OutputQueue<Transmit>()
    var events = OutputQueue<ClientEvent>()

    /// What an outstanding request of this client is for.
    enum PendingRequest {
        case publish
        case createRoom(IdentifierURI)
        case claim(IdentifierURI)
        case update(IdentifierURI)
        case submit(IdentifierURI, messageID: UInt64)
        case groupInfo(IdentifierURI, key: HPKEPrivateKey)
        case subscribe(IdentifierURI)
        case unsubscribe
    }

    /// A client with a fresh signature key; `uri` must be a client URI of `provider`'s domain.
    public init(uri: IdentifierURI, crypto: CryptoContext, config: ClientConfig = ClientConfig()) throws(MIMIError) {
        guard let user = MIMIURI.user(ofClient: uri), let provider = MIMIURI.domain(of: uri) else {
            throw MIMIError(.invalidValue, "\(uri) is not a client URI (mimi://<domain>/d/<user>.<device>)")
        }
        self.uri = uri
        self.user = user
        self.provider = provider
        self.config = config
        self.crypto = crypto
        do {
            identity = try MemberIdentity(crypto, identity: uri.bytes, capabilities: RoomExtensions.capabilities(crypto.suite))
        } catch { throw MIMIError(.crypto, "client identity", underlying: error) }
    }

    /// Handles a command or a received transmit.
    public mutating func handle(_ input: ClientInput, now: Instant) {
        switch input {
        case .command(let command): run(command, now: now)
        case .received(let transmit): receive(transmit, now: now)
        }
    }

    /// Clients have no timers; present for the driver's uniform loop.
    public mutating func handleTimeout(now: Instant) {}

    /// Always nil: a client sets no timers.
    public func nextTimeout() -> Instant? { nil }

    /// The next transmit to send.
    public mutating func pollTransmit() -> Transmit? { transmits.pop() }

    /// The next event.
    public mutating func pollEvent() -> ClientEvent? { events.pop() }

    /// Every transmit to send, in order (what `pollTransmit()` returns until nil), at once.
    public mutating func takeTransmits() -> [Transmit] { transmits.takeAll() }

    /// Every event, in order (what `pollEvent()` returns until nil), at once.
    public mutating func takeEvents() -> [ClientEvent] { events.takeAll() }

    /// The client's MLS group of `room`, when it is a member.
    public func group(of room: IdentifierURI) -> Group? { rooms[room]?.group }

    /// Whether the client has a group of `room` (`group(of:)` is not nil), without copying the group.
    public func isMember(of room: IdentifierURI) -> Bool { rooms[room]?.hasGroup ?? false }

    /// `isMember(of:)` for a driver that holds the client in place: the room is read where it is in the dictionary's
    /// storage, neither copied out (as reading it does) nor moved out and back (as `inPlace` does).
    public mutating func isMemberInPlace(of room: IdentifierURI) -> Bool {
        guard let index = rooms.index(forKey: room) else { return false }
        return Self.hasGroup(&rooms.values[index])
    }

    /// `room.hasGroup`, on the room where it is.
    static func hasGroup(_ room: inout ClientRoom) -> Bool { room.hasGroup }

    /// The public ratchet tree and the group context of this client's group in `room`, or nil when it is not a member.
    public mutating func groupTreeAndContext(in room: IdentifierURI) -> (tree: RatchetTree, context: GroupContext)? {
        inPlace(room) { $0?.group.map { ($0.tree, $0.context) } }
    }

    /// Lets the tree of this client's group in `room` share storage with `tree` wherever they hold the same nodes,
    /// and its context's extension bodies with the byte-equal ones of `context` (`Group.shareStorage`): memory only
    /// (a simulation keeps one copy of a room's tree and participant list for its members), no state changes.
    public mutating func shareGroupStorage(in room: IdentifierURI, tree: RatchetTree, context: GroupContext) {
        inPlace(room) { $0?.group?.shareStorage(tree: tree, context: context) }
    }

    /// Runs `body` on `room`'s slot where it is (inout access: a plain read of `rooms[room]` copies the whole room out).
    mutating func inPlace<T>(_ room: IdentifierURI, _ body: (inout ClientRoom?) -> T) -> T { body(&rooms[room]) }

    /// The rooms the client is a member of, sorted.
    public var memberRooms: [IdentifierURI] { rooms.filter { $0.value.group != nil }.map(\.key).sorted() }

    /// Whether nothing is outstanding: no request, no queued command, no unsent or unconfirmed message.
    public var isIdle: Bool { requests.isEmpty && rooms.values.allSatisfy(\.isIdle) }

    // MARK: - Output helpers

    /// Sends a client-API request to the provider.
    mutating func send(_ endpoint: ClientEndpoint, target: String, body: [UInt8], pending: PendingRequest) {
        let id = nextRequestID
        nextRequestID += 1
        requests[id] = pending
        transmits.push(Transmit(from: .client(uri), to: .provider(provider), kind: .request(id: id, route: .client(endpoint), target: target),
                                body: body))
    }
}

/// One room as a client sees it.
struct ClientRoom {
    /// A handshake the user asked for.
    enum Intent {
        /// Add users in one commit: their KeyPackages are claimed one user at a time, then committed together.
        case add([IdentifierURI], claimed: [(user: IdentifierURI, packages: [KeyPackage])])
        case remove(IdentifierURI)
        case leave
        case commit
        case joinExternally
    }

    /// A handshake sent and not yet settled.
    struct InFlight {
        /// What takes effect when the handshake comes back. Stored out of line (`indirect`): a next epoch or a
        /// joined group is large, and a room (with its handshake) moves out of the client's dictionary and back
        /// on every delivery.
        indirect enum Effect {
            /// Nothing (a proposal).
            case nothing
            /// The own commit's next epoch, merged when the commit comes back.
            case staged(StagedCommit)
            /// The group an external join produces, live once the commit comes back.
            case tentative(Group)
        }

        /// The encoded commit or proposal.
        let bytes: [UInt8]
        /// What takes effect when it comes back.
        let effect: Effect
        /// Whether it is a proposal (settled by the response alone).
        let isProposal: Bool
        /// Whether the hub answered success.
        var acknowledged = false
    }

    /// A message of this client.
    struct Outgoing {
        let id: UInt64
        let content: [UInt8]
        /// The encoded PrivateMessage while one is submitted.
        var sent: [UInt8]?
        var requestID: UInt64?
        /// Send (again) only once the group reaches this epoch.
        var waitEpoch: UInt64 = 0
        var frank: [UInt8]?
        var echoed = false
    }

    var group: Group?
    /// The generation of the provider's subscription (from the latest push).
    var generation: UInt64 = 0
    var intents: [Intent] = []
    var inFlight: InFlight?
    /// A claim or GroupInfo request for the first intent is outstanding.
    var preparing = false
    /// The first intent waits until the group reaches this epoch (after wrongEpoch).
    var waitEpoch: UInt64 = 0
    var outgoing: [Outgoing] = []
    /// The client's SelfRemove was accepted: it commits nothing more.
    var leaving = false
    /// The client asked its provider for the room's fan-out (before an external join).
    var subscribed = false
    /// The room's hub franking key, kept with the dictionary it was read from.
    var hubKey = HubKeyMemo()

    /// Removes a settled message; the last one frees the list's storage, so that a room with no message outstanding
    /// reads no heap memory when a delivery checks it.
    mutating func removeOutgoing(at index: Int) {
        outgoing.remove(at: index)
        if outgoing.isEmpty { outgoing = [] }
    }

    /// Whether nothing is outstanding in the room.
    var isIdle: Bool { intents.isEmpty && !hasHandshakeInFlight && !preparing && outgoing.isEmpty }

    /// Whether `group` is set (matched, not compared with nil: that would copy the group).
    var hasGroup: Bool { if case .some = group { true } else { false } }

    /// Whether `inFlight` is set (matched, not compared with nil: that would copy the handshake and its staged commit).
    var hasHandshakeInFlight: Bool { if case .some = inFlight { true } else { false } }
}

extension Client {
    /// Where `room` is in `rooms`: a client in one room compares its name instead of hashing it.
    func roomIndex(_ room: IdentifierURI) -> Dictionary<IdentifierURI, ClientRoom>.Index? {
        if rooms.count == 1 { return rooms.keys.first == room ? rooms.startIndex : nil }
        return rooms.index(forKey: room)
    }
}
