/// One entry of the `external_senders` extension (RFC 9420 §12.1.8.1): a party outside the group allowed
/// to send proposals.
public struct ExternalSender: Hashable, Sendable, WireCodable {
    /// The sender's signature public key (`SignaturePublicKey`).
    public var signatureKey: [UInt8]
    /// The sender's credential.
    public var credential: Credential

    /// An external sender with this key and credential.
    public init(signatureKey: [UInt8], credential: Credential) {
        self.signatureKey = signatureKey
        self.credential = credential
    }

    /// Writes the key and the credential.
    public func encode(to writer: inout WireWriter) {
        writer.writeOpaque(signatureKey)
        credential.encode(to: &writer)
    }

    /// Reads the key and the credential.
    public init(from reader: inout WireReader) throws(CodecError) {
        signatureKey = try reader.readOpaque()
        credential = try Credential(from: &reader)
    }
}

/// The body of the `external_pub` extension (RFC 9420 §12.4.3.2): the HPKE key external joiners encrypt to.
public struct ExternalPub: Hashable, Sendable, WireCodable {
    /// The `HPKEPublicKey` bytes.
    public var externalPub: [UInt8]

    /// Wraps the public key bytes.
    public init(externalPub: [UInt8]) { self.externalPub = externalPub }

    /// Writes `HPKEPublicKey external_pub`.
    public func encode(to writer: inout WireWriter) { writer.writeOpaque(externalPub) }

    /// Reads `HPKEPublicKey external_pub`.
    public init(from reader: inout WireReader) throws(CodecError) { externalPub = try reader.readOpaque() }
}
