import MLS

/// One entry of `messages.json` (mlswg/mls-implementations, "Messages"): one serialized example of each
/// RFC 9420 message and structure type. Each is decoded as its type and re-encoded, and the bytes must be
/// identical; the MLSMessage fields must also carry the expected wire format.
public struct MessagesVector: TestVector {
    /// `MLSMessage` holding a Welcome.
    public let mls_welcome: HexBytes
    /// `MLSMessage` holding a GroupInfo.
    public let mls_group_info: HexBytes
    /// `MLSMessage` holding a KeyPackage.
    public let mls_key_package: HexBytes
    /// `optional<Node> ratchet_tree<V>`.
    public let ratchet_tree: HexBytes
    /// `GroupSecrets`.
    public let group_secrets: HexBytes
    /// `Add` (the proposal body, without its type).
    public let add_proposal: HexBytes
    /// `Update`.
    public let update_proposal: HexBytes
    /// `Remove`.
    public let remove_proposal: HexBytes
    /// `PreSharedKey`.
    public let pre_shared_key_proposal: HexBytes
    /// `ReInit`.
    public let re_init_proposal: HexBytes
    /// `ExternalInit`.
    public let external_init_proposal: HexBytes
    /// `GroupContextExtensions`.
    public let group_context_extensions_proposal: HexBytes
    /// `Commit`.
    public let commit: HexBytes
    /// `MLSMessage` holding a PublicMessage with application content.
    public let public_message_application: HexBytes
    /// `MLSMessage` holding a PublicMessage with a proposal.
    public let public_message_proposal: HexBytes
    /// `MLSMessage` holding a PublicMessage with a commit.
    public let public_message_commit: HexBytes
    /// `MLSMessage` holding a PrivateMessage.
    public let private_message: HexBytes

    /// Messages vectors have no cipher suite.
    public var suite: UInt16? { nil }

    /// Round-trips every field; the first failure names its field.
    public func verify() -> VectorVerdict {
        let checks: [String?] = [
            Self.roundTripMessage("mls_welcome", mls_welcome, .welcome, content: nil),
            Self.roundTripMessage("mls_group_info", mls_group_info, .groupInfo, content: nil),
            Self.roundTripMessage("mls_key_package", mls_key_package, .keyPackage, content: nil),
            Self.roundTrip("ratchet_tree", ratchet_tree, RatchetTreeNodes.self),
            Self.roundTrip("group_secrets", group_secrets, GroupSecrets.self),
            Self.roundTrip("add_proposal", add_proposal, AddProposal.self),
            Self.roundTrip("update_proposal", update_proposal, UpdateProposal.self),
            Self.roundTrip("remove_proposal", remove_proposal, RemoveProposal.self),
            Self.roundTrip("pre_shared_key_proposal", pre_shared_key_proposal, PreSharedKeyProposal.self),
            Self.roundTrip("re_init_proposal", re_init_proposal, ReInitProposal.self),
            Self.roundTrip("external_init_proposal", external_init_proposal, ExternalInitProposal.self),
            Self.roundTrip("group_context_extensions_proposal", group_context_extensions_proposal, GroupContextExtensionsProposal.self),
            Self.roundTrip("commit", commit, Commit.self),
            Self.roundTripMessage("public_message_application", public_message_application, .publicMessage, content: .application),
            Self.roundTripMessage("public_message_proposal", public_message_proposal, .publicMessage, content: .proposal),
            Self.roundTripMessage("public_message_commit", public_message_commit, .publicMessage, content: .commit),
            Self.roundTripMessage("private_message", private_message, .privateMessage, content: nil),
        ]
        if let failure = checks.lazy.compactMap({ $0 }).first { return .failed(failure) }
        return .passed
    }

    /// Decodes `field` as `T`, re-encodes it and compares; nil when the bytes match.
    static func roundTrip<T: WireCodable>(_ field: String, _ hex: HexBytes, _ type: T.Type) -> String? {
        do {
            let value = try T.decode(hex.bytes)
            return check(field, hex.bytes, value.encoded())
        } catch {
            return "\(field): does not decode as \(T.self): \(error)"
        }
    }

    /// Round-trips an `MLSMessage` and checks its wire format (and, for public messages, the content type).
    static func roundTripMessage(_ field: String, _ hex: HexBytes, _ wireFormat: WireFormat, content: ContentType?) -> String? {
        if let failure = roundTrip(field, hex, MLSMessage.self) { return failure }
        guard let message = try? MLSMessage.decode(hex.bytes) else { return "\(field): does not decode" }
        if let failure = check("\(field) wire_format", wireFormat, message.wireFormat) { return failure }
        if let content, case .publicMessage(let publicMessage) = message.body {
            return check("\(field) content_type", content, publicMessage.content.contentType)
        }
        return nil
    }
}
