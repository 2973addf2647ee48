import XCTest
import MLS
import MLSCrypto
@testable import MIMI

/// Room state travels in AppDataUpdate proposals (draft-ietf-mls-extensions §4.7, draft-ietf-mimi-protocol-06 §9.5):
/// what the commit on the wire carries, and the hub applying a room-metadata update.
final class ProviderAppDataTests: XCTestCase {
    let room = MIMIURI.room("ad", hub: "a.example")
    let alice = MIMIURI.client(user: "alice", device: 1, domain: "a.example")
    let bob = MIMIURI.client(user: "bob", device: 1, domain: "b.example")

    func testParticipantListChangeIsAnAppDataUpdateProposalOnTheWire() throws {
        let d = try FederationDriver(domains: ["a.example", "b.example"], seed: 11)
        for c in [alice, bob] { try d.addClient(c) }
        d.run()
        d.command(alice, .createRoom(room)); d.run()
        var commits: [PublicMessage] = []
        d.onRequest = { t, _ in
            guard case .request(_, .client(.update), _) = t.kind, let request = try? MIMIWire.decode(UpdateRequest.self, from: t.body),
                  case .commit(let bundle) = request.bundle, case .publicMessage(let pub) = bundle.commit.body else { return }
            commits.append(pub)
        }
        let bobUser = MIMIURI.user(ofClient: bob)!
        d.command(alice, .addUser(room: room, user: bobUser)); d.run()
        XCTAssertEqual(commits.count, 1)
        let pub = try XCTUnwrap(commits.first)
        XCTAssertEqual(pub.content.authenticatedData, [], "the commit's authenticated data carries nothing")
        guard case .commit(let commit) = pub.content.body else { return XCTFail("not a commit") }
        let updates = commit.proposals.compactMap { item -> AppDataUpdate? in
            if case .proposal(.appDataUpdate(let u)) = item { u } else { nil }
        }
        XCTAssertEqual(updates.count, 1)
        XCTAssertEqual(updates.first?.componentID, .participantList)
        XCTAssertEqual(try MIMIWire.decode(ParticipantListUpdate.self, from: XCTUnwrap(updates.first?.update)),
                       ParticipantListUpdate(addedParticipants: [UserRolePair(user: bobUser, role: 2)]))
        XCTAssertFalse(commit.proposals.contains { if case .proposal(.groupContextExtensions) = $0 { true } else { false } })
        XCTAssertNil(commit.path, "an Add with an AppDataUpdate needs no UpdatePath")
        // Every member (bob joined from the Welcome's GroupContext) and the hub agree on the list.
        d.checkAgreement(room)
        XCTAssertEqual(try RoomExtensions.participantList(in: d.clients[bob]!.group(of: room)!.context.extensions).participants.map(\.user),
                       [MIMIURI.user(ofClient: alice)!, bobUser])
    }

    func testHubAppliesARoomMetadataUpdateAndChecksItsCapability() throws {
        let d = try FederationDriver(domains: ["a.example", "b.example"], seed: 12)
        for c in [alice, bob] { try d.addClient(c) }
        d.run()
        d.command(alice, .createRoom(room)); d.run()
        d.command(alice, .addUser(room: room, user: MIMIURI.user(ofClient: bob)!)); d.run()
        let group = d.clients[bob]!.group(of: room)!
        func send(_ metadata: RoomMetadata) throws -> (UpdateRoomResponse?, Provider) {
            let out = try group.commit(CommitOptions(proposals: [.appDataUpdate(AppDataUpdate(componentID: .roomMetadata, update: metadata.encoded()))],
                                                     groupInfo: .withoutTree))
            let bundle = try CommitBundle(commit: out.message, welcome: nil, groupInfo: .full(out.groupInfo!), ratchetTree: .distributionService)
            var hub = d.providers["a.example"]!
            hub.handle(.received(Transmit(from: .provider("b.example"), to: .provider("a.example"),
                                          kind: .request(id: 998, route: .mimi(.update), target: room.uri),
                                          body: UpdateRequest(bundle: .commit(bundle)).encoded())), now: d.now)
            var response: UpdateRoomResponse?
            while let t = hub.pollTransmit() {
                if case .response(998, _) = t.kind { response = try? MIMIWire.decode(UpdateRoomResponse.self, from: t.body) }
            }
            return (response, hub)
        }
        let renamed = RoomMetadata(roomURI: room, name: "Renamed")
        let (accepted, hub) = try send(renamed)
        XCTAssertEqual(accepted?.outcome.code, .success)
        XCTAssertEqual(hub.hubRooms[room]?.state.metadata, renamed)
        XCTAssertEqual(try RoomExtensions.metadata(in: XCTUnwrap(hub.hubRooms[room]).observer.context.extensions), renamed)
        // An ordinary user of the cooperative set may not change the description.
        let (refused, _) = try send(RoomMetadata(roomURI: room, descriptions: [RichDescription(content: Array("x".utf8))]))
        XCTAssertEqual(refused?.outcome.code, .notAllowed)
    }
}
