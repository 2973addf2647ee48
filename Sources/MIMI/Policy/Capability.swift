import MLS

/// A role capability (draft-ietf-mimi-room-policy-03 §11, "MIMI Role Capabilities" registry): a `uint16`.
///
/// Any value decodes (the registry is extensible, 0xF000–0xFFFF is private use); the constants below are
/// the registered ones.
public struct Capability: RawRepresentable, Hashable, Comparable, Sendable, WireCodable, CustomStringConvertible {
    /// The registry value.
    public let rawValue: UInt16
    /// Wraps a registry value.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Writes the `uint16`.
    public func encode(to writer: inout WireWriter) { writer.writeUInt16(rawValue) }
    /// Reads a `uint16`.
    public init(from reader: inout WireReader) throws(CodecError) { rawValue = try reader.readUInt16() }
    /// Orders by value.
    public static func < (a: Capability, b: Capability) -> Bool { a.rawValue < b.rawValue }

    /// `canAddParticipant` (0x0000).
    public static let canAddParticipant = Capability(rawValue: 0x0000)
    /// `canRemoveParticipant` (0x0001).
    public static let canRemoveParticipant = Capability(rawValue: 0x0001)
    /// `canAddOwnClient` (0x0002).
    public static let canAddOwnClient = Capability(rawValue: 0x0002)
    /// `canRemoveOwnClient` (0x0003).
    public static let canRemoveOwnClient = Capability(rawValue: 0x0003)
    /// `canOpenJoin` (0x0004), only meaningful on role 0.
    public static let canOpenJoin = Capability(rawValue: 0x0004)
    /// `canJoinIfPreauthorized` (0x0005).
    public static let canJoinIfPreauthorized = Capability(rawValue: 0x0005)
    /// `canRemoveSelf` (0x0006).
    public static let canRemoveSelf = Capability(rawValue: 0x0006)
    /// `canUseJoinCode` (0x0009).
    public static let canUseJoinCode = Capability(rawValue: 0x0009)
    /// `canBan` (0x000a).
    public static let canBan = Capability(rawValue: 0x000a)
    /// `canUnBan` (0x000b).
    public static let canUnban = Capability(rawValue: 0x000b)
    /// `canKick` (0x000c).
    public static let canKick = Capability(rawValue: 0x000c)
    /// `canChangeUserRole` (0x000f).
    public static let canChangeUserRole = Capability(rawValue: 0x000f)
    /// `canChangeOwnRole` (0x0010).
    public static let canChangeOwnRole = Capability(rawValue: 0x0010)
    /// `canSendMessage` (0x0100).
    public static let canSendMessage = Capability(rawValue: 0x0100)
    /// `canReceiveMessage` (0x0101).
    public static let canReceiveMessage = Capability(rawValue: 0x0101)
    /// `canCopyMessage` (0x0102).
    public static let canCopyMessage = Capability(rawValue: 0x0102)
    /// `canReportAbuse` (0x0103).
    public static let canReportAbuse = Capability(rawValue: 0x0103)
    /// `canReplyToMessage` (0x0104).
    public static let canReplyToMessage = Capability(rawValue: 0x0104)
    /// `canReactToMessage` (0x0105).
    public static let canReactToMessage = Capability(rawValue: 0x0105)
    /// `canEditReaction` (0x0106).
    public static let canEditReaction = Capability(rawValue: 0x0106)
    /// `canDeleteOwnReaction` (0x0107).
    public static let canDeleteOwnReaction = Capability(rawValue: 0x0107)
    /// `canDeleteOtherReaction` (0x0108).
    public static let canDeleteOtherReaction = Capability(rawValue: 0x0108)
    /// `canEditOwnMessage` (0x0109).
    public static let canEditOwnMessage = Capability(rawValue: 0x0109)
    /// `canDeleteOwnMessage` (0x010a).
    public static let canDeleteOwnMessage = Capability(rawValue: 0x010a)
    /// `canDeleteOtherMessage` (0x010b).
    public static let canDeleteOtherMessage = Capability(rawValue: 0x010b)
    /// `canStartTopic` (0x010c).
    public static let canStartTopic = Capability(rawValue: 0x010c)
    /// `canReplyInTopic` (0x010d).
    public static let canReplyInTopic = Capability(rawValue: 0x010d)
    /// `canEditOwnTopic` (0x010e).
    public static let canEditOwnTopic = Capability(rawValue: 0x010e)
    /// `canEditOtherTopic` (0x010f).
    public static let canEditOtherTopic = Capability(rawValue: 0x010f)
    /// `canUploadImage` (0x0200).
    public static let canUploadImage = Capability(rawValue: 0x0200)
    /// `canUploadAudio` (0x0201).
    public static let canUploadAudio = Capability(rawValue: 0x0201)
    /// `canUploadVideo` (0x0202).
    public static let canUploadVideo = Capability(rawValue: 0x0202)
    /// `canUploadAttachment` (0x0203).
    public static let canUploadAttachment = Capability(rawValue: 0x0203)
    /// `canDownloadImage` (0x0204).
    public static let canDownloadImage = Capability(rawValue: 0x0204)
    /// `canDownloadAudio` (0x0205).
    public static let canDownloadAudio = Capability(rawValue: 0x0205)
    /// `canDownloadVideo` (0x0206).
    public static let canDownloadVideo = Capability(rawValue: 0x0206)
    /// `canDownloadAttachment` (0x0207).
    public static let canDownloadAttachment = Capability(rawValue: 0x0207)
    /// `canSendLink` (0x0208).
    public static let canSendLink = Capability(rawValue: 0x0208)
    /// `canSendLinkPreview` (0x0209).
    public static let canSendLinkPreview = Capability(rawValue: 0x0209)
    /// `canFollowLink` (0x020a).
    public static let canFollowLink = Capability(rawValue: 0x020a)
    /// `canCopyLink` (0x020b).
    public static let canCopyLink = Capability(rawValue: 0x020b)
    /// `canChangeRoomName` (0x0300).
    public static let canChangeRoomName = Capability(rawValue: 0x0300)
    /// `canChangeRoomDescription` (0x0301).
    public static let canChangeRoomDescription = Capability(rawValue: 0x0301)
    /// `canChangeRoomAvatar` (0x0302).
    public static let canChangeRoomAvatar = Capability(rawValue: 0x0302)
    /// `canChangeRoomSubject` (0x0303).
    public static let canChangeRoomSubject = Capability(rawValue: 0x0303)
    /// `canChangeRoomMood` (0x0304).
    public static let canChangeRoomMood = Capability(rawValue: 0x0304)
    /// `canChangeOwnName` (0x0380, reserved).
    public static let canChangeOwnName = Capability(rawValue: 0x0380)
    /// `canChangeOwnPresence` (0x0381, reserved).
    public static let canChangeOwnPresence = Capability(rawValue: 0x0381)
    /// `canChangeOwnMood` (0x0382, reserved).
    public static let canChangeOwnMood = Capability(rawValue: 0x0382)
    /// `canChangeOwnAvatar` (0x0383, reserved).
    public static let canChangeOwnAvatar = Capability(rawValue: 0x0383)
    /// `canDestroyRoom` (0x0501).
    public static let canDestroyRoom = Capability(rawValue: 0x0501)
    /// `canChangeRoomMembershipStyle` (0x0502).
    public static let canChangeRoomMembershipStyle = Capability(rawValue: 0x0502)
    /// `canChangeRoleDefinitions` (0x0503).
    public static let canChangeRoleDefinitions = Capability(rawValue: 0x0503)
    /// `canChangePreauthorizedUserList` (0x0504).
    public static let canChangePreauthorizedUserList = Capability(rawValue: 0x0504)
    /// `canChangeMlsOperationalPolicies` (0x0600, reserved).
    public static let canChangeMlsOperationalPolicies = Capability(rawValue: 0x0600)
    /// `canSendMLSReinitProposal` (0x0601).
    public static let canSendMLSReinitProposal = Capability(rawValue: 0x0601)

