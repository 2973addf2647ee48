import AsyncHTTPClient
import NIOCore
import NIOSSL

extension LiveTLS {
    /// An AsyncHTTPClient configuration for live mode around one of this type's client TLS configurations.
    ///
    /// - HTTP/1.1 only (the live servers speak HTTP/1.1 over TLS; no ALPN negotiation to get wrong).
    /// - No redirects, no decompression.
    /// - `retryConnectionEstablishment` off: a failed connect or TLS handshake fails the request at once
    ///   instead of being retried with backoff until `connectTimeout`; the MIMI provider core owns retries.
    /// - `dnsOverride` maps provider domains to their loopback IPs (`["b.example": "127.0.0.3"]`), so a URL
    ///   can name the domain: SNI and hostname verification then use the domain (SAN dNSName), and the
    ///   Host header is the domain. Without it, use an IP URL and set the Host header yourself.
    public static func httpClientConfiguration(
        _ tlsConfiguration: TLSConfiguration,
        dnsOverride: [String: String] = [:],
        connectTimeout: TimeAmount = .seconds(5),
        readTimeout: TimeAmount = .seconds(30),
        connectionsPerHost: Int = 8
    ) -> HTTPClient.Configuration {
        var pool = HTTPClient.Configuration.ConnectionPool(
            idleTimeout: .seconds(60),
            concurrentHTTP1ConnectionsPerHostSoftLimit: connectionsPerHost
        )
        pool.retryConnectionEstablishment = false
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tlsConfiguration,
            redirectConfiguration: .disallow,
            timeout: .init(connect: connectTimeout, read: readTimeout),
            connectionPool: pool,
            decompression: .disabled
        )
        configuration.httpVersion = .http1Only
        configuration.dnsOverride = dnsOverride
        return configuration
    }
}
