import MLS
import MLSCrypto

/// `KeyMaterialRequest` (draft-ietf-mimi-protocol-06 §5.2): a provider claims KeyPackages for all clients of a user.
///
/// Only the `mls10` arm exists. The signature is `SignWithLabel(requesterSignatureKey,
/// "KeyMaterialRequestTBS", KeyMaterialRequestTBS)`, where the TBS is every field before the signature.
public struct KeyMaterialRequest: Hashable, Sendable, WireCodable {
    /// The signing label of the request.
    public static let signatureLabel = "KeyMaterialRequestTBS"

    /// The end-to-end protocol (always `mls10`).
    public var protocolVersion: MIMIProtocol
    /// The user on whose behalf the key material is requested.
    public var requestingUser: IdentifierURI
    /// The user whose clients' key material is requested.
    public var targetUser: IdentifierURI
    /// The room the key material is for (may be empty outside a room).
    public var roomID: IdentifierURI
    /// Acceptable MLS cipher suites; never empty.
    public var acceptableCipherSuites: [CipherSuiteID]
    /// Capabilities every returned KeyPackage must have.
    public var requiredCapabilities: RequiredCapabilities
    /// The requester's `SignaturePublicKey` bytes.
    public var requesterSignatureKey: [UInt8]
    /// The requester's credential.
    public var requesterCredential: Credential
    /// `key_material_request_signature`.
    public var signature: [UInt8]

    /// A request with these fields; throws `invalidValue` when no cipher suite is acceptable.
    public init(requestingUser: IdentifierURI, targetUser: IdentifierURI, roomID: IdentifierURI,
                acceptableCipherSuites: [CipherSuiteID], requiredCapabilities: RequiredCapabilities,
                requesterSignatureKey: [UInt8], requesterCredential: Credential, signature: [UInt8] = []) throws(MIMIError) {
        guard !acceptableCipherSuites.isEmpty else {
            throw MIMIError(.invalidValue, "KeyMaterialRequest.acceptableCiphersuites must not be empty")
        }
        protocolVersion = .mls10
        self.requestingUser = requestingUser
        self.targetUser = targetUser
        self.roomID = roomID
        self.acceptableCipherSuites = acceptableCipherSuites
        self.requiredCapabilities = requiredCapabilities
        self.requesterSignatureKey = requesterSignatureKey
        self.requesterCredential = requesterCredential
        self.signature = signature
    }

    /// The encoded `KeyMaterialRequestTBS`: every field but the signature.
    public var tbs: [UInt8] {
        var writer = WireWriter()
        encodeTBS(to: &writer)
        return writer.bytes
    }

    private func encodeTBS(to writer: inout WireWriter) {
        protocolVersion.encode(to: &writer)
        requestingUser.encode(to: &writer)
        targetUser.encode(to: &writer)
        roomID.encode(to: &writer)
        writer.writeArray(acceptableCipherSuites)
        requiredCapabilities.encode(to: &writer)
        writer.writeOpaque(requesterSignatureKey)
        requesterCredential.encode(to: &writer)
    }

    /// Sets `signature` to SignWithLabel over the TBS with `key` (whose public key should be `requesterSignatureKey`).
    public mutating func sign(with key: SignaturePrivateKey, crypto: CryptoContext) throws(MIMIError) {
        do {
            signature = try crypto.signWithLabel(key, Self.signatureLabel, tbs)
        } catch {
            throw MIMIError(.crypto, "signing KeyMaterialRequest failed", underlying: error)
        }
    }

    /// Verifies the signature with `requesterSignatureKey`; throws `crypto` when it does not verify.
    public func verifySignature(crypto: CryptoContext) throws(MIMIError) {
        do {
            let key = try crypto.signaturePublicKey(requesterSignatureKey)
            try crypto.verifyWithLabel(key, Self.signatureLabel, tbs, signature)
        } catch {
            throw MIMIError(.crypto, "KeyMaterialRequest signature does not verify", underlying: error)
        }
    }

    /// Writes the TBS fields and the signature.
    public func encode(to writer: inout WireWriter) {
        encodeTBS(to: &writer)
        writer.writeOpaque(signature)
    }

    /// Reads every field; an empty cipher-suite list is `invalidValue`.
    public init(from reader: inout WireReader) throws(CodecError) {
        protocolVersion = try MIMIProtocol(from: &reader)
        requestingUser = try IdentifierURI(from: &reader)
        targetUser = try IdentifierURI(from: &reader)
        roomID = try IdentifierURI(from: &reader)
        let suitesAt = reader.offset
        acceptableCipherSuites = try reader.readArray()
        guard !acceptableCipherSuites.isEmpty else {
            throw CodecError(.invalidValue, at: suitesAt, "KeyMaterialRequest.acceptableCiphersuites must not be empty")
        }
        requiredCapabilities = try RequiredCapabilities(from: &reader)
        requesterSignatureKey = try reader.readOpaque()
        requesterCredential = try Credential(from: &reader)
        signature = try reader.readOpaque()
    }
}
