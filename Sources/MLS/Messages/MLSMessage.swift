/// What an `MLSMessage` carries, selected by its wire format (RFC 9420 §6).
public enum MLSMessageBody: Hashable, Sendable {
    /// `mls_public_message`.
    case publicMessage(PublicMessage)
    /// `mls_private_message`.
    case privateMessage(PrivateMessage)
    /// `mls_welcome`.
    case welcome(Welcome)
    /// `mls_group_info`.
    case groupInfo(GroupInfo)
    /// `mls_key_package`.
    case keyPackage(KeyPackage)

    /// The wire format that selects this body.
    public var wireFormat: WireFormat {
        switch self {
        case .publicMessage: .publicMessage
        case .privateMessage: .privateMessage
        case .welcome: .welcome
        case .groupInfo: .groupInfo
        case .keyPackage: .keyPackage
        }
    }
}

/// The outer envelope of every MLS message on the wire (RFC 9420 §6): version `mls10`, wire format, body.
///
/// A version other than `mls10`, or a wire format this implementation does not know, is `invalidValue`:
/// the body's structure depends on both.
public struct MLSMessage: Hashable, Sendable, WireCodable {
    /// The body.
    public var body: MLSMessageBody

    /// Wraps a body.
    public init(_ body: MLSMessageBody) { self.body = body }

    /// The protocol version: always `mls10`.
    public var version: ProtocolVersion { .mls10 }

    /// The body's wire format.
    public var wireFormat: WireFormat { body.wireFormat }

    /// Writes `version`, `wire_format` and the body.
    public func encode(to writer: inout WireWriter) {
        version.encode(to: &writer)
        wireFormat.encode(to: &writer)
        switch body {
        case .publicMessage(let message): message.encode(to: &writer)
        case .privateMessage(let message): message.encode(to: &writer)
        case .welcome(let welcome): welcome.encode(to: &writer)
        case .groupInfo(let groupInfo): groupInfo.encode(to: &writer)
        case .keyPackage(let keyPackage): keyPackage.encode(to: &writer)
        }
    }

    /// Reads `version` (must be `mls10`), `wire_format` (must be known) and the body it selects.
    public init(from reader: inout WireReader) throws(CodecError) {
        let versionAt = reader.offset
        let version = try ProtocolVersion(from: &reader)
        guard version == .mls10 else {
            throw CodecError(.invalidValue, at: versionAt, "MLSMessage version is \(version); only mls10 is defined")
        }
        let formatAt = reader.offset
        let wireFormat = try WireFormat(from: &reader)
        switch wireFormat {
        case .publicMessage: body = .publicMessage(try PublicMessage(from: &reader))
        case .privateMessage: body = .privateMessage(try PrivateMessage(from: &reader))
        case .welcome: body = .welcome(try Welcome(from: &reader))
        case .groupInfo: body = .groupInfo(try GroupInfo(from: &reader))
        case .keyPackage: body = .keyPackage(try KeyPackage(from: &reader))
        default:
            throw CodecError(.invalidValue, at: formatAt, "MLSMessage wire format \(wireFormat) is not supported")
        }
    }
}
