import XCTest
import MLS
import MLSCrypto
@testable import MIMI

/// The MIMI flows end to end through providers and clients, each checked for agreement and delivery.
final class ProviderFlowTests: XCTestCase {
    let room = MIMIURI.room("club", hub: "a.example")
    let alice = MIMIURI.client(user: "alice", device: 1, domain: "a.example")
    let bob = MIMIURI.client(user: "bob", device: 1, domain: "b.example")
    let cathy = MIMIURI.client(user: "cathy", device: 1, domain: "c.example")

    func federation(drop: Double = 0) throws -> FederationDriver {
        let d = try FederationDriver(domains: ["a.example", "b.example", "c.example"], seed: 7, dropProbability: drop)
        for c in [alice, bob, cathy] { try d.addClient(c) }
        d.run()
        return d
    }

    func user(_ client: IdentifierURI) -> IdentifierURI { MIMIURI.user(ofClient: client)! }

    func testCreateAddRemoteUserAndMessage() throws {
        let d = try federation()
        d.command(alice, .createRoom(room))
        d.run()
        d.command(alice, .addUser(room: room, user: user(bob)))
        d.run()
        XCTAssertEqual(d.members(room), [alice, bob])
        d.command(bob, .addUser(room: room, user: user(cathy)))
        d.run()
        d.checkAgreement(room)
        XCTAssertEqual(d.hosted(room)?.epoch, 2)
        d.command(cathy, .sendMessage(room: room, content: Array("hello".utf8)))
        d.command(alice, .sendMessage(room: room, content: Array("hi".utf8)))
        d.run()
        let (messages, deliveries) = d.checkDeliveries()
        XCTAssertEqual(messages, 2)
        XCTAssertEqual(deliveries, 4)
        let contents = d.clientEvents.compactMap { e -> String? in
            if case .delivered(_, _, let sender, let content) = e.1, e.0 == bob { return "\(sender.uri):\(String(decoding: content, as: UTF8.self))" }
            return nil
        }
        XCTAssertEqual(contents.sorted(), ["\(alice.uri):hi", "\(cathy.uri):hello"])
        // The Welcome reached bob through b.example by KeyPackageRef.
        XCTAssertTrue(d.providerEvents.contains { $0.0 == "b.example" && $0.1 == .welcomeRouted(room: room, client: bob) })
    }

    func testRemoveUser() throws {
        let d = try federation()
        d.command(alice, .createRoom(room)); d.run()
        d.command(alice, .addUser(room: room, user: user(bob))); d.run()
        d.command(alice, .addUser(room: room, user: user(cathy))); d.run()
        d.command(bob, .removeUser(room: room, user: user(cathy))); d.run()
        XCTAssertEqual(d.members(room), [alice, bob])
        XCTAssertEqual(d.hosted(room)?.participants.participants.map(\.user), [user(alice), user(bob)])
        XCTAssertTrue(d.clientEvents.contains { $0.0 == cathy && $0.1 == .removed(room: room, epoch: 3) })
        d.command(alice, .sendMessage(room: room, content: [1])); d.run()
        d.checkAgreement(room)
        XCTAssertEqual(d.checkDeliveries().1, 1)
    }

    func testRacingCommitsLoserRebuildsAndMessageForOldEpoch() throws {
        let d = try federation()
        d.command(alice, .createRoom(room)); d.run()
        d.command(alice, .addUser(room: room, user: user(bob))); d.run()
        // Both commit for epoch 1; one wins, the other gets wrongEpoch and commits again on epoch 2.
        d.command(alice, .commit(room: room))
        d.command(bob, .commit(room: room))
        // A message encrypted in epoch 1 that reaches the hub after a commit is epochTooOld and is sent again.
        d.command(bob, .sendMessage(room: room, content: [9]))
        d.run()
        let rejections = d.events { e -> UInt64? in if case .commitRejected(_, _, .wrongEpoch(let epoch)) = e { epoch } else { nil } }
        XCTAssertEqual(rejections, [2])
        XCTAssertEqual(d.hosted(room)?.epoch, 3)
        XCTAssertTrue(d.clientEvents.contains { if case .handshakeRetried(_, 2) = $0.1 { true } else { false } })
        let tooOld = d.events { e -> UInt64? in if case .messageRejected(_, _, let epoch?) = e { epoch } else { nil } }
        XCTAssertFalse(tooOld.isEmpty, "the message raced the commits and was epochTooOld at least once")
        d.checkAgreement(room)
        XCTAssertEqual(d.checkDeliveries().0, 1)
    }

    func testLeaveBySelfRemoveHeldUntilCommitted() throws {
        let d = try federation()
        d.command(alice, .createRoom(room)); d.run()
        d.command(alice, .addUser(room: room, user: user(bob))); d.run()
        d.command(alice, .addUser(room: room, user: user(cathy))); d.run()
        d.command(cathy, .leave(room: room)); d.run()
        XCTAssertEqual(d.hosted(room)?.pendingSelfRemoves, [cathy])
        XCTAssertEqual(d.hosted(room)?.epoch, 2)
        d.command(bob, .commit(room: room)); d.run()
        XCTAssertEqual(d.hosted(room)?.pendingSelfRemoves, [])
        XCTAssertEqual(d.members(room), [alice, bob])
        XCTAssertEqual(d.hosted(room)?.participants.participants.map(\.user), [user(alice), user(bob)])
        d.checkAgreement(room)
    }

    func testNewDeviceJoinsByExternalCommit() throws {
        let d = try federation()
        d.command(alice, .createRoom(room)); d.run()
        d.command(alice, .addUser(room: room, user: user(bob))); d.run()
        let bob2 = try d.addClient(MIMIURI.client(user: "bob", device: 2, domain: "b.example"))
        d.run()
        d.command(bob2, .joinExternally(room: room)); d.run()
        XCTAssertEqual(d.members(room), [alice, bob, bob2])
        d.command(bob2, .sendMessage(room: room, content: [5])); d.run()
        d.checkAgreement(room)
        XCTAssertEqual(d.checkDeliveries().1, 2)
        // A device of a user who is not a participant is refused the GroupInfo.
        let dave = try d.addClient(MIMIURI.client(user: "dave", device: 1, domain: "c.example"))
        d.run()
        d.command(dave, .joinExternally(room: room)); d.run()
        XCTAssertEqual(d.members(room), [alice, bob, bob2])
    }

    func testFanoutRetriesAndDropsDuplicatesUnderLoss() throws {
        let d = try federation(drop: 0.3)
        d.command(alice, .createRoom(room)); d.run()
        d.command(alice, .addUser(room: room, user: user(bob))); d.run()
        d.command(bob, .addUser(room: room, user: user(cathy))); d.run()
        for i in 0..<20 { d.command([alice, bob, cathy][i % 3], .sendMessage(room: room, content: [UInt8(i)])) }
        d.run()
        d.checkAgreement(room)
        XCTAssertEqual(d.checkDeliveries().0, 20)
        let retries = d.events { e -> Int? in if case .fanoutSent(_, _, _, _, let attempt) = e, attempt > 1 { attempt } else { nil } }
        let duplicates = d.events { e -> Bool? in if case .duplicateDropped = e { true } else { nil } }
        XCTAssertGreaterThan(d.dropped, 0)
        XCTAssertFalse(retries.isEmpty, "lost notifies were sent again")
        XCTAssertFalse(duplicates.isEmpty, "a repeat whose acknowledgment was lost was dropped by the follower")
    }
}