    /// The draft's name of a registered capability, or the hex value.
    public var description: String {
        Self.names.first { $0.0 == self }?.1 ?? "capability 0x\(String(rawValue, radix: 16))"
    }

    private static let names: [(Capability, String)] = [
        (.canAddParticipant, "canAddParticipant"), (.canRemoveParticipant, "canRemoveParticipant"),
        (.canAddOwnClient, "canAddOwnClient"), (.canRemoveOwnClient, "canRemoveOwnClient"), (.canOpenJoin, "canOpenJoin"),
        (.canJoinIfPreauthorized, "canJoinIfPreauthorized"), (.canRemoveSelf, "canRemoveSelf"), (.canUseJoinCode, "canUseJoinCode"),
        (.canBan, "canBan"), (.canUnban, "canUnBan"), (.canKick, "canKick"), (.canChangeUserRole, "canChangeUserRole"),
        (.canChangeOwnRole, "canChangeOwnRole"), (.canSendMessage, "canSendMessage"),
        (.canChangeRoomName, "canChangeRoomName"), (.canChangeRoomDescription, "canChangeRoomDescription"),
        (.canChangeRoomAvatar, "canChangeRoomAvatar"), (.canChangeRoomSubject, "canChangeRoomSubject"),
        (.canChangeRoomMood, "canChangeRoomMood"),
    ]
}
