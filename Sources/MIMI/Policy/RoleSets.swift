/// The ready-made role sets of draft-ietf-mimi-room-policy-03 Appendix A, selectable by name.
///
/// Where the appendix contradicts itself the choices are listed in `Sources/MIMI/README.md` (for example the
/// moderated room's `speaker`, described as "all the capabilities of a speaker", takes the attendee's).
public enum RoleSets {
    /// The names `named(_:)` accepts, in appendix order.
    public static let names = ["cooperative", "strict", "moderated", "multi-org"]

    /// The role set with this name; throws `invalidPolicy` for an unknown name.
    public static func named(_ name: String) throws(MIMIError) -> RoleData {
        switch name {
        case "cooperative": return cooperative
        case "strict": return strict
        case "moderated": return moderated
        case "multi-org": return multiOrganization
        default: throw MIMIError(.invalidPolicy, "unknown role set '\(name)'; known: \(names.joined(separator: ", "))")
        }
    }

    private static func changes(_ pairs: [(UInt32, [UInt32])]) -> [RoleChangeTargets] {
        pairs.map { RoleChangeTargets(from: $0.0, to: $0.1) }
    }

    private static func build(_ roles: [Role]) -> RoleData {
        try! RoleData(roles: roles)  // the sets below have distinct indexes, a role 0 and canOpenJoin nowhere
    }

    private static let banned = Role(index: 1, name: "banned", capabilities: [], maxActiveParticipants: 0)

    private static let policyEnforcerCaps: [Capability] = [
        .canRemoveParticipant, .canChangeUserRole, .canBan, .canUnban, .canChangeRoleDefinitions,
        .canChangePreauthorizedUserList, .canChangeMlsOperationalPolicies, .canDestroyRoom, .canSendMLSReinitProposal,
    ]

    private static let reading: [Capability] = [.canReceiveMessage, .canCopyMessage, .canFollowLink, .canCopyLink]
    private static let downloads: [Capability] = [.canDownloadImage, .canDownloadVideo, .canDownloadAudio, .canDownloadAttachment]
    private static let uploads: [Capability] = [.canUploadImage, .canUploadVideo, .canUploadAudio, .canUploadAttachment]
    private static let ownProfile: [Capability] = [.canChangeOwnName, .canChangeOwnPresence, .canChangeOwnMood, .canChangeOwnAvatar]

    /// "Cooperatively administered room" (Appendix A.1).
    public static let cooperative: RoleData = {
        let ordinary: [Capability] = [.canAddParticipant, .canRemoveParticipant, .canAddOwnClient, .canRemoveOwnClient, .canRemoveSelf,
                                      .canSendMessage, .canReportAbuse, .canReplyToMessage, .canReactToMessage, .canDeleteOwnReaction,
                                      .canEditOwnMessage, .canDeleteOwnMessage, .canStartTopic, .canReplyInTopic, .canEditOwnTopic,
                                      .canSendLink, .canSendLinkPreview, .canChangeRoomName, .canChangeRoomAvatar,
                                      .canChangeRoomSubject, .canChangeRoomMood] + reading + uploads + downloads + ownProfile
        let admin = ordinary + [.canBan, .canUnban, .canKick, .canChangeUserRole, .canDeleteOtherMessage, .canEditOtherTopic,
                                .canChangeRoomDescription]
        let superAdmin = admin + [.canChangeRoomMembershipStyle, .canChangePreauthorizedUserList, .canDestroyRoom]
        return build([
            Role(index: 0, name: "no_role", capabilities: [], maxActiveParticipants: 0),
            banned,
            Role(index: 2, name: "ordinary_user", capabilities: ordinary, authorizedRoleChanges: changes([(0, [2]), (2, [0])])),
            Role(index: 3, name: "group_admin", capabilities: admin, minParticipants: 1,
                 authorizedRoleChanges: changes([(0, [1, 2, 3]), (1, [0, 2, 3]), (2, [0, 1, 3]), (3, [0, 1, 2])])),
            Role(index: 4, name: "super_admin", capabilities: superAdmin,
                 authorizedRoleChanges: changes([(0, [1, 2, 3, 4]), (1, [0, 2, 3, 4]), (2, [0, 1, 3, 4]), (3, [0, 1, 2, 4]), (4, [0, 1, 2, 3])])),
            Role(index: 5, name: "policy_enforcer", capabilities: policyEnforcerCaps, minParticipants: 1, maxParticipants: 2,
                 maxActiveParticipants: 0, authorizedRoleChanges: changes([(0, [1]), (1, [0]), (2, [0, 1]), (3, [0, 1]), (4, [0, 1])])),
        ])
    }()

