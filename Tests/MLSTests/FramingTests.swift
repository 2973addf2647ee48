import XCTest
import MLSCrypto
@testable import MLS

/// PrivateMessage and PublicMessage protection: round trips, and rejections that leave the secret tree as it was.
final class FramingTests: XCTestCase {
    struct Setup {
        let crypto: CryptoContext
        let context: GroupContext
        let signer: SignaturePrivateKey
        let tree: SecretTree
        let senderData = [UInt8](repeating: 5, count: 32)
        let membershipKey = [UInt8](repeating: 6, count: 32)
        func lookup(_ s: Sender) throws(MLSError) -> SignaturePublicKey { signer.publicKey }
        func content(_ body: FramedContentBody, leaf: UInt32 = 1, epoch: UInt64 = 3) -> FramedContent {
            FramedContent(groupID: context.groupID, epoch: epoch, sender: .member(LeafIndex(leaf)), authenticatedData: [9], body: body)
        }
    }

    func setup(_ id: UInt16) throws -> Setup {
        let crypto = CryptoContext(suite: try CipherSuite(id: id), actor: OperationMeter().actor("t"), random: SeededRandom(seed: UInt64(id)))
        let context = GroupContext(cipherSuite: CipherSuiteID(rawValue: id), groupID: [1, 2, 3], epoch: 3,
                                   treeHash: [UInt8](repeating: 1, count: 32), confirmedTranscriptHash: [UInt8](repeating: 2, count: 32))
        return Setup(crypto: crypto, context: context, signer: try crypto.generateSignatureKey(),
                     tree: try SecretTree(encryptionSecret: [UInt8](repeating: 4, count: 32), leafCount: 4))
    }

    func testPrivateRoundTripAndReplayIsRejected() throws {
        for id in [UInt16(1), 2, 3] {
            let s = try setup(id)
            var sender = s.tree
            var receiver = s.tree
            for i in 0..<5 {
                let msg = try PrivateMessageProtection.protect(s.crypto, content: s.content(.application([UInt8(i)])), context: s.context,
                                                               signer: s.signer, secretTree: &sender, senderDataSecret: s.senderData, paddingLength: i)
                let (got, next) = try PrivateMessageProtection.unprotect(s.crypto, msg, context: s.context, secretTree: receiver,
                                                                         senderDataSecret: s.senderData, signerKey: s.lookup)
                XCTAssertEqual(got.content.body, .application([UInt8(i)]))
                receiver = next
                // The same message again: its generation was consumed.
                XCTAssertThrowsError(try PrivateMessageProtection.unprotect(s.crypto, msg, context: s.context, secretTree: receiver,
                                                                             senderDataSecret: s.senderData, signerKey: s.lookup)) {
                    XCTAssertEqual(($0 as? MLSError)?.code, .generationUsed)
                }
            }
        }
    }

    func testOutOfOrderDeliveryWithinTheWindow() throws {
        let s = try setup(1)
        var sender = s.tree
        let msgs = try (0..<4).map { i in
            try PrivateMessageProtection.protect(s.crypto, content: s.content(.application([UInt8(i)])), context: s.context,
                                                 signer: s.signer, secretTree: &sender, senderDataSecret: s.senderData)
        }
        var receiver = s.tree
        for i in [3, 0, 2, 1] {
            let (got, next) = try PrivateMessageProtection.unprotect(s.crypto, msgs[i], context: s.context, secretTree: receiver,
                                                                     senderDataSecret: s.senderData, signerKey: s.lookup)
            XCTAssertEqual(got.content.body, .application([UInt8(i)]))
            receiver = next
        }
    }

