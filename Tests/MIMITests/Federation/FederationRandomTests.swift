import XCTest
import MLS
@testable import MIMI

/// Three providers, thirty users, one room per hub, and 200 epochs of seeded random adds, removes, leaves,
/// external joins of second devices, racing commits and messages, with 5% of notifies (and their
/// acknowledgments) lost. At the end every member of every room agrees with the others and the hub, and
/// every accepted message reached every client of its room at acceptance exactly once.
final class FederationRandomTests: XCTestCase {
    let domains = ["a.example", "b.example", "c.example"]

    func testTwoHundredRandomEpochs() throws {
        let summary = try runFederation(seed: 2024, epochs: 200, drop: 0.05)
        print("federation: \(summary)")
    }

    func testSameSeedSameRun() throws {
        let a = try runFederation(seed: 99, epochs: 25, drop: 0.05)
        let b = try runFederation(seed: 99, epochs: 25, drop: 0.05)
        XCTAssertEqual(a, b)
    }

    /// Runs the workload and returns a one-line summary (with a fingerprint of every event).
    func runFederation(seed: UInt64, epochs target: Int, drop: Double) throws -> String {
        let d = try FederationDriver(domains: domains, seed: seed, dropProbability: drop)
        var users: [(name: String, domain: String)] = []
        for i in 0..<30 { users.append(("u\(i)", domains[i / 10])) }
        for u in users { try d.addClient(MIMIURI.client(user: u.name, device: 1, domain: u.domain)) }
        d.run()
        let rooms = domains.enumerated().map { MIMIURI.room("room\($0.offset)", hub: $0.element) }
        for (i, room) in rooms.enumerated() { d.command(MIMIURI.client(user: users[i * 10].name, device: 1, domain: users[i * 10].domain), .createRoom(room)) }
        d.run()
        var sent = 0, rounds = 0
        func accepted() -> Int { d.events { if case .commitAccepted = $0 { true } else { nil } }.count }
        while accepted() < target {
            rounds += 1
            XCTAssertLessThan(rounds, 3_000, "the workload makes no progress")
            if rounds >= 3_000 { break }
            for _ in 0...d.next(3) { randomAction(d, rooms: rooms, users: users, sent: &sent) }
            d.run()
            for room in rooms where !(d.hosted(room)?.pendingSelfRemoves.isEmpty ?? true) {
                let pending = d.hosted(room)!.pendingSelfRemoves
                let committers = d.members(room).filter { !pending.contains($0) }
                if let c = committers.first { d.command(c, .commit(room: room)) }
                d.run()
            }
        }
        for room in rooms { d.checkAgreement(room) }
        let (messages, deliveries) = d.checkDeliveries()
        let races = d.events { if case .commitRejected(_, _, .wrongEpoch) = $0 { true } else { nil } }.count
        let external = d.events { if case .commitAccepted(_, _, _, _, true, _, _) = $0 { true } else { nil } }.count
        let tooOld = d.events { if case .messageRejected(_, _, _?) = $0 { true } else { nil } }.count
        let retries = d.events { if case .fanoutSent(_, _, _, _, let n) = $0, n > 1 { true } else { nil } }.count
        let duplicates = d.events { if case .duplicateDropped = $0 { true } else { nil } }.count
        let leaves = d.events { if case .proposalAccepted = $0 { true } else { nil } }.count
        if target >= 200 {
            // The long run must have exercised every flow.
            XCTAssertGreaterThan(races, 0); XCTAssertGreaterThan(external, 0); XCTAssertGreaterThan(leaves, 0)
            XCTAssertGreaterThan(tooOld, 0); XCTAssertGreaterThan(retries, 0); XCTAssertGreaterThan(duplicates, 0)
        }
        var fingerprint: UInt64 = 0xcbf2_9ce4_8422_2325
        for (who, e) in d.providerEvents { for b in "\(who)\(e)".utf8 { fingerprint = (fingerprint ^ UInt64(b)) &* 0x100_0000_01b3 } }
        for (who, e) in d.clientEvents { for b in "\(who)\(e)".utf8 { fingerprint = (fingerprint ^ UInt64(b)) &* 0x100_0000_01b3 } }
        return "epochs=\(accepted()) messages=\(messages) deliveries=\(deliveries) races=\(races) externalJoins=\(external) leaves=\(leaves) "
            + "epochTooOld=\(tooOld) notifyRetries=\(retries) duplicatesDropped=\(duplicates) dropped=\(d.dropped) "
            + "members=\(rooms.map { d.members($0).count }) fingerprint=\(String(fingerprint, radix: 16))"
    }

    func randomAction(_ d: FederationDriver, rooms: [IdentifierURI], users: [(name: String, domain: String)], sent: inout Int) {
        let room = rooms[d.next(rooms.count)]
        guard let hub = d.hosted(room) else { return }
        let members = d.members(room).filter { !hub.pendingSelfRemoves.contains($0) }
        guard !members.isEmpty else { return }
        let actor = members[d.next(members.count)]
        let participants = hub.participants.participants.map(\.user)
        let roll = d.next(100)
        if roll < 22 {
            let outsiders = users.map { MIMIURI.user($0.name, domain: $0.domain) }.filter { !participants.contains($0) }
            if !outsiders.isEmpty { d.command(actor, .addUser(room: room, user: outsiders[d.next(outsiders.count)])) }
        } else if roll < 32 {
            let others = participants.filter { $0 != MIMIURI.user(ofClient: actor) }
            if participants.count > 2 { d.command(actor, .removeUser(room: room, user: others[d.next(others.count)])) }
        } else if roll < 40 {
            if members.count > 2 { d.command(actor, .leave(room: room)) }
        } else if roll < 50 {
            let user = participants[d.next(participants.count)]
            guard let domain = MIMIURI.domain(of: user) else { return }
            let name = String(user.uri.split(separator: "/").last!)
            let second = MIMIURI.client(user: name, device: 2, domain: domain)
            if d.clients[second] == nil { try? d.addClient(second, keyPackages: 1) }
            if d.clients[second]?.group(of: room) == nil { d.command(second, .joinExternally(room: room)) }
        } else if roll < 65 {
            d.command(actor, .commit(room: room))
        } else {
            sent += 1
            d.command(actor, .sendMessage(room: room, content: Array("message \(sent)".utf8)))
        }
    }
}
