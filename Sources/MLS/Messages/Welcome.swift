/// The secrets a new member needs to join (RFC 9420 §12.4.3.1), encrypted to its init key in a Welcome.
public struct GroupSecrets: Hashable, Sendable, WireCodable {
    /// The joiner secret of the new epoch.
    public var joinerSecret: [UInt8]
    /// The path secret of the lowest common ancestor of the committer and the new member, when the commit had a path.
    public var pathSecret: PathSecret?
    /// The PSKs the epoch's key schedule uses.
    public var psks: [PreSharedKeyID]

    /// Group secrets with these fields.
    public init(joinerSecret: [UInt8], pathSecret: PathSecret? = nil, psks: [PreSharedKeyID] = []) {
        self.joinerSecret = joinerSecret
        self.pathSecret = pathSecret
        self.psks = psks
    }

    /// Writes the joiner secret, `optional<PathSecret>` and the PSK ids.
    public func encode(to writer: inout WireWriter) {
        writer.writeOpaque(joinerSecret)
        writer.writeOptional(pathSecret)
        writer.writeArray(psks)
    }

    /// Reads the joiner secret, the optional path secret and the PSK ids.
    public init(from reader: inout WireReader) throws(CodecError) {
        joinerSecret = try reader.readOpaque()
        pathSecret = try reader.readOptional()
        psks = try reader.readArray()
    }
}

/// A path secret (RFC 9420 §12.4.3.1).
public struct PathSecret: Hashable, Sendable, WireCodable {
    /// The secret.
    public var pathSecret: [UInt8]

    /// Wraps a path secret.
    public init(pathSecret: [UInt8]) { self.pathSecret = pathSecret }

    /// Writes `opaque path_secret<V>`.
    public func encode(to writer: inout WireWriter) { writer.writeOpaque(pathSecret) }

    /// Reads `opaque path_secret<V>`.
    public init(from reader: inout WireReader) throws(CodecError) { pathSecret = try reader.readOpaque() }
}

/// The `GroupSecrets` for one new member, HPKE-encrypted to the init key of its KeyPackage (RFC 9420 §12.4.3.1).
public struct EncryptedGroupSecrets: Hashable, Sendable, WireCodable {
    /// The reference of the new member's KeyPackage.
    public var newMember: KeyPackageRef
    /// The encrypted `GroupSecrets`.
    public var encryptedGroupSecrets: HPKECiphertext

    /// Encrypted secrets for `newMember`.
    public init(newMember: KeyPackageRef, encryptedGroupSecrets: HPKECiphertext) {
        self.newMember = newMember
        self.encryptedGroupSecrets = encryptedGroupSecrets
    }

    /// Writes the reference and the ciphertext.
    public func encode(to writer: inout WireWriter) {
        newMember.encode(to: &writer)
        encryptedGroupSecrets.encode(to: &writer)
    }

    /// Reads the reference and the ciphertext.
    public init(from reader: inout WireReader) throws(CodecError) {
        newMember = try KeyPackageRef(from: &reader)
        encryptedGroupSecrets = try HPKECiphertext(from: &reader)
    }
}

/// The message that lets new members join a group (RFC 9420 §12.4.3.1).
public struct Welcome: Hashable, Sendable, WireCodable {
    /// The group's cipher suite.
    public var cipherSuite: CipherSuiteID
    /// The group secrets, one entry per new member.
    public var secrets: [EncryptedGroupSecrets]
    /// The GroupInfo, encrypted with a key derived from the welcome secret.
    public var encryptedGroupInfo: [UInt8]

    /// A Welcome with these fields.
    public init(cipherSuite: CipherSuiteID, secrets: [EncryptedGroupSecrets], encryptedGroupInfo: [UInt8]) {
        self.cipherSuite = cipherSuite
        self.secrets = secrets
        self.encryptedGroupInfo = encryptedGroupInfo
    }

    /// The encrypted secrets for the key package `reference`, if this Welcome has them.
    public func secrets(for reference: KeyPackageRef) -> EncryptedGroupSecrets? {
        secrets.first { $0.newMember == reference }
    }

    /// Writes the suite, the secrets vector and the encrypted GroupInfo.
    public func encode(to writer: inout WireWriter) {
        cipherSuite.encode(to: &writer)
        writer.writeArray(secrets)
        writer.writeOpaque(encryptedGroupInfo)
    }

    /// Reads the suite, the secrets vector and the encrypted GroupInfo.
    public init(from reader: inout WireReader) throws(CodecError) {
        cipherSuite = try CipherSuiteID(from: &reader)
        secrets = try reader.readArray()
        encryptedGroupInfo = try reader.readOpaque()
    }
}
