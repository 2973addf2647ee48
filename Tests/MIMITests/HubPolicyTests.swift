import XCTest
import MLS
@testable import MIMI

/// Every HubPolicy rule: an allowed commit, and a commit breaking the rule that gets `notAllowed` and leaves the state unchanged.
final class HubPolicyTests: XCTestCase {
    let alice: IdentifierURI = "mimi://a.example/u/alice"   // group_admin (3)
    let bob: IdentifierURI = "mimi://b.example/u/bob"       // ordinary_user (2)
    let cathy: IdentifierURI = "mimi://c.example/u/cathy"   // ordinary_user (2)
    let dave: IdentifierURI = "mimi://d.example/u/dave"     // not a participant
    let room: IdentifierURI = "mimi://a.example/r/club"

    func client(_ user: IdentifierURI, _ n: Int) -> IdentifierURI { IdentifierURI(user.uri.replacingOccurrences(of: "/u/", with: "/d/") + "/\(n)") }

    func state(roles: RoleData = RoleSets.cooperative, base: BaseRoomPolicy = BaseRoomPolicy()) throws -> RoomState {
        try RoomState(roles: roles, base: base,
                      participants: try ParticipantListData(participants: [UserRolePair(user: alice, role: 3), UserRolePair(user: bob, role: 2),
                                                                           UserRolePair(user: cathy, role: 2)]),
                      clients: [.init(user: alice, clients: [client(alice, 1)]), .init(user: bob, clients: [client(bob, 1), client(bob, 2)]),
                                .init(user: cathy, clients: [client(cathy, 1)])],
                      metadata: RoomMetadata(roomURI: room, name: "Club"))
    }

    @discardableResult
    func assertAllowed(_ commit: CommitDescription, in s: RoomState, line: UInt = #line) -> RoomState? {
        switch HubPolicy().check(commit, in: s) {
        case .success(let next): return next
        case .failure(let violation): XCTFail("expected allowed, got \(violation)", line: line); return nil
        }
    }

    func assertNotAllowed(_ commit: CommitDescription, in s: RoomState, _ reason: PolicyViolation.Reason, line: UInt = #line) {
        let before = s
        switch HubPolicy().check(commit, in: s) {
        case .success: XCTFail("expected notAllowed(\(reason))", line: line)
        case .failure(let violation): XCTAssertEqual(violation.reason, reason, violation.message, line: line)
        }
        XCTAssertEqual(s, before, line: line)
    }

    func add(_ user: IdentifierURI, role: UInt32) -> ParticipantListUpdate { ParticipantListUpdate(addedParticipants: [UserRolePair(user: user, role: role)]) }

    func testAddingAUserWithClientsIsAllowedAndUpdatesState() throws {
        let s = try state()
        let next = assertAllowed(CommitDescription(actor: bob, addedClients: [.init(client: client(dave, 1), user: dave)],
                                                   participantListUpdates: [add(dave, role: 2)]), in: s)
        XCTAssertEqual(next?.participants.role(of: dave), 2)
        XCTAssertEqual(next?.clients(of: dave), [client(dave, 1)])
    }

    func testActorMustBeAParticipant() throws {
        assertNotAllowed(CommitDescription(actor: dave, removedClients: [client(bob, 1)]), in: try state(), .actorNotParticipant)
    }

    func testAddNeedsCanAddParticipant() throws {
        let s = try state(roles: RoleSets.strict)  // ordinary_user cannot add in a strict room
        assertNotAllowed(CommitDescription(actor: bob, participantListUpdates: [add(dave, role: 2)]), in: s, .missingCapability(.canAddParticipant))
    }

    func testAddToARoleOutsideAuthorizedChanges() throws {
        assertNotAllowed(CommitDescription(actor: bob, participantListUpdates: [add(dave, role: 3)]), in: try state(),
                         .roleChangeNotAuthorized(from: 0, to: 3))
    }