    func testTamperedPrivateMessagesAreRejectedAndConsumeNothing() throws {
        let s = try setup(1)
        var sender = s.tree
        let msg = try PrivateMessageProtection.protect(s.crypto, content: s.content(.application([1, 2, 3])), context: s.context,
                                                       signer: s.signer, secretTree: &sender, senderDataSecret: s.senderData)
        var rng = SplitMix64(seed: 77)
        var bytes = msg.encoded()
        var rejected = 0
        for _ in 0..<2000 {
            var mutated = bytes
            let i = Int(rng.next() % UInt64(mutated.count))
            mutated[i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
            guard let decoded = try? PrivateMessage.decode(mutated) else { rejected += 1; continue }
            do {
                _ = try PrivateMessageProtection.unprotect(s.crypto, decoded, context: s.context, secretTree: s.tree,
                                                           senderDataSecret: s.senderData, signerKey: s.lookup)
                XCTFail("a mutated message was accepted (byte \(i))")
            } catch { rejected += 1 }
        }
        XCTAssertEqual(rejected, 2000)
        // The untouched message still decrypts with the original tree: no rejection consumed its key.
        bytes = msg.encoded()
        XCTAssertNoThrow(try PrivateMessageProtection.unprotect(s.crypto, try PrivateMessage.decode(bytes), context: s.context,
                                                                 secretTree: s.tree, senderDataSecret: s.senderData, signerKey: s.lookup))
    }

    func testWrongEpochAndGroupAreTyped() throws {
        let s = try setup(2)
        var sender = s.tree
        let msg = try PrivateMessageProtection.protect(s.crypto, content: s.content(.application([1]), epoch: 3), context: s.context,
                                                       signer: s.signer, secretTree: &sender, senderDataSecret: s.senderData)
        var later = s.context
        later.epoch = 4
        XCTAssertThrowsError(try PrivateMessageProtection.unprotect(s.crypto, msg, context: later, secretTree: s.tree,
                                                                     senderDataSecret: s.senderData, signerKey: s.lookup)) {
            XCTAssertEqual(($0 as? MLSError)?.code, .wrongEpoch)
        }
        var other = s.context
        other.groupID = [9]
        XCTAssertThrowsError(try PrivateMessageProtection.unprotect(s.crypto, msg, context: other, secretTree: s.tree,
                                                                     senderDataSecret: s.senderData, signerKey: s.lookup)) {
            XCTAssertEqual(($0 as? MLSError)?.code, .wrongGroup)
        }
    }

    func testPublicMessageMembershipTagAndSignature() throws {
        let s = try setup(3)
        let proposal = Proposal.remove(RemoveProposal(removed: LeafIndex(2)))
        let pub = try PublicMessageProtection.protect(s.crypto, content: s.content(.proposal(proposal)), context: s.context,
                                                      signer: s.signer, membershipKey: s.membershipKey)
        XCTAssertNoThrow(try PublicMessageProtection.unprotect(s.crypto, pub, context: s.context, membershipKey: s.membershipKey, signerKey: s.lookup))
        XCTAssertThrowsError(try PublicMessageProtection.unprotect(s.crypto, pub, context: s.context, membershipKey: [UInt8](repeating: 0, count: 32), signerKey: s.lookup)) {
            XCTAssertEqual(($0 as? MLSError)?.code, .invalidMembershipTag)
        }
        let other = try s.crypto.generateSignatureKey()
        XCTAssertThrowsError(try PublicMessageProtection.unprotect(s.crypto, pub, context: s.context, membershipKey: s.membershipKey,
                                                                    signerKey: { _ throws(MLSError) in other.publicKey })) {
            XCTAssertEqual(($0 as? MLSError)?.code, .invalidSignature)
        }
        XCTAssertThrowsError(try PublicMessageProtection.protect(s.crypto, content: s.content(.application([1])), context: s.context,
                                                                  signer: s.signer, membershipKey: s.membershipKey)) {
            XCTAssertEqual(($0 as? MLSError)?.code, .invalidContentType)
        }
    }
    /// The one-pass SignContent of a FramedContentTBS is the bytes VerifyWithLabel signs: label, then the
    /// encoded TBS, for group contexts whose extension list needs a 1-, 2- or 4-byte length, and without one.
    func testSignContentEqualsLabelledTBS() throws {
        for size in [0, 10, 100, 20_000, 70_000] {
            let extensions = size == 0 ? ExtensionList.empty : try ExtensionList([
                Extension(type: ExtensionType(rawValue: 0xf000), data: [UInt8](repeating: 7, count: size)),
                Extension(type: ExtensionType(rawValue: 0xf001), data: [1, 2]),
            ])
            let context = GroupContext(cipherSuite: CipherSuiteID(rawValue: 1), groupID: [1, 2, 3], epoch: 3,
                                       treeHash: [UInt8](repeating: 1, count: 32), confirmedTranscriptHash: [UInt8](repeating: 2, count: 32),
                                       extensions: extensions)
            for sender in [Sender.member(LeafIndex(2)), .external(senderIndex: 1)] {
                let content = FramedContent(groupID: [1, 2, 3], epoch: 3, sender: sender, authenticatedData: [9], body: .application([1, 2, 3]))
                let tbs = try FramedContentTBS(wireFormat: .privateMessage, content: content, context: context)
                var expected = WireWriter()
                expected.writeOpaque(Array("MLS 1.0 FramedContentTBS".utf8))
                expected.writeOpaque(tbs.encoded())
                XCTAssertEqual(SignContent.of(tbs, label: FramedContentTBS.signatureLabel), expected.bytes, "extension of \(size) bytes, \(sender)")
            }
        }
    }
}

