/// One DER-encoded X.509 certificate of an `x509` credential (RFC 9420 §5.3).
public struct Certificate: Hashable, Sendable, WireCodable {
    /// The certificate's DER bytes.
    public var certData: [UInt8]

    /// Wraps DER bytes.
    public init(certData: [UInt8]) { self.certData = certData }

    /// Writes `opaque cert_data<V>`.
    public func encode(to writer: inout WireWriter) { writer.writeOpaque(certData) }

    /// Reads `opaque cert_data<V>`.
    public init(from reader: inout WireReader) throws(CodecError) { certData = try reader.readOpaque() }
}

/// A member's claimed identity, bound to its signature key (RFC 9420 §5.3).
///
/// RFC 9420 defines the body only for `basic` and `x509`; both are a single `<V>` vector. A credential of
/// another type keeps its body as one opaque `<V>` vector (the convention of OpenMLS and mls-rs, and the
/// shape every registered type has), so a message carrying it decodes and re-encodes unchanged; whether
/// the type is acceptable is for the group's capability checks to decide (§7.2, §13.5).
public enum Credential: Hashable, Sendable, WireCodable {
    /// `basic`: an application-defined identity.
    case basic(identity: [UInt8])
    /// `x509`: a certificate chain, the end-entity certificate first.
    case x509(certificates: [Certificate])
    /// Any other credential type, with its body as opaque bytes (the content of one `<V>` vector).
    case other(CredentialType, body: [UInt8])

    /// The credential type on the wire.
    public var credentialType: CredentialType {
        switch self {
        case .basic: .basic
        case .x509: .x509
        case .other(let type, _): type
        }
    }

    /// Writes `credential_type` and the body it selects.
    public func encode(to writer: inout WireWriter) {
        credentialType.encode(to: &writer)
        switch self {
        case .basic(let identity): writer.writeOpaque(identity)
        case .x509(let certificates): writer.writeArray(certificates)
        case .other(_, let body): writer.writeOpaque(body)
        }
    }

    /// Reads `credential_type` and its body; an unknown type's body is read as one opaque `<V>` vector.
    public init(from reader: inout WireReader) throws(CodecError) {
        let type = try CredentialType(from: &reader)
        switch type {
        case .basic: self = .basic(identity: try reader.readOpaque())
        case .x509: self = .x509(certificates: try reader.readArray())
        default: self = .other(type, body: try reader.readOpaque())
        }
    }
}
