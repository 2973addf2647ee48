import MLS

/// `KeyMaterialUserCode` (draft-ietf-mimi-protocol-06 §5.2): the outcome for the target user as a whole.
public enum KeyMaterialUserCode: UInt8, MIMIWireEnum {
    /// Key material was returned for every client.
    case success = 0
    /// Key material was returned for at least one client.
    case partialSuccess = 1
    /// The protocol is not supported by the provider or by any of the user's clients.
    case incompatibleProtocol = 2
    /// No client had key material matching the required capabilities.
    case noCompatibleMaterial = 3
    /// The target user is not known.
    case userUnknown = 4
    /// The requester has no consent to fetch key material for the user.
    case noConsent = 5
    /// The user consented for other rooms but not for this one.
    case noConsentForThisRoom = 6
    /// The user existed and was deleted.
    case userDeleted = 7
    /// The draft's enum name.
    public static var wireName: String { "KeyMaterialUserCode" }

    /// Whether a response with this code may list clients (§5.2: only success, partialSuccess, noCompatibleMaterial).
    public var mayListClients: Bool { self == .success || self == .partialSuccess || self == .noCompatibleMaterial }
}

/// `KeyMaterialClientCode` (§5.2): the outcome for one client.
public enum KeyMaterialClientCode: UInt8, MIMIWireEnum {
    /// A KeyPackage follows.
    case success = 0
    /// The client has no key material left.
    case keyMaterialExhausted = 1
    /// The client has nothing compatible; its capabilities may follow.
    case nothingCompatible = 2
    /// The draft's enum name.
    public static var wireName: String { "KeyMaterialClientCode" }
}

/// `ClientKeyMaterial` (§5.2, `mls10` arm): one client's status and, on success, its KeyPackage.
public struct ClientKeyMaterial: Hashable, Sendable, WireCodable {
    /// What was returned for the client.
    public enum Outcome: Hashable, Sendable {
        /// `success`: the claimed KeyPackage.
        case success(KeyPackage)
        /// `keyMaterialExhausted`.
        case keyMaterialExhausted
        /// `nothingCompatible`, with the client's capabilities unless withheld for privacy.
        case nothingCompatible(Capabilities?)

        /// The status code on the wire.
        public var code: KeyMaterialClientCode {
            switch self {
            case .success: .success
            case .keyMaterialExhausted: .keyMaterialExhausted
            case .nothingCompatible: .nothingCompatible
            }
        }
    }

    /// The client's URI.
    public var clientURI: IdentifierURI
    /// The client's status and payload.
    public var outcome: Outcome

    /// One client's entry.
    public init(clientURI: IdentifierURI, outcome: Outcome) {
        self.clientURI = clientURI
        self.outcome = outcome
    }

    /// Writes `clientStatus`, `clientUri` and the arm the status selects.
    public func encode(to writer: inout WireWriter) {
        outcome.code.encode(to: &writer)
        clientURI.encode(to: &writer)
        switch outcome {
        case .success(let keyPackage): keyPackage.encode(to: &writer)
        case .keyMaterialExhausted: break
        case .nothingCompatible(let capabilities): writer.writeOptional(capabilities)
        }
    }

    /// Reads the status, the URI and the arm the status selects.
    public init(from reader: inout WireReader) throws(CodecError) {
        let code = try KeyMaterialClientCode(from: &reader)
        clientURI = try IdentifierURI(from: &reader)
        switch code {
        case .success: outcome = .success(try KeyPackage(from: &reader))
        case .keyMaterialExhausted: outcome = .keyMaterialExhausted
        case .nothingCompatible: outcome = .nothingCompatible(try reader.readOptional(of: Capabilities.self))
        }
    }
}

/// `KeyMaterialResponse` (§5.2): the user status and one entry per client.
///
/// Decoding and `init` enforce the draft's rules: clients only for success, partialSuccess and
/// noCompatibleMaterial; `success` means every client succeeded; `partialSuccess` means at least one did.
public struct KeyMaterialResponse: Hashable, Sendable, WireCodable {
    /// The end-to-end protocol (always `mls10`).
    public var protocolVersion: MIMIProtocol
    /// The outcome for the user.
    public var userStatus: KeyMaterialUserCode
    /// The target user's URI.
    public var userURI: IdentifierURI
    /// One entry per client (empty unless `userStatus.mayListClients`).
    public var clients: [ClientKeyMaterial]

    /// A response; throws `invalidValue` when the clients contradict the user status.
    public init(userStatus: KeyMaterialUserCode, userURI: IdentifierURI, clients: [ClientKeyMaterial] = []) throws(MIMIError) {
        if let why = Self.inconsistency(userStatus, clients) { throw MIMIError(.invalidValue, why) }
        protocolVersion = .mls10
        self.userStatus = userStatus
        self.userURI = userURI
        self.clients = clients
    }

    /// Why a user status and client list contradict each other, or nil when they agree.
    static func inconsistency(_ status: KeyMaterialUserCode, _ clients: [ClientKeyMaterial]) -> String? {
        if !status.mayListClients && !clients.isEmpty {
            return "KeyMaterialResponse with userStatus \(status) must not list clients"
        }
        let successes = clients.filter { $0.outcome.code == .success }.count
        switch status {
        case .success where clients.isEmpty || successes != clients.count:
            return "userStatus success requires key material for every listed client (and at least one client)"
        case .partialSuccess where successes == 0 || successes == clients.count:
            return "userStatus partialSuccess requires some, but not all, clients to succeed"
        case .noCompatibleMaterial where successes > 0:
            return "userStatus noCompatibleMaterial cannot carry a KeyPackage"
        default:
            return nil
        }
    }

    /// Writes the protocol, status, user URI and clients.
    public func encode(to writer: inout WireWriter) {
        protocolVersion.encode(to: &writer)
        userStatus.encode(to: &writer)
        userURI.encode(to: &writer)
        writer.writeArray(clients)
    }

    /// Reads every field and checks the clients against the user status.
    public init(from reader: inout WireReader) throws(CodecError) {
        protocolVersion = try MIMIProtocol(from: &reader)
        let statusAt = reader.offset
        userStatus = try KeyMaterialUserCode(from: &reader)
        userURI = try IdentifierURI(from: &reader)
        clients = try reader.readArray()
        if let why = Self.inconsistency(userStatus, clients) { throw CodecError(.invalidValue, at: statusAt, why) }
    }
}
