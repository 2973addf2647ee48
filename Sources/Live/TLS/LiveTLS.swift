import NIOCore
import NIOSSL

/// The four TLS configurations of a live run, all TLS 1.3 and all trusting the run CA only (no system roots).
///
/// | builder              | presents        | verifies the peer                                        |
/// |----------------------|-----------------|----------------------------------------------------------|
/// | `federationServer`   | provider's cert | requires a client cert chaining to the run CA            |
/// | `clientAPIServer`    | provider's cert | asks for no client cert                                  |
/// | `federationClient`   | provider's cert | server cert chains to the run CA and matches the target  |
/// | `clientAPIClient`    | nothing         | server cert chains to the run CA and matches the target  |
///
/// "Matches the target" is NIOSSL's hostname verification: for a URL naming a DNS name (e.g. `a.example`
/// reached through AsyncHTTPClient's `dnsOverride`) it matches a SAN dNSName; for a URL naming an IP
/// (`https://127.0.0.2:PORT/`) no SNI is sent and it matches a SAN iPAddress against the connected address.
/// Provider certificates carry both, so either way of addressing a peer passes.
public enum LiveTLS {
    /// How long closing a connection waits for the peer's TLS close_notify before closing the socket anyway.
    ///
    /// NIOSSL's default is 5 s. Measured with it: a Hummingbird server closing an idle AsyncHTTPClient keep-alive
    /// connection on graceful shutdown did not see the reply and waited the full 5 s on every stop.
    /// On loopback a reply that comes at all comes in microseconds; after the timeout the socket just closes.
    public static let closeNotifyTimeout: TimeAmount = .milliseconds(250)

    /// A federation (provider-to-provider) server: presents `identity`, requires a client certificate issued by `ca`.
    ///
    /// BoringSSL runs with `SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT`: a client without a certificate, or
    /// with one from another CA, fails the handshake before any request reaches a handler. The client's
    /// name is not checked here (a server has no name to check it against); read it with `PeerIdentity`.
    public static func federationServer(identity: TLSIdentity, ca: RunCertificateAuthority) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfigurationWithMTLS(
            certificateChain: identity.certificateChainSources,
            privateKey: identity.privateKeySource,
            trustRoots: ca.trustRoots
        )
        configuration.certificateVerification = .noHostnameVerification
        configuration.minimumTLSVersion = .tlsv13
        configuration.shutdownTimeout = closeNotifyTimeout
        return configuration
    }

    /// A client-API server (a provider's own clients connect here): presents `identity`, asks for no client certificate.
    public static func clientAPIServer(identity: TLSIdentity) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: identity.certificateChainSources,
            privateKey: identity.privateKeySource
        )
        configuration.certificateVerification = .none
        configuration.minimumTLSVersion = .tlsv13
        configuration.shutdownTimeout = closeNotifyTimeout
        return configuration
    }

    /// A federation client (a provider calling a peer): presents `identity`, trusts only `ca`, verifies the server's name.
    public static func federationClient(identity: TLSIdentity, ca: RunCertificateAuthority) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateChain = identity.certificateChainSources
        configuration.privateKey = identity.privateKeySource
        configuration.trustRoots = ca.trustRoots
        configuration.additionalTrustRoots = []
        configuration.certificateVerification = .fullVerification
        configuration.minimumTLSVersion = .tlsv13
        configuration.shutdownTimeout = closeNotifyTimeout
        return configuration
    }

    /// A client-API client (a MIMI client calling its provider): presents nothing, trusts only `ca`, verifies the server's name.
    public static func clientAPIClient(ca: RunCertificateAuthority) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = ca.trustRoots
        configuration.additionalTrustRoots = []
        configuration.certificateVerification = .fullVerification
        configuration.minimumTLSVersion = .tlsv13
        configuration.shutdownTimeout = closeNotifyTimeout
        return configuration
    }
}
