import XCTest
import MLSCrypto
@testable import MLS

/// Members sharing a result cache open a PrivateMessage and check a PublicMessage once, yet each gets what a member
/// alone gets: the same content, the same errors (a consumed generation, a tampered copy, another signer key or
/// membership key) and the same primitive counts.
final class SharedOpeningTests: XCTestCase {
    struct Receiver {
        let crypto: CryptoContext
        var tree: SecretTree
        var counts: [UInt64] { Primitive.allCases.map { crypto.actor.meter.count($0, of: crypto.actor) } }
    }

    /// Receivers "alone" (no cache), "first" and "second" (sharing one cache), each with its own meter.
    func receivers(_ tree: SecretTree) -> [Receiver] {
        let cache = ResultCache()
        return ["alone", "first", "second"].map { name in
            var crypto = CryptoContext(suite: .x25519Aes128GcmEd25519, actor: OperationMeter().actor(name), random: SeededRandom(seed: 1))
            if name != "alone" { crypto.resultCache = cache }
            return Receiver(crypto: crypto, tree: tree)
        }
    }

    /// Each receiver's outcome of unprotecting `message` (its tree kept only on success), as text.
    func open(_ message: PrivateMessage, _ receivers: inout [Receiver], context: GroupContext, senderData: [UInt8],
              signer: SignaturePublicKey) -> [String] {
        receivers.indices.map { i in
            do throws(MLSError) {
                let (content, tree) = try PrivateMessageProtection.unprotect(receivers[i].crypto, message, context: context, secretTree: receivers[i].tree,
                                                                             senderDataSecret: senderData, signerKey: { _ throws(MLSError) in signer })
                receivers[i].tree = tree
                return "\(content.content.body)"
            } catch {
                return "error \(error.code)"
            }
        }
    }

    /// The sender's context, the group context of epoch 3, the sender's signature key and another member's.
    func sender() throws -> (CryptoContext, GroupContext, SignaturePrivateKey, SignaturePrivateKey) {
        let crypto = CryptoContext(suite: .x25519Aes128GcmEd25519, actor: OperationMeter().actor("sender"), random: SeededRandom(seed: 3))
        let context = GroupContext(cipherSuite: CipherSuiteID(rawValue: 1), groupID: [1, 2, 3], epoch: 3,
                                   treeHash: [UInt8](repeating: 1, count: 32), confirmedTranscriptHash: [UInt8](repeating: 2, count: 32))
        return (crypto, context, try crypto.generateSignatureKey(), try crypto.generateSignatureKey())
    }

    func testPrivateMessagesOpenAlikeWithAndWithoutSharing() throws {
        let (crypto, context, signer, stranger) = try sender()
        let senderData = [UInt8](repeating: 5, count: 32)
        var sending = try SecretTree(encryptionSecret: [UInt8](repeating: 4, count: 32), leafCount: 4)
        var receivers = receivers(sending)
        var outcomes: [[String]] = []
        for i in 0..<6 {
            let content = FramedContent(groupID: context.groupID, epoch: 3, sender: .member(LeafIndex(1)), authenticatedData: [9],
                                        body: .application([UInt8(i)]))
            let message = try PrivateMessageProtection.protect(crypto, content: content, context: context, signer: signer,
                                                               secretTree: &sending, senderDataSecret: senderData)
            var tampered = message
            tampered.ciphertext[tampered.ciphertext.count - 1] ^= 1
            // A tampered copy, another signer key, the message, then the message again (its generation is consumed).
            outcomes.append(open(tampered, &receivers, context: context, senderData: senderData, signer: signer.publicKey))
            outcomes.append(open(message, &receivers, context: context, senderData: senderData, signer: stranger.publicKey))
            outcomes.append(open(message, &receivers, context: context, senderData: senderData, signer: signer.publicKey))
            outcomes.append(open(message, &receivers, context: context, senderData: senderData, signer: signer.publicKey))
        }
        for outcome in outcomes { XCTAssertEqual(Set(outcome).count, 1, "\(outcome)") }
        XCTAssertEqual(outcomes.count, 24)
        XCTAssertEqual(outcomes[0][0], "error \(MLSError.Code.crypto)")
        XCTAssertEqual(outcomes[1][0], "error \(MLSError.Code.invalidSignature)")
        XCTAssertEqual(outcomes[2][0], "application([0])")
        XCTAssertEqual(outcomes[3][0], "error \(MLSError.Code.generationUsed)")
        XCTAssertEqual(receivers[1].counts, receivers[0].counts)
        XCTAssertEqual(receivers[2].counts, receivers[0].counts)
        XCTAssertGreaterThan(receivers[0].counts[Primitive.aeadOpen.rawValue], 20)
        XCTAssertGreaterThan(receivers[1].crypto.resultCache!.hits, 10)
    }

    func testPublicMessagesCheckAlikeWithAndWithoutSharing() throws {
        let (crypto, context, signer, stranger) = try sender()
        let membershipKey = [UInt8](repeating: 6, count: 32)
        let content = FramedContent(groupID: context.groupID, epoch: 3, sender: .member(LeafIndex(1)), authenticatedData: [],
                                    body: .proposal(.remove(RemoveProposal(removed: LeafIndex(2)))))
        let message = try PublicMessageProtection.protect(crypto, content: content, context: context, signer: signer, membershipKey: membershipKey)
        let receivers = receivers(try SecretTree(encryptionSecret: [UInt8](repeating: 4, count: 32), leafCount: 4))
        var outcomes: [[String]] = []
        for (key, mac) in [(signer, membershipKey), (stranger, membershipKey), (signer, [UInt8](repeating: 0, count: 32)), (signer, membershipKey)] {
            outcomes.append(receivers.map { (r: Receiver) -> String in
                do throws(MLSError) {
                    let auth = try PublicMessageProtection.unprotect(r.crypto, message, context: context, membershipKey: mac,
                                                                     signerKey: { _ throws(MLSError) in key.publicKey })
                    return "\(auth.content.body)"
                } catch { return "error \(error.code)" }
            })
        }
        for outcome in outcomes { XCTAssertEqual(Set(outcome).count, 1, "\(outcome)") }
        XCTAssertEqual(outcomes.map { $0[0].hasPrefix("error") }, [false, true, true, false])
        XCTAssertEqual(receivers[1].counts, receivers[0].counts)
        XCTAssertEqual(receivers[2].counts, receivers[0].counts)
        XCTAssertEqual(receivers[0].counts[Primitive.verify.rawValue], 3)
        XCTAssertGreaterThan(receivers[1].crypto.resultCache!.hits, 1)
    }
}
