import Foundation
import MIMI

/// The paths of live mode. Provider to provider: the draft's `/v1/<endpoint>/<parameter>` (the standard
/// directory's templates) and `GET /.well-known/mimi-protocol-directory`. Client to its provider (ours):
/// `POST /client/v1/<endpoint>/<parameter>` and the long poll `GET /client/v1/events/<after>`. Parameters
/// are percent-encoded (every byte but RFC 3986 unreserved), so a URI stays one path segment.
public enum LiveRoutes {
    /// The directory's well-known path.
    public static let directory = "/.well-known/mimi-protocol-directory"

    /// `/v1/<endpoint>/<parameter>`.
    public static func mimi(_ endpoint: MIMIEndpoint, _ parameter: String) -> String {
        "/v1/\(endpoint.rawValue)/\(encode(parameter))"
    }

    /// `/client/v1/<endpoint>/<parameter>`.
    public static func client(_ endpoint: ClientEndpoint, _ parameter: String) -> String {
        "/client/v1/\(endpoint.rawValue)/\(encode(parameter))"
    }

    /// `/client/v1/events/<after>`.
    public static func events(after: UInt64) -> String { "/client/v1/events/\(after)" }

    /// The endpoint and decoded parameter of a `/v1/...` path, or nil.
    public static func parseMIMI(_ path: String) -> (MIMIEndpoint, String)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].isEmpty, parts[1] == "v1", let e = MIMIEndpoint(rawValue: String(parts[2])),
              let p = String(parts[3]).removingPercentEncoding else { return nil }
        return (e, p)
    }

    /// The endpoint and decoded parameter of a `/client/v1/...` path, or nil.
    public static func parseClient(_ path: String) -> (ClientEndpoint, String)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, parts[1] == "client", parts[2] == "v1", let e = ClientEndpoint(rawValue: String(parts[3])),
              let p = String(parts[4]).removingPercentEncoding else { return nil }
        return (e, p)
    }

    /// The `after` of a long-poll path, or nil.
    public static func parseEvents(_ path: String) -> UInt64? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, parts[1] == "client", parts[2] == "v1", parts[3] == "events" else { return nil }
        return UInt64(parts[4])
    }

    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
