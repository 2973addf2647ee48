import XCTest
import MLS
import MLSCrypto
@testable import MIMI

/// Commits that break a room-policy rule, built by a real member and sent to the hub: each gets `notAllowed`
/// with the rule's reason, and the hub's state is unchanged.
final class ProviderPolicyTests: XCTestCase {
    let room = MIMIURI.room("p", hub: "a.example")
    let alice = MIMIURI.client(user: "alice", device: 1, domain: "a.example")
    let bob = MIMIURI.client(user: "bob", device: 1, domain: "b.example")
    let cathy = MIMIURI.client(user: "cathy", device: 1, domain: "c.example")

    func setUp3() throws -> FederationDriver {
        let d = try FederationDriver(domains: ["a.example", "b.example", "c.example"], seed: 3)
        for c in [alice, bob, cathy] { try d.addClient(c) }
        d.run()
        d.command(alice, .createRoom(room)); d.run()
        d.command(alice, .addUser(room: room, user: MIMIURI.user(ofClient: bob)!)); d.run()
        return d
    }

    /// Sends bob's crafted commit to the hub (as b.example's forwarded update) and checks the rejection and that
    /// the hub's state is unchanged. `update` goes into an AppDataUpdate proposal for `participant_list`, after
    /// `proposals`; `group` replaces bob's group (for a committer whose components differ from the room's).
    func assertRejected(_ d: FederationDriver, group: Group? = nil, proposals: [Proposal], update: ParticipantListUpdate?,
                        includePending: Bool = true, _ expected: HandshakeRejection, file: StaticString = #filePath, line: UInt = #line) throws {
        let group = group ?? d.clients[bob]!.group(of: room)!
        var all = proposals
        if let update { all.append(.appDataUpdate(update.appDataUpdate)) }
        let out = try group.commit(CommitOptions(inlineTree: false, includePending: includePending, proposals: all, groupInfo: .withoutTree))
        let bundle = try CommitBundle(commit: out.message, welcome: out.welcome, groupInfo: .full(out.groupInfo!), ratchetTree: .distributionService)
        var hub = d.providers["a.example"]!
        let before = hub.stateFingerprint()
        hub.handle(.received(Transmit(from: .provider("b.example"), to: .provider("a.example"),
                                      kind: .request(id: 999, route: .mimi(.update), target: room.uri),
                                      body: UpdateRequest(bundle: .commit(bundle)).encoded())), now: d.now)
        let response = hub.pollTransmit().flatMap { try? MIMIWire.decode(UpdateRoomResponse.self, from: $0.body) }
        let code: UpdateResponseCode = if case .notAllowed = expected { .notAllowed } else { .invalidProposal }
        XCTAssertEqual(response?.outcome.code, code, file: file, line: line)
        var rejected: HandshakeRejection?
        while let e = hub.pollEvent() { if case .commitRejected(_, _, let r) = e { rejected = r } }
        XCTAssertEqual(rejected, expected, file: file, line: line)
        XCTAssertEqual(hub.stateFingerprint(), before, "a rejected commit changed the hub", file: file, line: line)
    }

    /// A policy rejection (`notAllowed` with `reason`).
    func assertNotAllowed(_ d: FederationDriver, proposals: [Proposal], update: ParticipantListUpdate?, includePending: Bool = true,
                          reason: PolicyViolation.Reason, file: StaticString = #filePath, line: UInt = #line) throws {
        try assertRejected(d, proposals: proposals, update: update, includePending: includePending, .notAllowed(reason), file: file, line: line)
    }

    func list(_ d: FederationDriver) -> ParticipantListData { d.hosted(room)!.participants }

    func testAddingAClientWhoseUserIsNotAddedToTheList() throws {
        let d = try setUp3()
        let c = d.crypto("dave")
        let dave = MIMIURI.client(user: "dave", device: 1, domain: "c.example")
        let kp = try KeyPackageBundle(c, identity: MemberIdentity(c, identity: dave.bytes, capabilities: RoomExtensions.capabilities(c.suite)))
        try assertNotAllowed(d, proposals: [.add(AddProposal(keyPackage: kp.keyPackage))], update: nil, reason: .clientNotAllowed(dave))
    }

