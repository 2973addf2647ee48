/// Where a provider's two listeners are: the federation listener (mutual TLS, the MIMI endpoints) and the
/// client-API listener (server TLS only).
public struct PeerAddress: Sendable, Hashable {
    /// The provider's domain (`Host` of every request to it, and its certificate's DNS name).
    public let domain: String
    /// The loopback address both listeners bind.
    public let ip: String
    /// The federation listener's port.
    public let federationPort: Int
    /// The client-API listener's port.
    public let clientPort: Int

    /// An address.
    public init(domain: String, ip: String, federationPort: Int, clientPort: Int) {
        self.domain = domain
        self.ip = ip
        self.federationPort = federationPort
        self.clientPort = clientPort
    }

    /// `https://ip:federationPort`.
    public var federationBase: String { "https://\(ip):\(federationPort)" }
    /// `https://ip:clientPort`.
    public var clientBase: String { "https://\(ip):\(clientPort)" }
}
