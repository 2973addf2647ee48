import NIOSSL
import X509

/// A provider's TLS identity for one run: its certificate (issued by the run CA) and private key.
///
/// The same identity serves both directions of federation: a provider presents it as a server
/// (to peers and to its own clients) and as a client (when it calls a peer). The certificate names
/// the provider by its domain (SAN dNSName) and by the loopback address it listens on (SAN iPAddress).
public struct TLSIdentity: Sendable {
    /// The provider domain the certificate names (SAN dNSName), e.g. `a.example`.
    public let domain: String
    /// The IP address the certificate names (SAN iPAddress), e.g. `127.0.0.2`.
    public let ipAddress: String
    /// The issued certificate, as swift-certificates parsed it.
    public let certificate: Certificate
    /// The certificate chain to present in a handshake: the leaf only (the run CA is trusted, not sent).
    public let certificateChain: [NIOSSLCertificate]
    /// The private key matching the leaf certificate, for NIOSSL.
    public let privateKey: NIOSSLPrivateKey
    /// The leaf certificate, DER-encoded.
    public let certificateDER: [UInt8]
    /// The private key, DER-encoded PKCS#8.
    public let privateKeyDER: [UInt8]

    /// The chain as `TLSConfiguration.certificateChain` wants it.
    public var certificateChainSources: [NIOSSLCertificateSource] { certificateChain.map { .certificate($0) } }
    /// The key as `TLSConfiguration.privateKey` wants it.
    public var privateKeySource: NIOSSLPrivateKeySource { .privateKey(privateKey) }
}
