import MLS
import MLSCrypto

/// `GroupInfoRequest` (draft-ietf-mimi-protocol-06 §5.6): a client asks the hub for the GroupInfo to join externally.
///
/// The draft makes `joiningCode` `optional<opaque<V>>` in the TBS but plain `opaque<V>` in the request; this
/// type uses `optional` in both, so the TBS is exactly the request without its signature.
public struct GroupInfoRequest: Hashable, Sendable, WireCodable {
    /// The signing label of the request.
    public static let signatureLabel = "GroupInfoRequestTBS"

    /// The end-to-end protocol (always `mls10`).
    public var protocolVersion: MIMIProtocol
    /// A suite shared with the hub, naming the signature algorithm of request and response.
    public var cipherSuite: CipherSuiteID
    /// The requester's `SignaturePublicKey` bytes.
    public var requestingSignatureKey: [UInt8]
    /// The requester's credential.
    public var requestingCredential: Credential
    /// The `HPKEPublicKey` the response is encrypted to.
    public var groupInfoPublicKey: [UInt8]
    /// A joining code proving permission, when the requester is not a participant.
    public var joiningCode: [UInt8]?
    /// SignWithLabel over the TBS.
    public var signature: [UInt8]

    /// A request with these fields and an empty signature (call `sign`).
    public init(cipherSuite: CipherSuiteID, requestingSignatureKey: [UInt8], requestingCredential: Credential,
                groupInfoPublicKey: [UInt8], joiningCode: [UInt8]? = nil, signature: [UInt8] = []) {
        protocolVersion = .mls10
        self.cipherSuite = cipherSuite
        self.requestingSignatureKey = requestingSignatureKey
        self.requestingCredential = requestingCredential
        self.groupInfoPublicKey = groupInfoPublicKey
        self.joiningCode = joiningCode
        self.signature = signature
    }

    /// The encoded `GroupInfoRequestTBS`.
    public var tbs: [UInt8] {
        var writer = WireWriter()
        encodeTBS(to: &writer)
        return writer.bytes
    }

    private func encodeTBS(to writer: inout WireWriter) {
        protocolVersion.encode(to: &writer)
        cipherSuite.encode(to: &writer)
        writer.writeOpaque(requestingSignatureKey)
        requestingCredential.encode(to: &writer)
        writer.writeOpaque(groupInfoPublicKey)
        writer.writeOptional(joiningCode.map(OpaqueBytes.init))
    }

    /// Sets `signature` to SignWithLabel over the TBS.
    public mutating func sign(with key: SignaturePrivateKey, crypto: CryptoContext) throws(MIMIError) {
        do {
            signature = try crypto.signWithLabel(key, Self.signatureLabel, tbs)
        } catch {
            throw MIMIError(.crypto, "signing GroupInfoRequest failed", underlying: error)
        }
    }

    /// Verifies the signature with `requestingSignatureKey`.
    public func verifySignature(crypto: CryptoContext) throws(MIMIError) {
        do {
            let key = try crypto.signaturePublicKey(requestingSignatureKey)
            try crypto.verifyWithLabel(key, Self.signatureLabel, tbs, signature)
        } catch {
            throw MIMIError(.crypto, "GroupInfoRequest signature does not verify", underlying: error)
        }
    }

    /// Writes the TBS fields and the signature.
    public func encode(to writer: inout WireWriter) {
        encodeTBS(to: &writer)
        writer.writeOpaque(signature)
    }

    /// Reads every field.
    public init(from reader: inout WireReader) throws(CodecError) {
        protocolVersion = try MIMIProtocol(from: &reader)
        cipherSuite = try CipherSuiteID(from: &reader)
        requestingSignatureKey = try reader.readOpaque()
        requestingCredential = try Credential(from: &reader)
        groupInfoPublicKey = try reader.readOpaque()
        joiningCode = try reader.readOptional(of: OpaqueBytes.self)?.bytes
        signature = try reader.readOpaque()
    }
}

