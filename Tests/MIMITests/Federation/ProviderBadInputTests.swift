import XCTest
import MLS
@testable import MIMI

/// Truncated and mutated requests of every endpoint a provider serves, replayed against the provider's state
/// at the moment the original arrived: at least 5,000 seeded cases. A refused request gets a typed error
/// (400/403/404 with a `MIMIError` code) and leaves the state exactly as it was; an answer (wrongEpoch,
/// notAllowed, notAuthorized, ...) also leaves it unchanged. Only bytes a hub cannot authenticate (an application message's
/// ciphertext, a membership tag, a Welcome's ciphertexts, a notify's content) may be accepted after a mutation,
/// and a follower forwards a client's request that decodes (the hub checks its signature and content).
final class ProviderBadInputTests: XCTestCase {
    func testTruncatedAndMutatedRequestsOfEveryType() throws {
        let d = try FederationDriver(domains: ["a.example", "b.example", "c.example"], seed: 11, dropProbability: 0.2)
        var samples: [Route: [(Transmit, Provider)]] = [:]
        d.onRequest = { t, p in
            guard case .request(_, let route, _) = t.kind, (samples[route]?.count ?? 0) < 3 else { return }
            samples[route, default: []].append((t, p))
        }
        let room = MIMIURI.room("r", hub: "a.example")
        let alice = MIMIURI.client(user: "alice", device: 1, domain: "a.example")
        let bob = MIMIURI.client(user: "bob", device: 1, domain: "b.example")
        let cathy = MIMIURI.client(user: "cathy", device: 1, domain: "c.example")
        for c in [alice, bob, cathy] { try d.addClient(c) }
        d.run()
        d.command(alice, .createRoom(room)); d.run()
        d.command(alice, .addUser(room: room, user: MIMIURI.user(ofClient: bob)!)); d.run()
        d.command(bob, .addUser(room: room, user: MIMIURI.user(ofClient: cathy)!)); d.run()
        d.command(cathy, .sendMessage(room: room, content: [1, 2, 3])); d.run()
        d.command(alice, .sendMessage(room: room, content: [4])); d.run()
        let bob2 = try d.addClient(MIMIURI.client(user: "bob", device: 2, domain: "b.example")); d.run()
        d.command(bob2, .joinExternally(room: room)); d.run()
        d.command(cathy, .leave(room: room)); d.run()
        d.command(bob, .removeUser(room: room, user: MIMIURI.user(ofClient: alice)!)); d.run()
        d.checkAgreement(room)

        let expected: [Route] = [.client(.publishKeyPackages), .client(.createRoom), .client(.claimKeyMaterial), .client(.update),
                                 .client(.submitMessage), .client(.groupInfo), .client(.subscribe), .client(.unsubscribe),
                                 .mimi(.keyMaterial), .mimi(.update), .mimi(.submitMessage), .mimi(.groupInfo), .mimi(.notify)]
        for route in expected { XCTAssertNotNil(samples[route], "no sample of \(route)") }
        let mayAccept: Set<Route> = [.client(.submitMessage), .mimi(.submitMessage), .client(.update), .mimi(.update), .mimi(.notify),
                                     .client(.publishKeyPackages), .client(.subscribe), .client(.unsubscribe), .client(.claimKeyMaterial),
                                     .client(.groupInfo)]
        var rng: UInt64 = 0x5eed
        func next(_ n: Int) -> Int {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            return Int((rng >> 33) % UInt64(max(n, 1)))
        }
        var cases = 0, refused = 0, answered = 0, accepted = 0
        var codes: [MIMIError.Code: Int] = [:]
        for route in samples.keys.sorted(by: { $0.description < $1.description }) {
            for (original, provider) in samples[route]! {
                let before = provider.stateFingerprint()
                let body = original.body
                for k in 0..<240 {
                    var mutated = body
                    let truncation = k % 2 == 0 || body.isEmpty
                    if truncation {
                        guard !body.isEmpty else { continue }
                        mutated = Array(body.prefix(next(body.count)))
                    } else {
                        for _ in 0...next(3) {
                            let i = next(mutated.count)
                            switch next(3) {
                            case 0: mutated[i] ^= UInt8(1 << next(8))
                            case 1: mutated[i] = UInt8(next(256))
                            default: mutated.insert(UInt8(next(256)), at: i)
                            }
                        }
                    }
                    guard mutated != body else { continue }
                    cases += 1
                    var p = provider
                    var t = original
                    t.body = mutated
                    p.handle(.received(t), now: d.now)
                    var status: ResponseStatus?
                    while let out = p.pollTransmit() {
                        if case .response(_, let s) = out.kind, out.to == original.from { status = s }
                    }
                    var refusal: MIMIError.Code?
                    var handshakeRejected = false
                    while let e = p.pollEvent() {
                        switch e {
                        case .requestRefused(_, _, _, let code, _): refusal = code
                        case .commitRejected, .proposalRejected, .messageRejected: handshakeRejected = true
                        default: break
                        }
                    }
                    let after = p.stateFingerprint()
                    if let refusal {
                        refused += 1
                        codes[refusal, default: 0] += 1
                        XCTAssertNotEqual(status, .ok, "\(route): refused with \(refusal) but answered 200")
                        XCTAssertEqual(after, before, "\(route): a refused request changed the provider's state")
                    } else if handshakeRejected {
                        answered += 1
                        XCTAssertEqual(after, before, "\(route): a rejected handshake changed the provider's state")
                    } else if after == before {
                        answered += 1  // an answer that changes nothing (a GroupInfo refusal, a repeated notify)
                    } else {
                        accepted += 1
                        XCTAssertTrue(mayAccept.contains(route), "\(route): a \(truncation ? "truncated" : "mutated") request was accepted")
                    }
                }
            }
        }
        print("bad input: cases=\(cases) refused=\(refused) answered=\(answered) accepted=\(accepted) codes=\(codes.sorted { $0.key.rawValue < $1.key.rawValue })")
        XCTAssertGreaterThanOrEqual(cases, 5_000)
        XCTAssertGreaterThan(refused, cases * 8 / 10, "most malformed requests must be refused")
    }
}