    func testGroupContextExtensionsCannotChangeTheList() throws {
        let d = try setUp3()
        let group = d.clients[bob]!.group(of: room)!
        let cathyUser = MIMIURI.user(ofClient: cathy)!
        let next = try list(d).applying(ParticipantListUpdate(addedParticipants: [UserRolePair(user: cathyUser, role: 2)]))
        let gce = Proposal.groupContextExtensions(GroupContextExtensionsProposal(extensions: RoomExtensions.setting(next, in: group.context.extensions)))
        // The room requires AppDataUpdate, so MLS itself refuses a GroupContextExtensions that touches app_data_dictionary.
        XCTAssertThrowsError(try group.commit(CommitOptions(proposals: [gce]))) { XCTAssertEqual(($0 as? MLSError)?.code, .invalidProposal) }
    }

    func testRemovingTheParticipantListComponent() throws {
        let d = try setUp3()
        let group = d.clients[bob]!.group(of: room)!
        let out = try group.commit(CommitOptions(proposals: [.appDataUpdate(AppDataUpdate(removing: .participantList))]))
        XCTAssertNotNil(out.staged)  // valid MLS (the component has data) ...
        try assertRejected(d, proposals: [.appDataUpdate(AppDataUpdate(removing: .participantList))], update: nil, .notAllowed(.invalidUpdate))
    }

    func testAppDataUpdatesTheHubDoesNotKnowOrRejects() throws {
        let d = try setUp3()
        var group = d.clients[bob]!.group(of: room)!
        group.config.appData.register(.rolesList) { _, updates in updates.last ?? [] }
        try assertRejected(d, group: group, proposals: [.appDataUpdate(AppDataUpdate(componentID: .rolesList, update: [1]))], update: nil,
                           .invalidProposal)
        // A participant-list update the component's logic refuses (index out of range), from a lenient committer.
        group.config.appData.register(.participantList) { current, _ in current ?? [] }
        try assertRejected(d, group: group, proposals: [], update: ParticipantListUpdate(removedIndices: [7]), .invalidProposal)
    }

    func testTwoMetadataUpdatesAndARoomURIChange() throws {
        let d = try setUp3()
        let renamed = RoomMetadata(roomURI: room, name: "Renamed")
        let metadata = Proposal.appDataUpdate(AppDataUpdate(componentID: .roomMetadata, update: renamed.encoded()))
        try assertNotAllowed(d, proposals: [metadata, metadata], update: nil, reason: .tooManyMetadataUpdates)
        let moved = Proposal.appDataUpdate(AppDataUpdate(componentID: .roomMetadata, update: RoomMetadata(roomURI: "mimi://a.example/r/other").encoded()))
        try assertNotAllowed(d, proposals: [moved], update: nil, reason: .invalidUpdate)
    }

    func testRemovingAUserWhoKeepsClients() throws {
        let d = try setUp3()
        let update = ParticipantListUpdate(removedIndices: [0])
        try assertNotAllowed(d, proposals: [], update: update, reason: .removedUserHasClients(MIMIURI.user(ofClient: alice)!))
    }

    func testCommitterRemovingItselfFromTheList() throws {
        let d = try setUp3()
        let update = ParticipantListUpdate(removedIndices: [1])
        try assertNotAllowed(d, proposals: [], update: update, reason: .missingCapability(.canRemoveSelf))
    }

    func testPendingSelfRemoveLeftOut() throws {
        let d = try setUp3()
        d.command(alice, .addUser(room: room, user: MIMIURI.user(ofClient: cathy)!)); d.run()
        d.command(cathy, .leave(room: room)); d.run()
        XCTAssertEqual(d.hosted(room)?.pendingSelfRemoves, [cathy])
        try assertNotAllowed(d, proposals: [], update: nil, includePending: false, reason: .pendingSelfRemoveMissing(cathy))
    }

    func testMessageFromAClientOutsideTheRoom() throws {
        let d = try setUp3()
        var hub = d.providers["a.example"]!
        var bobGroup = d.clients[bob]!.group(of: room)!
        let message = try bobGroup.encrypt([1], authenticatedData: MessageAnnotation(frankingTag: Array(repeating: 7, count: 32)).encoded())
        let before = hub.stateFingerprint()
        let request = try SubmitMessageRequest(appMessage: message, sendingURI: cathy)
        hub.handle(.received(Transmit(from: .provider("b.example"), to: .provider("a.example"),
                                      kind: .request(id: 5, route: .mimi(.submitMessage), target: room.uri), body: request.encoded())), now: d.now)
        let response = hub.pollTransmit().flatMap { try? MIMIWire.decode(SubmitMessageResponse.self, from: $0.body) }
        XCTAssertEqual(response?.outcome, .notAllowed)
        XCTAssertEqual(hub.stateFingerprint(), before)
    }
}
