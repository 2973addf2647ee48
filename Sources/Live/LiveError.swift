/// The one error type of the Live module: a code to switch on, a message, and the underlying cause.
///
/// Modelled on swift-certificates' `CertificateError`: callers switch on `code`; `message` names what failed;
/// `underlying` keeps the NIO, NIOSSL or X509 error that caused it.
public struct LiveError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem occurred.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// An argument is malformed (an IP address that does not parse, an empty domain).
        case invalidArgument
        /// Building, signing or encoding a certificate or key failed.
        case certificate
        /// A TLS configuration or context could not be built from the given identity and roots.
        case tlsConfiguration
        /// A server did not start listening (address in use, bind refused, stopped before it ran).
        case serverStart
        /// A server did not stop cleanly.
        case serverShutdown
        /// An HTTP exchange failed (connection, timeout, malformed answer).
        case transport
        /// The run could not finish its setup in time.
        case timeout
        /// The topology or workload cannot run live.
        case configuration
    }

    /// What kind of problem occurred.
    public let code: Code
    /// A human-readable explanation naming the value involved.
    public let message: String
    /// The error that caused this one (an `NIOSSLError`, an `IOError`, a `CertificateError`), when there is one.
    public let underlying: (any Error & Sendable)?

    /// Creates an error with a code, a message and an optional cause.
    public init(_ code: Code, _ message: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// `code: message`, followed by the underlying error when there is one.
    public var description: String {
        var text = "\(code.rawValue): \(message)"
        if let underlying { text += " (caused by: \(underlying))" }
        return text
    }
}
