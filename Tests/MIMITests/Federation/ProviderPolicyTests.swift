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

    /// Sends bob's crafted commit to the hub (as b.example's forwarded update) and checks the answer and state.
    func assertNotAllowed(_ d: FederationDriver, proposals: [Proposal], update: ParticipantListUpdate?, list: ParticipantListData?,
                          includePending: Bool = true, reason: PolicyViolation.Reason, file: StaticString = #filePath, line: UInt = #line) throws {
        let group = d.clients[bob]!.group(of: room)!
        var all = proposals
        if let list { all.append(.groupContextExtensions(GroupContextExtensionsProposal(extensions: RoomExtensions.setting(list, in: group.context.extensions)))) }
        let out = try group.commit(CommitOptions(inlineTree: false, includePending: includePending, proposals: all,
                                                 authenticatedData: CommitAnnotation(participantListUpdate: update).encoded(), groupInfo: .withoutTree))
        let bundle = try CommitBundle(commit: out.message, welcome: out.welcome, groupInfo: .full(out.groupInfo!), ratchetTree: .distributionService)
        var hub = d.providers["a.example"]!
        let before = hub.stateFingerprint()
        hub.handle(.received(Transmit(from: .provider("b.example"), to: .provider("a.example"),
                                      kind: .request(id: 999, route: .mimi(.update), target: room.uri),
                                      body: UpdateRequest(bundle: .commit(bundle)).encoded())), now: d.now)
        let response = hub.pollTransmit().flatMap { try? MIMIWire.decode(UpdateRoomResponse.self, from: $0.body) }
        XCTAssertEqual(response?.outcome, .notAllowed, file: file, line: line)
        var rejected: HandshakeRejection?
        while let e = hub.pollEvent() { if case .commitRejected(_, _, let r) = e { rejected = r } }
        XCTAssertEqual(rejected, .notAllowed(reason), file: file, line: line)
        XCTAssertEqual(hub.stateFingerprint(), before, "a rejected commit changed the hub", file: file, line: line)
    }

    func list(_ d: FederationDriver) -> ParticipantListData { d.hosted(room)!.participants }

    func testAddingAClientWhoseUserIsNotAddedToTheList() throws {
        let d = try setUp3()
        let c = d.crypto("dave")
        let dave = MIMIURI.client(user: "dave", device: 1, domain: "c.example")
        let kp = try KeyPackageBundle(c, identity: MemberIdentity(c, identity: dave.bytes, capabilities: RoomExtensions.capabilities(c.suite)))
        try assertNotAllowed(d, proposals: [.add(AddProposal(keyPackage: kp.keyPackage))], update: nil, list: nil, reason: .clientNotAllowed(dave))
    }

    func testGroupContextListDiffersFromTheUpdate() throws {
        let d = try setUp3()
        let cathyUser = MIMIURI.user(ofClient: cathy)!
        let update = ParticipantListUpdate(addedParticipants: [UserRolePair(user: cathyUser, role: 2)])
        try assertNotAllowed(d, proposals: [], update: update, list: list(d), reason: .invalidUpdate)
    }

    func testRemovingAUserWhoKeepsClients() throws {
        let d = try setUp3()
        let update = ParticipantListUpdate(removedIndices: [0])
        try assertNotAllowed(d, proposals: [], update: update, list: try list(d).applying(update),
                             reason: .removedUserHasClients(MIMIURI.user(ofClient: alice)!))
    }

    func testCommitterRemovingItselfFromTheList() throws {
        let d = try setUp3()
        let update = ParticipantListUpdate(removedIndices: [1])
        try assertNotAllowed(d, proposals: [], update: update, list: try list(d).applying(update), reason: .missingCapability(.canRemoveSelf))
    }

    func testPendingSelfRemoveLeftOut() throws {
        let d = try setUp3()
        d.command(alice, .addUser(room: room, user: MIMIURI.user(ofClient: cathy)!)); d.run()
        d.command(cathy, .leave(room: room)); d.run()
        XCTAssertEqual(d.hosted(room)?.pendingSelfRemoves, [cathy])
        try assertNotAllowed(d, proposals: [], update: nil, list: nil, includePending: false, reason: .pendingSelfRemoveMissing(cathy))
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
