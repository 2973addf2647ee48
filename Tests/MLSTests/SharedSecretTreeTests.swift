import XCTest
import MLS
import MLSCrypto

/// Members reading one shared secret tree get the keys, keep the state and count the derivations that a member
/// deriving alone does.
final class SharedSecretTreeTests: XCTestCase {
    struct Member {
        var tree: SecretTree
        let crypto: CryptoContext
        var state: [UInt8] { var w = WireWriter(); tree.encodeState(to: &w); return w.bytes }
        var expands: UInt64 { crypto.actor.meter.count(.hkdfExpand, of: crypto.actor) }
    }

    /// A member of a tree of `leaves` leaves with `secret` at the root, reading `shared` when given.
    func member(_ name: String, secret: [UInt8], leaves: UInt32, shared: SharedDerivations?) throws -> Member {
        var crypto = CryptoContext(suite: try CipherSuite(id: 1), actor: OperationMeter().actor(name), random: SeededRandom(seed: 1))
        crypto.sharedDerivations = shared
        return Member(tree: try SecretTree(encryptionSecret: secret, leafCount: leaves, sharing: shared == nil ? nil : crypto), crypto: crypto)
    }

    func testSharingChangesNoKeyStateOrCount() throws {
        let secret = SeededRandom(seed: 7).bytes(32)
        let shared = SharedDerivations()
        var members = [try member("alone", secret: secret, leaves: 13, shared: nil),
                       try member("first", secret: secret, leaves: 13, shared: shared),
                       try member("second", secret: secret, leaves: 13, shared: shared)]
        let random = SeededRandom(seed: 9)
        var generations: [UInt64: UInt32] = [:]
        var steps = 0
        for _ in 0..<400 {
            let r = random.bytes(3)
            let leaf = LeafIndex(UInt32(r[0]) % 13), type: RatchetType = r[1] & 1 == 0 ? .handshake : .application
            let slot = UInt64(leaf.value) << 1 | UInt64(type.rawValue)
            // Mostly the next generation, sometimes a skip ahead, sometimes one already used (an error for all).
            let next = generations[slot] ?? 0
            let generation = r[2] < 200 ? next : (r[2] < 240 ? next + UInt32(r[2] % 5) : next &- 1)
            var outcomes: [String] = []
            for i in members.indices {
                let staged = r[1] & 2 == 0
                do {
                    let key: RatchetKey
                    if staged {
                        let (k, update) = try members[i].tree.stagedReceiveKey(members[i].crypto, leaf: leaf, type: type, generation: generation)
                        members[i].tree.apply(update)
                        key = k
                    } else {
                        key = try members[i].tree.receiveKey(members[i].crypto, leaf: leaf, type: type, generation: generation)
                    }
                    outcomes.append("\(key.generation) \(key.key) \(key.nonce)")
                } catch {
                    outcomes.append("error \(error.code.rawValue)")
                }
            }
            XCTAssertEqual(Set(outcomes).count, 1, "\(leaf) \(type) generation \(generation): \(outcomes)")
            if !outcomes[0].hasPrefix("error") { generations[slot] = max(next, generation + 1); steps += 1 }
            XCTAssertEqual(members[1].state, members[0].state)
            XCTAssertEqual(members[2].state, members[0].state)
        }
        // Sender-data keys of a few ciphertexts, two of them alike in their sample.
        for ciphertext in [[UInt8](repeating: 1, count: 40), [UInt8](repeating: 1, count: 32) + [2], [3, 4]] {
            let keys = try members.map { try $0.tree.senderDataKeys($0.crypto, senderDataSecret: [UInt8](repeating: 8, count: 32), ciphertext: ciphertext) }
            XCTAssertEqual(keys.map(\.key), Array(repeating: keys[0].key, count: 3))
            XCTAssertEqual(keys.map(\.nonce), Array(repeating: keys[0].nonce, count: 3))
        }
        // Another sender-data secret gives the keys derived from it.
        let fresh = CryptoContext(suite: try CipherSuite(id: 1), actor: OperationMeter().actor("fresh"), random: SeededRandom(seed: 1))
        let expected = try SenderDataKeys.derive(fresh, senderDataSecret: [UInt8](repeating: 9, count: 32), ciphertext: [3, 4])
        for member in members {
            XCTAssertEqual(try member.tree.senderDataKeys(member.crypto, senderDataSecret: [UInt8](repeating: 9, count: 32), ciphertext: [3, 4]).key,
                           expected.key)
        }
        // Sending from a leaf's ratchet too.
        for i in members.indices { _ = try members[i].tree.nextSendKey(members[i].crypto, leaf: LeafIndex(12), type: .application) }
        XCTAssertEqual(members[1].state, members[0].state)
        XCTAssertGreaterThan(steps, 300)
        XCTAssertGreaterThan(members[0].expands, 1000)
        XCTAssertEqual(members[1].expands, members[0].expands)
        XCTAssertEqual(members[2].expands, members[0].expands)
        XCTAssertEqual(shared.count, 1)
    }

    func testEachEpochSecretHasItsOwnTable() throws {
        let shared = SharedDerivations(capacity: 2)
        var a = try member("a", secret: [UInt8](repeating: 1, count: 32), leaves: 4, shared: shared)
        var b = try member("b", secret: [UInt8](repeating: 2, count: 32), leaves: 4, shared: shared)
        let ka = try a.tree.receiveKey(a.crypto, leaf: LeafIndex(1), type: .application, generation: 0)
        let kb = try b.tree.receiveKey(b.crypto, leaf: LeafIndex(1), type: .application, generation: 0)
        XCTAssertNotEqual(ka.key, kb.key)
        XCTAssertEqual(shared.count, 2)
        // A third secret evicts the oldest table from the registry; members holding it keep it.
        _ = try member("c", secret: [UInt8](repeating: 3, count: 32), leaves: 4, shared: shared)
        XCTAssertEqual(shared.count, 2)
        var alone = try member("alone", secret: [UInt8](repeating: 1, count: 32), leaves: 4, shared: nil)
        XCTAssertEqual(try a.tree.receiveKey(a.crypto, leaf: LeafIndex(2), type: .application, generation: 0).key,
                       try alone.tree.receiveKey(alone.crypto, leaf: LeafIndex(2), type: .application, generation: 0).key)
    }
}
