import NIOHTTP1

/// One HTTP request as a server hands it to its responder: method, path, headers, the whole body, and who the
/// verified TLS client certificate names.
public struct LiveRequest: Sendable {
    /// The request method.
    public var method: HTTPMethod
    /// The path without the query string (still percent-encoded).
    public var path: String
    /// The request headers.
    public var headers: HTTPHeaders
    /// The whole body.
    public var body: [UInt8]
    /// The DNS names (subjectAltName) of the verified client certificate; empty when the peer sent none.
    public var peerDomains: [String]

    /// A request.
    public init(method: HTTPMethod, path: String, headers: HTTPHeaders = [:], body: [UInt8] = [], peerDomains: [String] = []) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.peerDomains = peerDomains
    }
}

/// The answer a responder gives.
public struct LiveResponse: Sendable {
    /// The status code.
    public var status: HTTPResponseStatus
    /// Extra headers (Content-Length is added by the server).
    public var headers: HTTPHeaders
    /// The body.
    public var body: [UInt8]

    /// A response; `contentType` defaults to the MIMI binary media type.
    public init(_ status: HTTPResponseStatus, body: [UInt8] = [], contentType: String = LiveMedia.binary) {
        self.status = status
        self.headers = ["Content-Type": contentType]
        self.body = body
    }

    /// A plain-text error answer (the typed error's text for 400s, the refusal's reason for 403s).
    public static func text(_ status: HTTPResponseStatus, _ message: String) -> LiveResponse {
        LiveResponse(status, body: Array(message.utf8), contentType: "text/plain; charset=utf-8")
    }
}

/// Media types and header names the live mode uses.
public enum LiveMedia {
    /// The MIMI protocol's binary bodies (TLS presentation language).
    public static let binary = "application/mimi-protocol"
    /// The JSON endpoint directory.
    public static let json = "application/json"
    /// The header naming the sending provider's domain (must match the client certificate).
    public static let from = "From"
    /// The header naming the client URI on our client API.
    public static let client = "MIMI-Client"
}

/// A function that answers requests (called on the concurrency pool, never on an event loop).
public typealias LiveResponder = @Sendable (LiveRequest) async -> LiveResponse