    func testRemoveNeedsCanRemoveParticipantAndRemovesAllClients() throws {
        let s = try state()
        let removeBob = ParticipantListUpdate(removedIndices: [1])
        assertAllowed(CommitDescription(actor: alice, removedClients: [client(bob, 1), client(bob, 2)], participantListUpdates: [removeBob]), in: s)
        assertNotAllowed(CommitDescription(actor: alice, removedClients: [client(bob, 1)], participantListUpdates: [removeBob]), in: s,
                         .removedUserHasClients(bob))
        let strict = try state(roles: RoleSets.strict)
        assertNotAllowed(CommitDescription(actor: cathy, removedClients: [client(bob, 1), client(bob, 2)], participantListUpdates: [removeBob]),
                         in: strict, .missingCapability(.canRemoveParticipant))
    }

    func testBanNeedsCanBanAndRemovesClients() throws {
        let s = try state()
        let banBob = ParticipantListUpdate(changedRoles: [UserIndexRolePair(userIndex: 1, role: 1)])
        let next = assertAllowed(CommitDescription(actor: alice, removedClients: [client(bob, 1), client(bob, 2)], participantListUpdates: [banBob]), in: s)
        XCTAssertEqual(next?.participants.role(of: bob), 1)
        assertNotAllowed(CommitDescription(actor: cathy, removedClients: [client(bob, 1), client(bob, 2)], participantListUpdates: [banBob]), in: s,
                         .missingCapability(.canBan))
        assertNotAllowed(CommitDescription(actor: alice, participantListUpdates: [banBob]), in: s, .removedUserHasClients(bob))
    }

    func testChangeRoleNeedsCanChangeUserRole() throws {
        let promote = ParticipantListUpdate(changedRoles: [UserIndexRolePair(userIndex: 2, role: 3)])
        assertAllowed(CommitDescription(actor: alice, participantListUpdates: [promote]), in: try state())
        assertNotAllowed(CommitDescription(actor: bob, participantListUpdates: [promote]), in: try state(), .missingCapability(.canChangeUserRole))
    }

    func testChangeToUndefinedRole() throws {
        assertNotAllowed(CommitDescription(actor: alice, participantListUpdates: [ParticipantListUpdate(changedRoles: [UserIndexRolePair(userIndex: 2, role: 42)])]),
                         in: try state(), .undefinedRole(42))
    }

    func testKickNeedsCanKick() throws {
        assertAllowed(CommitDescription(actor: alice, removedClients: [client(bob, 2)]), in: try state())
        assertNotAllowed(CommitDescription(actor: cathy, removedClients: [client(bob, 2)]), in: try state(), .missingCapability(.canKick))
        assertNotAllowed(CommitDescription(actor: alice, removedClients: [client(dave, 1)]), in: try state(), .unknownClient(client(dave, 1)))
    }

    func testOwnClientsNeedCanAddOwnClient() throws {
        assertAllowed(CommitDescription(actor: bob, addedClients: [.init(client: client(bob, 3), user: bob)]), in: try state())
        let moderated = try RoomState(roles: RoleSets.moderated, participants: try ParticipantListData(participants: [UserRolePair(user: bob, role: 2)]),
                                      clients: [.init(user: bob, clients: [client(bob, 1)])], metadata: RoomMetadata(roomURI: room))
        assertNotAllowed(CommitDescription(actor: bob, addedClients: [.init(client: client(bob, 3), user: bob)]), in: moderated,
                         .missingCapability(.canAddOwnClient))
    }

    func testClientsOfNonParticipantsOrBannedUsersAreRefused() throws {
        assertNotAllowed(CommitDescription(actor: alice, addedClients: [.init(client: client(dave, 1), user: dave)]), in: try state(),
                         .clientNotAllowed(client(dave, 1)))
    }

    func testMaxUsers() throws {
        let s = try state(base: BaseRoomPolicy(maxUsers: 3))
        assertNotAllowed(CommitDescription(actor: bob, participantListUpdates: [add(dave, role: 2)]), in: s, .tooManyUsers)
    }

