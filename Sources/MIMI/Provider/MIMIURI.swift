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
        return user(ofClient: uri) == nil ? nil : uri
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
