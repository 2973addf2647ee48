import XCTest
import MLS
import MLSCrypto

/// Signing and verifying LeafNode, KeyPackage, GroupInfo and FramedContent over their TBS encodings with
/// real keys, and the RefHash references, for every supported cipher suite.
final class MessagesSignatureTests: XCTestCase {
    private func context(_ suite: CipherSuite, seed: UInt64) -> CryptoContext {
        CryptoContext(suite: suite, actor: OperationMeter().actor("test"), random: SeededRandom(seed: seed, stream: "messages"))
    }

    func testLeafNodeSignaturesCoverTheGroupPositionForUpdates() throws {
        for suite in CipherSuite.supported {
            let crypto = context(suite, seed: UInt64(suite.id))
            let key = try crypto.generateSignatureKey()
            var leaf = LeafNode(encryptionKey: try crypto.generateHPKEKey().publicKey.bytes, signatureKey: key.publicKey.bytes,
                                credential: .basic(identity: Array("alice".utf8)),
                                capabilities: Capabilities(cipherSuites: [CipherSuiteID(suite)]), source: .update)
            try leaf.sign(with: key, crypto: crypto, groupID: [1, 2], leafIndex: LeafIndex(3))
            let received = try LeafNode.decode(leaf.encoded())
            XCTAssertNoThrow(try received.verifySignature(crypto: crypto, groupID: [1, 2], leafIndex: LeafIndex(3)), "\(suite)")
            XCTAssertThrowsError(try received.verifySignature(crypto: crypto, groupID: [1, 2], leafIndex: LeafIndex(4)), "another leaf index")
            XCTAssertThrowsError(try received.verifySignature(crypto: crypto, groupID: [1], leafIndex: LeafIndex(3)), "another group")
            var tampered = received
            tampered.credential = .basic(identity: Array("mallory".utf8))
            XCTAssertThrowsError(try tampered.verifySignature(crypto: crypto, groupID: [1, 2], leafIndex: LeafIndex(3)), "another identity")
        }
    }

    func testKeyPackageSignatureAndReference() throws {
        let crypto = context(.x25519Aes128GcmEd25519, seed: 11)
        let key = try crypto.generateSignatureKey()
        var leaf = LeafNode(encryptionKey: try crypto.generateHPKEKey().publicKey.bytes, signatureKey: key.publicKey.bytes,
                            credential: .basic(identity: [0x62]), capabilities: Capabilities(cipherSuites: [CipherSuiteID(rawValue: 1)]),
                            source: .keyPackage(Lifetime(notBefore: 0, notAfter: .max)))
        try leaf.sign(with: key, crypto: crypto, groupID: [], leafIndex: LeafIndex(0))
        XCTAssertNoThrow(try leaf.verifySignature(crypto: crypto, groupID: [9, 9], leafIndex: LeafIndex(7)), "key-package leaves sign no group position")
        var keyPackage = KeyPackage(cipherSuite: CipherSuiteID(rawValue: 1), initKey: try crypto.generateHPKEKey().publicKey.bytes, leafNode: leaf)
        try keyPackage.sign(with: key, crypto: crypto)
        let received = try KeyPackage.decode(MLSMessage(.keyPackage(keyPackage)).encoded().dropFirst(4))
        XCTAssertNoThrow(try received.verifySignature(crypto: crypto))
        var tampered = received
        tampered.initKey[0] ^= 1
        XCTAssertThrowsError(try tampered.verifySignature(crypto: crypto))

        // RefHash input: opaque label<V> || opaque value<V>, hashed with SHA-256.
        let encoded = keyPackage.encoded()
        var input = WireWriter()
        input.writeOpaque(Array("MLS 1.0 KeyPackage Reference".utf8))
        input.writeOpaque(encoded)
        let reference = KeyPackageRef(keyPackage, crypto: crypto)
        XCTAssertEqual(reference.bytes, crypto.hash(input.bytes))
        XCTAssertEqual(reference.bytes.count, 32)
        XCTAssertNotEqual(KeyPackageRef(tampered, crypto: crypto), reference)
    }

    func testGroupInfoAndFramedContentSignatures() throws {
        let crypto = context(.p256Aes128GcmP256, seed: 12)
        let key = try crypto.generateSignatureKey()
        let groupContext = GroupContext(cipherSuite: CipherSuiteID(rawValue: 2), groupID: [0x67], epoch: 4, treeHash: [1], confirmedTranscriptHash: [2])
        var info = GroupInfo(groupContext: groupContext, confirmationTag: [3], signer: LeafIndex(1))
        try info.sign(with: key, crypto: crypto)
        XCTAssertNoThrow(try GroupInfo.decode(info.encoded()).verifySignature(signerKey: key.publicKey.bytes, crypto: crypto))
        info.signer = LeafIndex(2)
        XCTAssertThrowsError(try info.verifySignature(signerKey: key.publicKey.bytes, crypto: crypto))

        let content = FramedContent(groupID: [0x67], epoch: 4, sender: .member(LeafIndex(1)), body: .application([0x68, 0x69]))
        let tbs = try FramedContentTBS(wireFormat: .privateMessage, content: content, context: groupContext)
        let signature = try tbs.sign(with: key, crypto: crypto)
        XCTAssertNoThrow(try tbs.verify(signature: signature, signerKey: key.publicKey.bytes, crypto: crypto))
        var otherContext = groupContext
        otherContext.epoch = 5
        let otherTBS = try FramedContentTBS(wireFormat: .privateMessage, content: content, context: otherContext)
        XCTAssertThrowsError(try otherTBS.verify(signature: signature, signerKey: key.publicKey.bytes, crypto: crypto), "the epoch is signed")
    }

    func testProposalRefHashesTheAuthenticatedContent() throws {
        let crypto = context(.x25519ChaCha20Ed25519, seed: 13)
        let content = FramedContent(groupID: [1], epoch: 1, sender: .member(LeafIndex(0)), body: .proposal(.remove(RemoveProposal(removed: LeafIndex(1)))))
        let authenticated = try AuthenticatedContent(wireFormat: .publicMessage, content: content, auth: FramedContentAuthData(signature: [5]))
        var input = WireWriter()
        input.writeOpaque(Array("MLS 1.0 Proposal Reference".utf8))
        input.writeOpaque(authenticated.encoded())
        XCTAssertEqual(ProposalRef(authenticated, crypto: crypto).bytes, crypto.hash(input.bytes))
    }
}