    func testMaxClientsAndSingleDevice() throws {
        assertNotAllowed(CommitDescription(actor: cathy, addedClients: [.init(client: client(cathy, 2), user: cathy)]),
                         in: try state(base: BaseRoomPolicy(maxClients: 4)), .tooManyClients)
        assertNotAllowed(CommitDescription(actor: cathy, addedClients: [.init(client: client(cathy, 2), user: cathy)]),
                         in: try state(base: BaseRoomPolicy(multiDevice: false)), .tooManyClients)
    }

    func testRoleMinimumAndMaximum() throws {
        // group_admin has minimum 1: alice, the only admin, cannot be demoted by a super admin.
        var s = try state()
        s.participants = try ParticipantListData(participants: s.participants.participants + [UserRolePair(user: dave, role: 4)])
        assertNotAllowed(CommitDescription(actor: dave, participantListUpdates: [ParticipantListUpdate(changedRoles: [UserIndexRolePair(userIndex: 0, role: 2)])]),
                         in: s, .belowRoleMinimum(role: 3))
        // org_b_admin (multi-org) allows at most 3.
        let org = try RoomState(roles: RoleSets.multiOrganization,
                                participants: try ParticipantListData(participants: [UserRolePair(user: alice, role: 8)] +
                                    (1...3).map { UserRolePair(user: IdentifierURI("mimi://b.example/u/admin\($0)"), role: 6) }),
                                metadata: RoomMetadata(roomURI: room))
        assertNotAllowed(CommitDescription(actor: alice, participantListUpdates: [add(dave, role: 6)]), in: org, .aboveRoleMaximum(role: 6))
    }

    func testPendingSelfRemovesMustBeIncluded() throws {
        assertAllowed(CommitDescription(actor: alice, selfRemovedClients: [client(bob, 2)], pendingSelfRemoves: [client(bob, 2)]), in: try state())
        assertNotAllowed(CommitDescription(actor: alice, pendingSelfRemoves: [client(bob, 2)]), in: try state(), .pendingSelfRemoveMissing(client(bob, 2)))
    }

    func testLeavingUserIsRemovedWithItsSelfRemoves() throws {
        let leave = ParticipantListUpdate(removedIndices: [2])
        assertAllowed(CommitDescription(actor: bob, selfRemovedClients: [client(cathy, 1)], pendingSelfRemoves: [client(cathy, 1)],
                                        participantListUpdates: [leave]), in: try state(roles: RoleSets.strict))
        assertNotAllowed(CommitDescription(actor: cathy, participantListUpdates: [leave], metadataUpdates: []), in: try state(),
                         .missingCapability(.canRemoveSelf))
    }

    func testAtMostOneMetadataUpdateAndItsCapabilities() throws {
        let renamed = RoomMetadata(roomURI: room, name: "Chess club")
        XCTAssertEqual(assertAllowed(CommitDescription(actor: bob, metadataUpdates: [renamed]), in: try state())?.metadata, renamed)
        assertNotAllowed(CommitDescription(actor: bob, metadataUpdates: [renamed, renamed]), in: try state(), .tooManyMetadataUpdates)
        let described = RoomMetadata(roomURI: room, name: "Club", descriptions: [RichDescription(content: Array("chess".utf8))])
        assertNotAllowed(CommitDescription(actor: bob, metadataUpdates: [described]), in: try state(), .missingCapability(.canChangeRoomDescription))
        assertNotAllowed(CommitDescription(actor: alice, metadataUpdates: [RoomMetadata(roomURI: "mimi://x/r/y")]), in: try state(), .invalidUpdate)
    }

    func testSameUserTwiceAndBadIndexesAreInvalidUpdates() throws {
        assertNotAllowed(CommitDescription(actor: alice, participantListUpdates: [ParticipantListUpdate(removedIndices: [9])]), in: try state(), .invalidUpdate)
        assertNotAllowed(CommitDescription(actor: alice, participantListUpdates: [add(dave, role: 2), ParticipantListUpdate(removedIndices: [3])]),
                         in: try state(), .invalidUpdate)
    }

