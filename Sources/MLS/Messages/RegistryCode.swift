import MLSCrypto

/// A `uint16` value from one of the extensible IANA registries of RFC 9420 §17 (wire formats, extension,
/// proposal and credential types, cipher suites, protocol versions).
///
/// Any value decodes: receivers must ignore code points they do not know (§13, GREASE in §13.5), so an
/// unknown value is kept as it is rather than rejected. Known values have names.
public protocol RegistryCode: Hashable, Sendable, WireCodable, CustomStringConvertible {
    /// The registry value as it appears on the wire.
    var rawValue: UInt16 { get }
    /// Wraps a registry value (known or not).
    init(rawValue: UInt16)
    /// The name of this value in its registry, or nil when this implementation does not know it.
    var name: String? { get }
}

extension RegistryCode {
    /// Writes the `uint16`.
    @inlinable
    public func encode(to writer: inout WireWriter) { writer.writeUInt16(rawValue) }

    /// Reads a `uint16`; every value is accepted.
    @inlinable
    public init(from reader: inout WireReader) throws(CodecError) { self.init(rawValue: try reader.readUInt16()) }

    /// Whether this is one of the GREASE values of RFC 9420 §13.5 (0x0A0A, 0x1A1A, ..., 0xEAEA).
    public var isGREASE: Bool {
        rawValue >> 8 == rawValue & 0xff && rawValue & 0x0f == 0x0a && rawValue != 0xfafa
    }

    /// The registry name, or `unknown(0x....)`.
    public var description: String {
        name ?? "unknown(0x\(String(rawValue, radix: 16)))"
    }
}

/// The version of the MLS protocol (RFC 9420 §6); `mls10` is the only one defined.
public struct ProtocolVersion: RegistryCode {
    /// The registry value.
    public let rawValue: UInt16
    /// Wraps a registry value.
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// MLS 1.0 (RFC 9420).
    public static let mls10 = ProtocolVersion(rawValue: 1)
    /// `mls10`, or nil.
    public var name: String? { self == .mls10 ? "mls10" : nil }
}

/// The format of an `MLSMessage` body (RFC 9420 §6, §17.2).
public struct WireFormat: RegistryCode {
    /// The registry value.
    public let rawValue: UInt16
    /// Wraps a registry value.
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// A signed, MACed `PublicMessage`.
    public static let publicMessage = WireFormat(rawValue: 1)
    /// An encrypted `PrivateMessage`.
    public static let privateMessage = WireFormat(rawValue: 2)
    /// A `Welcome`.
    public static let welcome = WireFormat(rawValue: 3)
    /// A `GroupInfo`.
    public static let groupInfo = WireFormat(rawValue: 4)
    /// A `KeyPackage`.
    public static let keyPackage = WireFormat(rawValue: 5)
    /// The RFC 9420 name, or nil.
    public var name: String? {
        switch rawValue {
        case 1: "mls_public_message"
        case 2: "mls_private_message"
        case 3: "mls_welcome"
        case 4: "mls_group_info"
        case 5: "mls_key_package"
        default: nil
        }
    }
}

/// The type of an `Extension` (RFC 9420 §13, §17.3).
public struct ExtensionType: RegistryCode {
    /// The registry value.
    public let rawValue: UInt16
    /// Wraps a registry value.
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// `application_id` (LeafNode): an opaque application-level identifier.
    public static let applicationID = ExtensionType(rawValue: 1)
    /// `ratchet_tree` (GroupInfo): the public ratchet tree.
    public static let ratchetTree = ExtensionType(rawValue: 2)
    /// `required_capabilities` (GroupContext).
    public static let requiredCapabilities = ExtensionType(rawValue: 3)
    /// `external_pub` (GroupInfo): the HPKE key for external commits.
    public static let externalPub = ExtensionType(rawValue: 4)
    /// `external_senders` (GroupContext).
    public static let externalSenders = ExtensionType(rawValue: 5)
    /// `app_data_dictionary` (suggested 0x0006, draft-ietf-mls-extensions §4.6): application components' data.
    public static let appDataDictionary = ExtensionType(rawValue: 6)
    /// The RFC 9420 name, or nil.
    public var name: String? {
        switch rawValue {
        case 1: "application_id"
        case 2: "ratchet_tree"
        case 3: "required_capabilities"
        case 4: "external_pub"
        case 5: "external_senders"
        default: nil
        }
    }
}

/// The type of a `Proposal` (RFC 9420 §12.1, §17.4).
public struct ProposalType: RegistryCode {
    /// The registry value.
    public let rawValue: UInt16
    /// Wraps a registry value.
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// Add a member.
    public static let add = ProposalType(rawValue: 1)
    /// Update the sender's leaf.
    public static let update = ProposalType(rawValue: 2)
    /// Remove a member.
    public static let remove = ProposalType(rawValue: 3)
    /// Inject a pre-shared key.
    public static let psk = ProposalType(rawValue: 4)
    /// Reinitialize the group.
    public static let reinit = ProposalType(rawValue: 5)
    /// Join by external commit.
    public static let externalInit = ProposalType(rawValue: 6)
    /// Replace the group context extensions.
    public static let groupContextExtensions = ProposalType(rawValue: 7)
    /// `app_data_update` (suggested 0x0008, draft-ietf-mls-extensions §4.7): update an `app_data_dictionary` component.
    public static let appDataUpdate = ProposalType(rawValue: 8)
    /// `self_remove` (suggested 0x000a, draft-ietf-mls-extensions §7.3): the sender removes itself.
    public static let selfRemove = ProposalType(rawValue: 0x000a)
    /// The RFC 9420 name, or nil.
    public var name: String? {
        switch rawValue {
        case 1: "add"
        case 2: "update"
        case 3: "remove"
        case 4: "psk"
        case 5: "reinit"
        case 6: "external_init"
        case 7: "group_context_extensions"
        default: nil
        }
    }
}

/// The type of a `Credential` (RFC 9420 §5.3, §17.5).
public struct CredentialType: RegistryCode {
    /// The registry value.
    public let rawValue: UInt16
    /// Wraps a registry value.
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// An opaque identity.
    public static let basic = CredentialType(rawValue: 1)
    /// A chain of X.509 certificates.
    public static let x509 = CredentialType(rawValue: 2)
    /// The RFC 9420 name, or nil.
    public var name: String? {
        switch rawValue {
        case 1: "basic"
        case 2: "x509"
        default: nil
        }
    }
}

/// A cipher suite as it appears on the wire (RFC 9420 §17.1): any `uint16`, supported or not.
public struct CipherSuiteID: RegistryCode {
    /// The registry value.
    public let rawValue: UInt16
    /// Wraps a registry value.
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// The wire value of a supported suite.
    public init(_ suite: CipherSuite) { rawValue = suite.id }
    /// The suite's algorithms, when this build supports it (suites 1, 2 and 3).
    public var suite: CipherSuite? { try? CipherSuite(id: rawValue) }
    /// `suite N` for supported suites, or nil.
    public var name: String? { suite.map { "\($0)" } }
}
