import XCTest
import MLS
import MLSCrypto
@testable import MIMI

/// Clients verify the hub's frank of every fanned-out message with the room's `hub_franking_key`, which the
/// creator takes from its provider and the hub checks when it creates the room.
final class ClientFrankingTests: XCTestCase {
    let room = MIMIURI.room("fr", hub: "a.example")
    let alice = MIMIURI.client(user: "alice", device: 1, domain: "a.example")
    let bob = MIMIURI.client(user: "bob", device: 1, domain: "b.example")

    func federation() throws -> FederationDriver {
        let d = try FederationDriver(domains: ["a.example", "b.example"], seed: 21)
        for c in [alice, bob] { try d.addClient(c) }
        d.run()
        return d
    }

    func testTheRoomCarriesTheHubKeyAndMembersDeliverVerifiedMessages() throws {
        let d = try federation()
        d.command(alice, .createRoom(room)); d.run()
        d.command(alice, .addUser(room: room, user: MIMIURI.user(ofClient: bob)!)); d.run()
        let key = d.providers["a.example"]!.frankingKey
        XCTAssertEqual(try RoomExtensions.hubFrankingKey(in: d.clients[bob]!.group(of: room)!.context.extensions), key)
        d.command(alice, .sendMessage(room: room, content: [1, 2, 3])); d.run()
        XCTAssertEqual(d.checkDeliveries().1, 1)
        XCTAssertFalse(d.clientEvents.contains { if case .frankRejected = $0.1 { true } else { false } })
    }

    func testABadFrankIsDroppedWithTheGroupUnchanged() throws {
        let d = try federation()
        d.command(alice, .createRoom(room)); d.run()
        d.command(alice, .addUser(room: room, user: MIMIURI.user(ofClient: bob)!)); d.run()
        let hub = d.providers["a.example"]!
        let c = d.crypto("forger")

        // A message from alice as her client would submit it.
        var aliceGroup = d.clients[alice]!.group(of: room)!
        let content: [UInt8] = Array("hello".utf8)
        let frankingKey = c.random.bytes(32)
        let tag = c.mac(key: frankingKey, data: content)
        let message = try aliceGroup.encrypt(FrankedContent(frankingKey: frankingKey, content: content).encoded(),
                                             authenticatedData: MessageAnnotation(frankingTag: tag).encoded())
        let time: UInt64 = 1_000
        let good = try Franking.frank(room: room, frankingTag: tag, timestamp: time, key: hub.signer, crypto: c)
        let otherKey = try c.generateSignatureKey()
        let forged = try Franking.frank(room: room, frankingTag: tag, timestamp: time, key: otherKey, crypto: c)
        let otherTag = try Franking.frank(room: room, frankingTag: Array(repeating: 1, count: 32), timestamp: time, key: hub.signer, crypto: c)
        var otherSuite = good
        otherSuite.frankingSignatureCipherSuite = CipherSuiteID(rawValue: 2)

        func push(_ frank: Frank?, timestamp: UInt64) throws {
            var writer = WireWriter()
            writer.writeUInt64(d.clients[bob]!.rooms[room]!.generation)
            try FanoutMessage(timestamp: timestamp, payload: .application(message, frank: frank)).encode(to: &writer)
            d.clients[bob]!.handle(.received(Transmit(from: .provider("b.example"), to: .client(bob), kind: .push(target: room.uri),
                                                      body: writer.bytes)), now: d.now)
        }
        func events() -> [ClientEvent] {
            var all: [ClientEvent] = []
            while let e = d.clients[bob]!.pollEvent() { all.append(e) }
            return all
        }
        _ = events()
        let before = d.clients[bob]!.group(of: room)!.serializedState()
        for (frank, timestamp, why) in [(nil, time, "no frank"), (forged, time, "signed by another key"),
                                        (good, time + 1, "another timestamp"), (otherTag, time, "another franking tag"),
                                        (otherSuite, time, "another cipher suite")] as [(Frank?, UInt64, String)] {
            try push(frank, timestamp: timestamp)
            let seen = events()
            XCTAssertEqual(seen.count, 1, why)
            guard case .frankRejected(let r, _)? = seen.first else { XCTFail("\(why): \(seen)"); continue }
            XCTAssertEqual(r, room)
            XCTAssertEqual(d.clients[bob]!.group(of: room)!.serializedState(), before, "\(why) changed the group")
        }
        // The same message with the hub's frank is delivered.
        try push(good, timestamp: time)
        XCTAssertEqual(events(), [.delivered(room: room, serverFrank: good.serverFrank, sender: alice, content: content)])
    }

    func testTheHubRefusesARoomWithAnotherKeyAndAClientWithoutItsProviderKeyCreatesNone() throws {
        let d = try federation()
        d.clients[alice]!.providerKey = d.providers["b.example"]!.frankingKey
        d.command(alice, .createRoom(room)); d.run()
        XCTAssertNil(d.hosted(room))
        XCTAssertTrue(d.clientEvents.contains { if case .failed(room, _) = $0.1, $0.0 == alice { true } else { false } })
        let carol = MIMIURI.client(user: "carol", device: 1, domain: "a.example")
        try d.addClient(carol); d.run()
        d.clients[carol]!.providerKey = nil  // as if its provider had not answered yet
        d.command(carol, .createRoom(MIMIURI.room("c", hub: "a.example"))); d.run()
        XCTAssertNil(d.hosted(MIMIURI.room("c", hub: "a.example")))
        XCTAssertNil(d.clients[carol]!.group(of: MIMIURI.room("c", hub: "a.example")))
        XCTAssertTrue(d.clientEvents.contains { if case .failed(_, let why) = $0.1, $0.0 == carol { why.contains("franking key") } else { false } })
    }
}
