import MLS
import MLSCrypto

/// `GroupInfoCode` (draft-ietf-mimi-protocol-06 §5.6).
public enum GroupInfoCode: UInt8, MIMIWireEnum {
    /// The GroupInfo and ratchet tree follow.
    case success = 1
    /// The requester may not have the GroupInfo.
    case notAuthorized = 2
    /// No such room.
    case noSuchRoom = 3
    /// The draft's enum name.
    public static var wireName: String { "GroupInfoCode" }
}

/// The `success` arm of a `GroupInfoResponse`.
public struct GroupInfoGrant: Hashable, Sendable {
    /// The suite of the signature.
    public var cipherSuite: CipherSuiteID
    /// The hub as an external sender (its signature key signs the response).
    public var hubSender: ExternalSender
    /// The encrypted `GroupInfoRatchetTreeTBE`.
    public var encryptedGroupInfoAndTree: HPKECiphertext
    /// SignWithLabel(hub_sender.signature_key, "GroupInfoResponseTBS", GroupInfoResponseTBS).
    public var signature: [UInt8]

    /// The success arm's fields.
    public init(cipherSuite: CipherSuiteID, hubSender: ExternalSender, encryptedGroupInfoAndTree: HPKECiphertext, signature: [UInt8] = []) {
        self.cipherSuite = cipherSuite
        self.hubSender = hubSender
        self.encryptedGroupInfoAndTree = encryptedGroupInfoAndTree
        self.signature = signature
    }
}

/// `GroupInfoResponse` (§5.6): the hub's answer to a `GroupInfoRequest`.
///
/// The draft names the first field `version` but selects on `protocol`; it is the `Protocol` enum here.
/// The TBS covers the success arm's fields; failures carry no signature.
public struct GroupInfoResponse: Hashable, Sendable, WireCodable {
    /// The signing label of the response.
    public static let signatureLabel = "GroupInfoResponseTBS"

    /// The end-to-end protocol (always `mls10`).
    public var protocolVersion: MIMIProtocol
    /// The room's ID.
    public var roomID: [UInt8]
    /// The outcome: the grant for `success`, nil otherwise.
    public private(set) var status: GroupInfoCode
    /// The success arm, present exactly when `status` is `success`.
    public private(set) var grant: GroupInfoGrant?

    /// A successful response.
    public init(roomID: [UInt8], grant: GroupInfoGrant) {
        protocolVersion = .mls10
        self.roomID = roomID
        status = .success
        self.grant = grant
    }

    /// A failed response; throws `invalidValue` for `success` (which needs a grant).
    public init(roomID: [UInt8], failure: GroupInfoCode) throws(MIMIError) {
        guard failure != .success else { throw MIMIError(.invalidValue, "a successful GroupInfoResponse needs a grant") }
        protocolVersion = .mls10
        self.roomID = roomID
        status = failure
        grant = nil
    }

    /// The encoded `GroupInfoResponseTBS` (nil unless successful).
    public var tbs: [UInt8]? {
        guard let grant else { return nil }
        var writer = WireWriter()
        encodeTBS(grant, to: &writer)
        return writer.bytes
    }

    private func encodeTBS(_ grant: GroupInfoGrant, to writer: inout WireWriter) {
        protocolVersion.encode(to: &writer)
        writer.writeOpaque(roomID)
        status.encode(to: &writer)
        grant.cipherSuite.encode(to: &writer)
        grant.hubSender.encode(to: &writer)
        grant.encryptedGroupInfoAndTree.encode(to: &writer)
    }

    /// Signs a successful response with the hub's key.
    public mutating func sign(with key: SignaturePrivateKey, crypto: CryptoContext) throws(MIMIError) {
        guard let tbs else { throw MIMIError(.invalidValue, "only a successful GroupInfoResponse is signed") }
        do {
            grant?.signature = try crypto.signWithLabel(key, Self.signatureLabel, tbs)
        } catch {
            throw MIMIError(.crypto, "signing GroupInfoResponse failed", underlying: error)
        }
    }

    /// Verifies a successful response's signature with `hub_sender.signature_key`.
    public func verifySignature(crypto: CryptoContext) throws(MIMIError) {
        guard let tbs, let grant else { throw MIMIError(.invalidValue, "a failed GroupInfoResponse has no signature") }
        do {
            let key = try crypto.signaturePublicKey(grant.hubSender.signatureKey)
            try crypto.verifyWithLabel(key, Self.signatureLabel, tbs, grant.signature)
        } catch {
            throw MIMIError(.crypto, "GroupInfoResponse signature does not verify", underlying: error)
        }
    }

    /// Writes the protocol, room ID, status and, on success, the grant.
    public func encode(to writer: inout WireWriter) {
        if let grant {
            encodeTBS(grant, to: &writer)
            writer.writeOpaque(grant.signature)
        } else {
            protocolVersion.encode(to: &writer)
            writer.writeOpaque(roomID)
            status.encode(to: &writer)
        }
    }

    /// Reads the protocol, room ID, status and the arm it selects.
    public init(from reader: inout WireReader) throws(CodecError) {
        protocolVersion = try MIMIProtocol(from: &reader)
        roomID = try reader.readOpaque()
        status = try GroupInfoCode(from: &reader)
        guard status == .success else { grant = nil; return }
        grant = GroupInfoGrant(cipherSuite: try CipherSuiteID(from: &reader), hubSender: try ExternalSender(from: &reader),
                               encryptedGroupInfoAndTree: try HPKECiphertext(from: &reader), signature: try reader.readOpaque())
    }
}
