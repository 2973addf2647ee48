import XCTest
import MLSCrypto
@testable import MLS

/// Truncated, mutated and replayed commits, Welcomes, proposals and application messages are rejected with
/// typed errors, and the receiving group's serialized state is exactly what it was before.
final class GroupBadInputTests: XCTestCase {
    struct Fixture {
        var receiver: Group
        var publicCommit: [UInt8]
        var privateCommit: [UInt8]
        var application: [UInt8]
        var proposal: [UInt8]
        var welcome: [UInt8]
        var joiner: KeyPackageBundle
        var joinerCrypto: CryptoContext
    }

    func fixture(_ suite: CipherSuite) throws -> Fixture {
        let meter = OperationMeter()
        let random = SeededRandom(seed: 99)
        func crypto() -> CryptoContext { CryptoContext(suite: suite, actor: meter.actor("m"), random: random) }
        var groups = [try Group.create(crypto(), groupID: [1, 2], identity: try MemberIdentity(crypto(), identity: [0]))]
        let bundles = try (1...5).map { try KeyPackageBundle(crypto(), identity: try MemberIdentity(crypto(), identity: [UInt8($0)])) }
        let add = try groups[0].commit(CommitOptions(proposals: bundles.map { .add(AddProposal(keyPackage: $0.keyPackage)) }))
        try groups[0].merge(add.staged)
        for b in bundles { groups.append(try Group.join(crypto(), welcome: add.welcome!, keyPackage: b)) }

        let joiner = try KeyPackageBundle(crypto(), identity: try MemberIdentity(crypto(), identity: [9]))
        let publicCommit = try groups[0].commit(CommitOptions(forcePath: true, proposals: [.add(AddProposal(keyPackage: joiner.keyPackage))]))
        groups[2].config.handshakeFormat = .privateMessage
        let privateCommit = try groups[2].commit(CommitOptions(forcePath: true))
        let application = try groups[3].encrypt(Array("secret text".utf8), authenticatedData: [7])
        let proposal = try groups[4].proposeRemove(groups[5].myLeaf).message
        return Fixture(receiver: groups[1], publicCommit: publicCommit.message.encoded(), privateCommit: privateCommit.message.encoded(),
                       application: application.encoded(), proposal: proposal.encoded(), welcome: publicCommit.welcome!.encoded(),
                       joiner: joiner, joinerCrypto: crypto())
    }

    /// One mutation: flip a byte, truncate, append, insert or delete.
    func mutate(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var out = bytes
        switch rng.below(5) {
        case 0: let i = rng.below(out.count); out[i] ^= UInt8(1 + rng.below(255))
        case 1: out = Array(out.prefix(rng.below(out.count)))
        case 2: out += (0...rng.below(4)).map { _ in UInt8(rng.below(256)) }
        case 3: out.insert(UInt8(rng.below(256)), at: rng.below(out.count + 1))
        default: out.remove(at: rng.below(out.count))
        }
        return out
    }

    func isTyped(_ error: Error) -> Bool { error is MLSError || error is CodecError }

    func testMutatedMessagesAreRejectedAndChangeNothing() throws {
        var cases = 0
        for suite in [CipherSuite.x25519Aes128GcmEd25519, .p256Aes128GcmP256] {
            let f = try fixture(suite)
            let before = f.receiver.serializedState()
            var rng = SplitMix64(seed: UInt64(suite.id) &* 7919)
            let originals = [f.publicCommit, f.privateCommit, f.application, f.proposal]
            for i in 0..<2_500 {
                let original = originals[i % originals.count]
                let mutated = mutate(original, &rng)
                guard mutated != original else { continue }
                var g = f.receiver
                do {
                    let message = try MLSMessage.decode(mutated)
                    _ = try g.process(message)
                    XCTFail("suite \(suite.id): a mutated message (kind \(i % originals.count)) was accepted")
                } catch {
                    XCTAssertTrue(isTyped(error), "untyped error \(error)")
                }
                XCTAssertEqual(g.serializedState(), before, "suite \(suite.id): a rejected message changed the state")
                cases += 1
            }
        }
        XCTAssertGreaterThanOrEqual(cases, 4_900)
    }

    func testMutatedWelcomesAreRejectedOrHarmless() throws {
        let f = try fixture(.x25519Aes128GcmEd25519)
        let reference = try Group.join(f.joinerCrypto, welcome: try Welcome.decode(f.welcome), keyPackage: f.joiner)
        var rng = SplitMix64(seed: 4242)
        var rejected = 0
        for _ in 0..<1_000 {
            let mutated = mutate(f.welcome, &rng)
            do {
                let w = try Welcome.decode(mutated)
                let g = try Group.join(f.joinerCrypto, welcome: w, keyPackage: f.joiner)
                // Only a change to another joiner's group secrets leaves our join valid: it must then be identical.
                XCTAssertEqual(g.epochAuthenticator, reference.epochAuthenticator)
            } catch {
                XCTAssertTrue(isTyped(error), "untyped error \(error)")
                rejected += 1
            }
        }
        XCTAssertGreaterThan(rejected, 900)
    }

    func testReplaysAreRejectedAndChangeNothing() throws {
        let f = try fixture(.x25519ChaCha20Ed25519)
        var g = f.receiver
        guard case .application = try g.process(try MLSMessage.decode(f.application)) else { return XCTFail() }
        let afterFirst = g.serializedState()
        XCTAssertThrowsError(try g.process(try MLSMessage.decode(f.application))) { XCTAssertEqual(($0 as? MLSError)?.code, .generationUsed) }
        XCTAssertEqual(g.serializedState(), afterFirst)

        guard case .commit(let staged) = try g.process(try MLSMessage.decode(f.publicCommit)) else { return XCTFail() }
        try g.merge(staged)
        let merged = g.serializedState()
        for old in [f.publicCommit, f.privateCommit, f.proposal, f.application] {
            XCTAssertThrowsError(try g.process(try MLSMessage.decode(old))) { XCTAssertEqual(($0 as? MLSError)?.code, .wrongEpoch) }
            XCTAssertEqual(g.serializedState(), merged)
        }
        // Merging the same staged commit twice is refused.
        XCTAssertThrowsError(try g.merge(staged)) { XCTAssertEqual(($0 as? MLSError)?.code, .wrongEpoch) }
        XCTAssertEqual(g.serializedState(), merged)
    }
}