    /// "Strictly administered room" (Appendix A.2).
    public static let strict: RoleData = {
        let ordinary: [Capability] = [.canAddOwnClient, .canJoinIfPreauthorized, .canRemoveOwnClient, .canRemoveSelf, .canChangeOwnRole,
                                      .canSendMessage, .canReportAbuse, .canReactToMessage, .canDeleteOwnReaction, .canEditOwnMessage,
                                      .canDeleteOwnMessage, .canStartTopic, .canReplyInTopic, .canSendLink, .canSendLinkPreview]
            + reading + uploads + downloads + ownProfile
        let admin = ordinary + [.canAddParticipant, .canRemoveParticipant, .canBan, .canUnban, .canKick, .canChangeUserRole,
                                .canDeleteOtherReaction, .canDeleteOtherMessage, .canEditOwnTopic, .canEditOtherTopic,
                                .canChangeRoomDescription, .canChangeRoomName, .canChangeRoomAvatar, .canChangeRoomSubject, .canChangeRoomMood]
        let superAdmin = admin + [.canChangeRoomMembershipStyle, .canChangeRoleDefinitions, .canChangePreauthorizedUserList,
                                  .canDestroyRoom, .canSendMLSReinitProposal]
        return build([
            Role(index: 0, name: "no_role", capabilities: [.canUseJoinCode], maxActiveParticipants: 0, authorizedRoleChanges: changes([(0, [2])])),
            banned,
            Role(index: 2, name: "ordinary_user", capabilities: ordinary, authorizedRoleChanges: changes([(0, [2]), (2, [0])])),
            Role(index: 3, name: "group_admin", capabilities: admin, minParticipants: 1,
                 authorizedRoleChanges: changes([(0, [1, 2, 3]), (1, [0, 2, 3]), (2, [0, 1, 3]), (3, [0, 1, 2])])),
            Role(index: 4, name: "super_admin", capabilities: superAdmin,
                 authorizedRoleChanges: changes([(0, [1, 2, 3, 4]), (1, [0, 2, 3, 4]), (2, [0, 1, 3, 4]), (3, [0, 1, 2, 4]), (4, [0, 1, 2, 3])])),
            Role(index: 5, name: "policy_enforcer", capabilities: policyEnforcerCaps, minParticipants: 1, maxParticipants: 2,
                 maxActiveParticipants: 0, authorizedRoleChanges: changes([(0, [1]), (1, [0]), (2, [0, 1]), (3, [0, 1]), (4, [0, 1])])),
        ])
    }()

    /// "Moderated room" (Appendix A.3).
    public static let moderated: RoleData = {
        let guest: [Capability] = [.canRemoveSelf, .canReceiveMessage, .canCopyMessage, .canReactToMessage, .canDeleteOwnReaction,
                                   .canFollowLink, .canCopyLink, .canDownloadImage, .canDownloadVideo, .canDownloadAudio]
        let attendee = guest + [.canAddOwnClient, .canJoinIfPreauthorized, .canRemoveOwnClient, .canChangeOwnRole, .canReportAbuse,
                                .canReplyInTopic, .canDownloadAttachment, .canChangeOwnName, .canChangeOwnPresence, .canChangeOwnAvatar]
        let speaker = attendee + [.canSendMessage, .canEditOwnMessage, .canDeleteOwnMessage, .canStartTopic, .canSendLink,
                                  .canSendLinkPreview] + uploads
        let moderator = speaker + [.canAddParticipant, .canRemoveParticipant, .canBan, .canUnban, .canKick, .canChangeUserRole,
                                   .canDeleteOtherReaction, .canDeleteOtherMessage, .canEditOwnTopic, .canEditOtherTopic,
                                   .canChangeRoomName, .canChangeRoomAvatar, .canChangeRoomSubject, .canChangeRoomMood]
        let superAdmin = moderator + [.canChangeRoomDescription, .canChangeRoomMembershipStyle, .canChangeRoleDefinitions,
                                      .canChangePreauthorizedUserList, .canDestroyRoom, .canSendMLSReinitProposal]
        let all: [UInt32] = [0, 1, 2, 3, 4, 5, 6]
        func others(_ roles: [UInt32]) -> [(UInt32, [UInt32])] { roles.map { r in (r, roles.filter { $0 != r }) } }
        return build([
            Role(index: 0, name: "no_role", capabilities: [.canUseJoinCode], authorizedRoleChanges: changes([(0, [2, 3])])),
            banned,
            Role(index: 2, name: "guest", capabilities: guest, authorizedRoleChanges: changes([(0, [2]), (2, [0])])),
            Role(index: 3, name: "attendee", capabilities: attendee, authorizedRoleChanges: changes([(0, [3]), (3, [0])])),
            Role(index: 4, name: "speaker", capabilities: speaker, authorizedRoleChanges: changes([(0, [4]), (4, [0])])),
            Role(index: 5, name: "moderator", capabilities: moderator, minParticipants: 1,
                 authorizedRoleChanges: changes(others(Array(all.prefix(6))))),
            Role(index: 6, name: "super_admin", capabilities: superAdmin, authorizedRoleChanges: changes(others(all))),
            Role(index: 7, name: "policy_enforcer", capabilities: policyEnforcerCaps, minParticipants: 1, maxParticipants: 2,
                 maxActiveParticipants: 0,
                 authorizedRoleChanges: changes([(0, [1]), (1, [0]), (2, [0, 1]), (3, [0, 1]), (4, [0, 1]), (5, [0, 1]), (6, [0, 1])])),
        ])
    }()

