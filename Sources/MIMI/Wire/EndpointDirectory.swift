import Foundation

/// The endpoints of a MIMI provider (draft-ietf-mimi-protocol-06 §5.1), each with the one path parameter
/// its URL template takes.
public enum MIMIEndpoint: String, Sendable, CaseIterable, Codable {
    /// `POST /keyMaterial/{targetUser}`.
    case keyMaterial
    /// `POST /update/{roomId}`.
    case update
    /// `POST /notify/{roomId}`.
    case notify
    /// `POST /submitMessage/{roomId}`.
    case submitMessage
    /// `POST /groupInfo/{roomId}`.
    case groupInfo
    /// `POST /requestConsent/{targetUser}`.
    case requestConsent
    /// `POST /updateConsent/{requesterUser}`.
    case updateConsent
    /// `POST /identifierQuery/{domain}`.
    case identifierQuery
    /// `POST /reportAbuse/{roomId}`.
    case reportAbuse
    /// `GET /proxyDownload/{downloadUrl}`.
    case proxyDownload

    /// The template's path parameter.
    public var parameter: String {
        switch self {
        case .keyMaterial, .requestConsent: "targetUser"
        case .updateConsent: "requesterUser"
        case .identifierQuery: "domain"
        case .proxyDownload: "downloadUrl"
        case .update, .notify, .submitMessage, .groupInfo, .reportAbuse: "roomId"
        }
    }

    /// Whether a directory must list the endpoint (the five the hub and followers need to run a room).
    public var isRequired: Bool {
        switch self {
        case .keyMaterial, .update, .notify, .submitMessage, .groupInfo: true
        default: false
        }
    }

    /// The path a directory uses by default: `/v1/<name>/{parameter}`.
    public var defaultPath: String { "/v1/\(rawValue)/{\(parameter)}" }
}

/// The JSON document at `/.well-known/mimi-protocol-directory` (§5.1): one HTTPS URL template per endpoint.
///
/// Decoding checks that every required endpoint is present and every template is an `https` URL with
/// exactly one `{parameter}`, the one the endpoint takes. Encoding sorts keys, so output is deterministic.
public struct EndpointDirectory: Hashable, Sendable, Codable {
    /// The URL template of each listed endpoint, in `MIMIEndpoint` order.
    public private(set) var templates: [MIMIEndpoint: String]

    /// A directory from templates; throws `invalidDirectory` when one is missing or malformed.
    public init(templates: [MIMIEndpoint: String]) throws(MIMIError) {
        for endpoint in MIMIEndpoint.allCases {
            if let template = templates[endpoint] {
                try Self.check(template, for: endpoint)
            } else if endpoint.isRequired {
                throw MIMIError(.invalidDirectory, "the directory has no \(endpoint.rawValue) endpoint")
            }
        }
        self.templates = templates
    }

    /// The directory of a provider serving every endpoint under `https://<host>/v1/`.
    public static func standard(host: String) -> EndpointDirectory {
        var templates: [MIMIEndpoint: String] = [:]
        for endpoint in MIMIEndpoint.allCases { templates[endpoint] = "https://\(host)\(endpoint.defaultPath)" }
        return try! EndpointDirectory(templates: templates)  // every default template passes `check`
    }

    /// Checks one template: an `https` URL with a host and exactly one placeholder, `{parameter}`.
    static func check(_ template: String, for endpoint: MIMIEndpoint) throws(MIMIError) {
        let placeholder = "{\(endpoint.parameter)}"
        let opens = template.filter { $0 == "{" }.count, closes = template.filter { $0 == "}" }.count
        guard opens == 1, closes == 1, let range = template.range(of: placeholder) else {
            throw MIMIError(.invalidDirectory, "\(endpoint.rawValue) template \"\(template)\" must contain exactly one placeholder, \(placeholder)")
        }
        guard template[..<range.lowerBound].hasSuffix("/") else {
            throw MIMIError(.invalidDirectory, "\(endpoint.rawValue) template \"\(template)\": \(placeholder) must follow a '/'")
        }
        let sample = template.replacingCharacters(in: range, with: "x")
        guard let url = URL(string: sample), url.scheme?.lowercased() == "https", let host = url.host, !host.isEmpty else {
            throw MIMIError(.invalidDirectory, "\(endpoint.rawValue) template \"\(template)\" is not an https URL with a host")
        }
    }

    /// The template of an endpoint, or nil when the directory does not list it.
    public func template(for endpoint: MIMIEndpoint) -> String? { templates[endpoint] }

    /// The URL of an endpoint with its parameter percent-encoded (every byte but RFC 3986 unreserved).
    public func url(for endpoint: MIMIEndpoint, _ value: String) throws(MIMIError) -> String {
        guard let template = templates[endpoint] else {
            throw MIMIError(.invalidDirectory, "the directory has no \(endpoint.rawValue) endpoint")
        }
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let encoded = value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
        return template.replacingOccurrences(of: "{\(endpoint.parameter)}", with: encoded)
    }

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes the JSON object; unknown keys are ignored (future endpoints), known ones are checked.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var templates: [MIMIEndpoint: String] = [:]
        for endpoint in MIMIEndpoint.allCases {
            if let value = try container.decodeIfPresent(String.self, forKey: Key(stringValue: endpoint.rawValue)) {
                templates[endpoint] = value
            }
        }
        try self.init(templates: templates)
    }

    /// Encodes the listed endpoints as a JSON object.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for endpoint in MIMIEndpoint.allCases {
            if let template = templates[endpoint] { try container.encode(template, forKey: Key(stringValue: endpoint.rawValue)) }
        }
    }

    /// Decodes directory JSON; malformed JSON or a bad template is `invalidDirectory`.
    public static func decode(json: Data) throws(MIMIError) -> EndpointDirectory {
        do {
            return try JSONDecoder().decode(EndpointDirectory.self, from: json)
        } catch let error as MIMIError {
            throw error
        } catch {
            throw MIMIError(.invalidDirectory, "the directory is not a JSON object of URL templates", underlying: error)
        }
    }

    /// The directory as JSON with sorted keys.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }
}
