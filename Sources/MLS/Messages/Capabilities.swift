/// What a client supports (RFC 9420 §7.2): versions, cipher suites, and non-default extension,
/// proposal and credential types. Unknown values (including GREASE) are kept and must be ignored.
public struct Capabilities: Hashable, Sendable, WireCodable {
    /// Supported protocol versions.
    public var versions: [ProtocolVersion]
    /// Supported cipher suites.
    public var cipherSuites: [CipherSuiteID]
    /// Supported extension types beyond the defaults of §7.2.
    public var extensions: [ExtensionType]
    /// Supported proposal types beyond the defaults of §7.2.
    public var proposals: [ProposalType]
    /// Supported credential types.
    public var credentials: [CredentialType]

    /// Capabilities listing exactly the given values.
    public init(versions: [ProtocolVersion] = [.mls10], cipherSuites: [CipherSuiteID], extensions: [ExtensionType] = [],
                proposals: [ProposalType] = [], credentials: [CredentialType] = [.basic]) {
        self.versions = versions
        self.cipherSuites = cipherSuites
        self.extensions = extensions
        self.proposals = proposals
        self.credentials = credentials
    }

    /// Writes the five `<V>` vectors.
    public func encode(to writer: inout WireWriter) {
        writer.writeArray(versions)
        writer.writeArray(cipherSuites)
        writer.writeArray(extensions)
        writer.writeArray(proposals)
        writer.writeArray(credentials)
    }

    /// Reads the five `<V>` vectors.
    public init(from reader: inout WireReader) throws(CodecError) {
        versions = try reader.readArray()
        cipherSuites = try reader.readArray()
        extensions = try reader.readArray()
        proposals = try reader.readArray()
        credentials = try reader.readArray()
    }
}

/// The validity period of a KeyPackage's leaf node, in seconds since the Unix epoch (RFC 9420 §7.2).
public struct Lifetime: Hashable, Sendable, WireCodable {
    /// The first second the leaf is valid.
    public var notBefore: UInt64
    /// The last second the leaf is valid.
    public var notAfter: UInt64

    /// A lifetime from `notBefore` to `notAfter`.
    public init(notBefore: UInt64, notAfter: UInt64) {
        self.notBefore = notBefore
        self.notAfter = notAfter
    }

    /// Whether `time` (seconds since the epoch) lies within the lifetime.
    public func contains(_ time: UInt64) -> Bool { notBefore <= time && time <= notAfter }

    /// Writes the two `uint64`s.
    public func encode(to writer: inout WireWriter) {
        writer.writeUInt64(notBefore)
        writer.writeUInt64(notAfter)
    }

    /// Reads the two `uint64`s.
    public init(from reader: inout WireReader) throws(CodecError) {
        notBefore = try reader.readUInt64()
        notAfter = try reader.readUInt64()
    }
}

/// The body of the `required_capabilities` extension (RFC 9420 §11.1): what every member must support.
public struct RequiredCapabilities: Hashable, Sendable, WireCodable {
    /// Extension types every member must support.
    public var extensionTypes: [ExtensionType]
    /// Proposal types every member must support.
    public var proposalTypes: [ProposalType]
    /// Credential types every member must support.
    public var credentialTypes: [CredentialType]

    /// Requirements listing exactly the given types.
    public init(extensionTypes: [ExtensionType] = [], proposalTypes: [ProposalType] = [], credentialTypes: [CredentialType] = []) {
        self.extensionTypes = extensionTypes
        self.proposalTypes = proposalTypes
        self.credentialTypes = credentialTypes
    }

    /// Writes the three `<V>` vectors.
    public func encode(to writer: inout WireWriter) {
        writer.writeArray(extensionTypes)
        writer.writeArray(proposalTypes)
        writer.writeArray(credentialTypes)
    }

    /// Reads the three `<V>` vectors.
    public init(from reader: inout WireReader) throws(CodecError) {
        extensionTypes = try reader.readArray()
        proposalTypes = try reader.readArray()
        credentialTypes = try reader.readArray()
    }
}