    /// "Multi-organization administered room" (Appendix A.4).
    public static let multiOrganization: RoleData = {
        let orgUser: [Capability] = [.canRemoveSelf, .canAddOwnClient, .canRemoveOwnClient, .canSendMessage, .canReceiveMessage,
                                     .canCopyMessage, .canReportAbuse, .canReplyInTopic, .canReactToMessage, .canDeleteOwnReaction,
                                     .canEditOwnMessage, .canSendLink, .canSendLinkPreview, .canFollowLink, .canCopyLink,
                                     .canChangeOwnName, .canChangeOwnPresence, .canChangeOwnAvatar] + downloads
        let orgAUser = orgUser + [.canChangeOwnRole, .canJoinIfPreauthorized]
        let orgAdmin = orgUser + [.canDeleteOwnMessage, .canStartTopic, .canAddParticipant, .canRemoveParticipant, .canBan, .canKick,
                                  .canChangeUserRole] + uploads
        let orgAAdmin = orgAdmin + [.canChangeOwnRole, .canJoinIfPreauthorized]
        let superAdmin = orgAAdmin + [.canUnban, .canDeleteOtherReaction, .canDeleteOtherMessage, .canEditOwnTopic, .canEditOtherTopic,
                                      .canChangeRoomDescription, .canChangeRoomName, .canChangeRoomAvatar, .canChangeRoomSubject,
                                      .canChangeRoomMood, .canChangeRoomMembershipStyle, .canChangeRoleDefinitions,
                                      .canChangePreauthorizedUserList, .canDestroyRoom, .canSendMLSReinitProposal]
        return build([
            Role(index: 0, name: "no_role", capabilities: [], maxActiveParticipants: 0),
            banned,
            Role(index: 2, name: "org_a_user", capabilities: orgAUser, authorizedRoleChanges: changes([(0, [2]), (2, [0])])),
            Role(index: 3, name: "org_b_user", capabilities: orgUser, authorizedRoleChanges: changes([(0, [3]), (3, [0])])),
            Role(index: 4, name: "org_c_user", capabilities: orgUser, authorizedRoleChanges: changes([(0, [4]), (4, [0])])),
            Role(index: 5, name: "org_a_admin", capabilities: orgAAdmin,
                 authorizedRoleChanges: changes([(0, [2, 5]), (2, [0, 1, 5]), (5, [0, 1, 2])])),
            Role(index: 6, name: "org_b_admin", capabilities: orgAdmin, minParticipants: 1, maxParticipants: 3, minActiveParticipants: 1,
                 authorizedRoleChanges: changes([(0, [3, 6]), (3, [0, 1, 6]), (6, [0, 1, 3])])),
            Role(index: 7, name: "org_c_admin", capabilities: orgAdmin, minParticipants: 1, maxParticipants: 3, minActiveParticipants: 1,
                 authorizedRoleChanges: changes([(0, [4, 7]), (4, [0, 1, 7]), (7, [0, 1, 4])])),
            Role(index: 8, name: "super_admin", capabilities: superAdmin, minParticipants: 1, minActiveParticipants: 1,
                 authorizedRoleChanges: changes([(0, [1, 2, 3, 4, 5, 6, 7, 8]), (1, [0, 2, 3, 4, 5, 6, 7, 8]), (2, [0, 1, 5, 8]),
                                                 (3, [0, 1, 6]), (4, [0, 1, 7]), (5, [0, 1, 2, 8]), (6, [0, 1, 3]), (7, [0, 1, 4]),
                                                 (8, [0, 1, 2, 5])])),
            Role(index: 9, name: "policy_enforcer", capabilities: policyEnforcerCaps, minParticipants: 1, maxParticipants: 2,
                 maxActiveParticipants: 0,
                 authorizedRoleChanges: changes([(0, [1]), (1, [0]), (3, [0, 1]), (4, [0, 1]), (5, [0, 1]), (6, [0, 1]), (7, [0, 1]), (8, [0, 1])])),
        ])
    }()
}
