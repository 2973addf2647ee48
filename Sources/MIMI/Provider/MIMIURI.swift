import MLS

/// The URI conventions of this implementation (draft-ietf-mimi-protocol §3 leaves the form open):
/// users are `mimi://<domain>/u/<name>`, clients `mimi://<domain>/d/<name>.<device>` and rooms
/// `mimi://<hub domain>/r/<name>`. A client's MLS credential is a basic credential holding its URI.
public enum MIMIURI {
    /// The domain of a `mimi://<domain>/...` URI, or nil when the URI has another form.
    public static func domain(of uri: IdentifierURI) -> String? {
        let text = uri.uri
        guard text.hasPrefix("mimi://") else { return nil }
        let rest = text.dropFirst("mimi://".count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let domain = String(rest[..<slash])
        return domain.isEmpty ? nil : domain
    }

    /// The user of a client URI (`mimi://d/d/alice.1` → `mimi://d/u/alice`), or nil when it is not a client URI.
    public static func user(ofClient client: IdentifierURI) -> IdentifierURI? {
        if let parts = asciiClientParts(client.uri) {
            guard let (domain, name) = parts else { return nil }
            return IdentifierURI("mimi://\(domain)/u/\(name)")
        }
        guard let domain = domain(of: client) else { return nil }
        let prefix = "mimi://\(domain)/d/"
        guard client.uri.hasPrefix(prefix) else { return nil }
        let name = client.uri.dropFirst(prefix.count)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex, !name[..<dot].contains("/") else { return nil }
        return IdentifierURI("mimi://\(domain)/u/\(name[..<dot])")
    }

    /// The client URI in a basic credential, or nil.
    public static func client(in credential: Credential) -> IdentifierURI? {
        guard case .basic(let identity) = credential, let text = String(validating: identity, as: UTF8.self) else { return nil }
        let uri = IdentifierURI(text)
        if let parts = asciiClientParts(text) { return parts == nil ? nil : uri }
        return user(ofClient: uri) == nil ? nil : uri
    }

    /// `user(ofClient:)` on the bytes of an ASCII URI, without building strings to compare: `.some(nil)` when it
    /// is not a client URI, the domain and the user's name when it is, nil when the URI is not ASCII (then the
    /// Character-based parse decides; for ASCII text, where a Character is a byte or "\r\n", both agree).
    static func asciiClientParts(_ text: String) -> (domain: Substring, name: Substring)?? {
        let utf8 = text.utf8
        let ascii = utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? utf8.allSatisfy { $0 < 0x80 }
        guard ascii else { return nil }
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        guard utf8.starts(with: "mimi://".utf8) else { return .some(nil) }
        let domainStart = utf8.index(utf8.startIndex, offsetBy: 7)
        guard let domainEnd = utf8[domainStart...].firstIndex(of: slash), domainEnd != domainStart else { return .some(nil) }
        let afterSlash = utf8.index(after: domainEnd)
        guard utf8[afterSlash...].starts(with: "d/".utf8) else { return .some(nil) }
        let nameStart = utf8.index(afterSlash, offsetBy: 2)
        let name = utf8[nameStart...]
        guard let nameDot = name.lastIndex(of: dot), nameDot != nameStart, !utf8[nameStart..<nameDot].contains(slash) else { return .some(nil) }
        return .some((Substring(text[domainStart..<domainEnd]), Substring(text[nameStart..<nameDot])))
    }

    /// The URI of a user's client (`device` distinguishes a user's devices).
    public static func client(user: String, device: Int, domain: String) -> IdentifierURI {
        IdentifierURI("mimi://\(domain)/d/\(user).\(device)")
    }

    /// The URI of a user.
    public static func user(_ name: String, domain: String) -> IdentifierURI { IdentifierURI("mimi://\(domain)/u/\(name)") }

    /// The URI of a room hosted by `hub`.
    public static func room(_ name: String, hub: String) -> IdentifierURI { IdentifierURI("mimi://\(hub)/r/\(name)") }
}