    func testFixedMembershipRoomsTakeNoNewUsers() throws {
        assertNotAllowed(CommitDescription(actor: bob, participantListUpdates: [add(dave, role: 2)]),
                         in: try state(base: BaseRoomPolicy(fixedMembership: true)), .fixedMembership)
    }

    func testOpenJoinNeedsCanOpenJoinOnRoleZero() throws {
        let join = CommitDescription(actor: dave, addedClients: [.init(client: client(dave, 1), user: dave)], participantListUpdates: [add(dave, role: 2)])
        assertNotAllowed(join, in: try state(), .missingCapability(.canOpenJoin))
        var zero = RoleSets.cooperative.role(0)!
        zero.capabilities = [.canOpenJoin]
        zero.authorizedRoleChanges = [RoleChangeTargets(from: 0, to: [2])]
        zero.maxActiveParticipants = nil
        let open = try RoleData(roles: [zero] + RoleSets.cooperative.roles.filter { $0.index != 0 })
        assertAllowed(join, in: try state(roles: open))
    }

    func testRoleSetsByNameAndWireRoundTrip() throws {
        for name in RoleSets.names {
            let roles = try RoleSets.named(name)
            XCTAssertEqual(try MIMIWire.decode(RoleData.self, from: roles.encoded()), roles, name)
            XCTAssertTrue(roles.hasBannedRole, name)
        }
        XCTAssertThrowsError(try RoleSets.named("anarchy")) { XCTAssertEqual(($0 as? MIMIError)?.code, .invalidPolicy) }
        XCTAssertEqual(RoleSets.moderated.roles.count, 8)
        XCTAssertEqual(RoleSets.multiOrganization.role(6)?.maxParticipants, 3)
    }

    func testPolicyWireTypesRoundTripAndValidate() throws {
        let base = BaseRoomPolicy(parentDependent: true, parentRoom: "mimi://a.example/r/parent", maxClients: 100, maxUsers: 50)
        XCTAssertEqual(try MIMIWire.decode(BaseRoomPolicy.self, from: base.encoded()), base)
        var bytes = base.encoded()
        bytes[0] = 2  // bool 2
        XCTAssertThrowsError(try MIMIWire.decode(BaseRoomPolicy.self, from: bytes)) { XCTAssertEqual(($0 as? MIMIError)?.code, .invalidValue) }
        let update = ParticipantListUpdate(changedRoles: [UserIndexRolePair(userIndex: 0, role: 3)], removedIndices: [1],
                                           addedParticipants: [UserRolePair(user: dave, role: 2)])
        let proposal = update.appDataUpdate
        XCTAssertEqual(try MIMIWire.decode(AppDataUpdate.self, from: proposal.encoded()), proposal)
        XCTAssertEqual(try MIMIWire.decode(ParticipantListUpdate.self, from: proposal.update!), update)
        var dictionary = AppDataDictionary()
        dictionary.set(.roomMetadata, [1])
        dictionary.set(.participantList, [2])
        XCTAssertEqual(dictionary.entries.map(\.componentID), [.participantList, .roomMetadata])
        XCTAssertEqual(try MIMIWire.decode(AppDataDictionary.self, from: dictionary.encoded()), dictionary)
        let unsorted = [UInt8]([0x08, 0x00, 0x23, 0x01, 0x01, 0x00, 0x22, 0x01, 0x02])
        XCTAssertThrowsError(try MIMIWire.decode(AppDataDictionary.self, from: unsorted))
        let metadata = RoomMetadata(roomURI: room, name: "Club", descriptions: [RichDescription(languageTag: Array("en".utf8), content: [1])])
        XCTAssertEqual(try MIMIWire.decode(RoomMetadata.self, from: metadata.encoded()), metadata)
        XCTAssertThrowsError(try ParticipantListData(participants: [UserRolePair(user: bob, role: 2), UserRolePair(user: bob, role: 3)]))
    }
}
