/// Who sends or receives a transmit: a provider (by domain) or a client (by its client URI).
public enum NodeAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// A provider server, named by its domain (`a.example`).
    case provider(String)
    /// A client device, named by its URI (`mimi://a.example/d/alice.1`).
    case client(IdentifierURI)

    /// Providers before clients, then by name.
    public static func < (a: NodeAddress, b: NodeAddress) -> Bool {
        switch (a, b) {
        case (.provider(let x), .provider(let y)): x < y
        case (.client(let x), .client(let y)): x < y
        case (.provider, .client): true
        case (.client, .provider): false
        }
    }

    /// The domain or the client URI.
    public var description: String {
        switch self {
        case .provider(let domain): domain
        case .client(let uri): uri.uri
        }
    }
}

/// The endpoints of the client API between a client and its own provider (ours, not the draft's: the
/// draft leaves the client-to-provider protocol open). Bodies are the draft's wire types where one fits.
public enum ClientEndpoint: String, Hashable, Sendable, CaseIterable {
    /// Body `KeyPackage key_packages<V>`; the provider stores them for `keyMaterial` claims. Target: empty.
    /// Answer: the provider's `HubFrankingKey` (what the client puts in the rooms it creates).
    case publishKeyPackages
    /// Body: the GroupInfo (with `ratchet_tree`) of a new group; the provider must be the room's hub. Target: room.
    case createRoom
    /// Body: the target user's `IdentifierUri`; answered with a `KeyMaterialResponse`. Target: room.
    case claimKeyMaterial
    /// Body: an `UpdateRequest`; answered with an `UpdateRoomResponse`. Target: room.
    case update
    /// Body: a `SubmitMessageRequest`; answered with a `SubmitMessageResponse`. Target: room.
    case submitMessage
    /// Body: a `GroupInfoRequest`; answered with a `GroupInfoResponse`. Target: room.
    case groupInfo
    /// Body empty; the client receives the room's fan-out from now on (before an external join). Answer: `uint64` generation.
    case subscribe
    /// Body `uint64 generation`; ends that subscription (after the client learned it was removed). Target: room.
    case unsubscribe
}

/// What a request is for: a MIMI endpoint between providers, or the client API.
public enum Route: Hashable, Sendable, CustomStringConvertible {
    /// A draft-ietf-mimi-protocol endpoint, provider to provider.
    case mimi(MIMIEndpoint)
    /// The client API, client to its provider.
    case client(ClientEndpoint)

    /// The endpoint's name.
    public var description: String {
        switch self {
        case .mimi(let e): e.rawValue
        case .client(let e): "client/\(e.rawValue)"
        }
    }
}

/// The HTTP status a response carries (live mode maps these one to one).
public enum ResponseStatus: UInt16, Hashable, Sendable {
    /// 200: the body is the endpoint's response type (which may itself say `wrongEpoch`, `notAllowed`, ...).
    case ok = 200
    /// 400: the request did not decode or failed validation; the body is the error text.
    case badRequest = 400
    /// 403: the sender may not use this endpoint for this target (for example a notify not from the room's hub).
    case forbidden = 403
    /// 404: no such room or user.
    case notFound = 404
}

/// What kind of message a transmit is.
public enum TransmitKind: Hashable, Sendable {
    /// A request the receiver answers with a response of the same id. `target` is the URL's path parameter.
    case request(id: UInt64, route: Route, target: String)
    /// The answer to request `id` of the receiver.
    case response(id: UInt64, status: ResponseStatus)
    /// A provider-to-client push of the room `target`'s fan-out (no answer): `uint64 generation` then one `FanoutMessage`.
    case push(target: String)
}

/// One message on the wire between two nodes: addressed, with its encoded body.
public struct Transmit: Hashable, Sendable {
    /// The sender.
    public var from: NodeAddress
    /// The receiver.
    public var to: NodeAddress
    /// Request, response or push, with its routing fields.
    public var kind: TransmitKind
    /// The encoded body.
    public var body: [UInt8]

    /// A transmit.
    public init(from: NodeAddress, to: NodeAddress, kind: TransmitKind, body: [UInt8]) {
        self.from = from
        self.to = to
        self.kind = kind
        self.body = body
    }
}

/// A first-in first-out queue of outputs (transmits or events) that a driver drains by polling.
struct OutputQueue<Element> {
    private var items: [Element] = []
    private var head = 0

    /// Appends an output.
    mutating func push(_ item: Element) { items.append(item) }

    /// Removes and returns the oldest output.
    mutating func pop() -> Element? {
        guard head < items.count else {
            // Drained: drop the delivered outputs now (a driver polls until nil after every input).
            if head > 0 { items.removeAll(keepingCapacity: true); head = 0 }
            return nil
        }
        let item = items[head]
        head += 1
        if head > 64 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return item
    }

    /// The number of outputs waiting.
    var count: Int { items.count - head }

    /// Removes and returns every waiting output, oldest first (what `pop()` returns until nil), moved out at once.
    mutating func takeAll() -> [Element] {
        if head > 0 { items.removeFirst(head); head = 0 }
        defer { items = [] }
        return items
    }
}