/// `PendingProposal` (§5.6): a proposal the hub accepted in the current epoch, with its acceptance time.
public struct PendingProposal: Hashable, Sendable, WireCodable {
    /// The proposal message.
    public var proposal: MLSMessage
    /// When the hub accepted it (ms since the UNIX epoch).
    public var hubAcceptedTime: UInt64

    /// A pending proposal.
    public init(proposal: MLSMessage, hubAcceptedTime: UInt64) {
        self.proposal = proposal
        self.hubAcceptedTime = hubAcceptedTime
    }

    /// Writes the message and the time.
    public func encode(to writer: inout WireWriter) {
        proposal.encode(to: &writer)
        writer.writeUInt64(hubAcceptedTime)
    }

    /// Reads the message (which must carry a proposal) and the time.
    public init(from reader: inout WireReader) throws(CodecError) {
        let at = reader.offset
        proposal = try MLSMessage(from: &reader)
        try MessageKind.require(proposal, is: .proposal, field: "PendingProposal.proposal", at: at)
        hubAcceptedTime = try reader.readUInt64()
    }
}

/// `GroupInfoRatchetTreeTBE` (§5.6): what the hub encrypts to the requester.
public struct GroupInfoRatchetTreeTBE: Hashable, Sendable, WireCodable {
    /// The HPKE label of the encryption.
    public static let encryptionLabel = "GroupInfo and ratchet_tree encryption"

    /// The GroupInfo, without an embedded ratchet tree.
    public var groupInfo: GroupInfo
    /// How to get the ratchet tree.
    public var ratchetTree: RatchetTreeOption
    /// Valid proposals the hub accepted in the current epoch.
    public var pendingProposals: [PendingProposal]

    /// The plaintext.
    public init(groupInfo: GroupInfo, ratchetTree: RatchetTreeOption, pendingProposals: [PendingProposal] = []) {
        self.groupInfo = groupInfo
        self.ratchetTree = ratchetTree
        self.pendingProposals = pendingProposals
    }

    /// Writes the three fields.
    public func encode(to writer: inout WireWriter) {
        groupInfo.encode(to: &writer)
        ratchetTree.encode(to: &writer)
        writer.writeArray(pendingProposals)
    }

    /// Reads the three fields.
    public init(from reader: inout WireReader) throws(CodecError) {
        groupInfo = try GroupInfo(from: &reader)
        ratchetTree = try RatchetTreeOption(from: &reader)
        pendingProposals = try reader.readArray()
    }

    /// EncryptWithLabel(groupInfoPublicKey, label, room_id, self).
    public func encrypt(to publicKey: [UInt8], roomID: [UInt8], crypto: CryptoContext) throws(MIMIError) -> HPKECiphertext {
        do {
            let key = try crypto.hpkePublicKey(publicKey)
            let sealed = try crypto.encryptWithLabel(key, Self.encryptionLabel, roomID, encoded())
            return HPKECiphertext(kemOutput: sealed.kemOutput, ciphertext: sealed.ciphertext)
        } catch {
            throw MIMIError(.crypto, "encrypting GroupInfoRatchetTreeTBE failed", underlying: error)
        }
    }

    /// DecryptWithLabel and decode; a wrong key or tampered ciphertext is `crypto`, bad plaintext `malformedWire`.
    public static func decrypt(_ ciphertext: HPKECiphertext, with privateKey: HPKEPrivateKey, roomID: [UInt8],
                               crypto: CryptoContext) throws(MIMIError) -> GroupInfoRatchetTreeTBE {
        let plaintext: [UInt8]
        do {
            plaintext = try crypto.decryptWithLabel(privateKey, encryptionLabel, roomID,
                                                    kemOutput: ciphertext.kemOutput, ciphertext: ciphertext.ciphertext)
        } catch {
            throw MIMIError(.crypto, "decrypting GroupInfoRatchetTreeTBE failed", underlying: error)
        }
        return try MIMIWire.decode(GroupInfoRatchetTreeTBE.self, from: plaintext)
    }
}
