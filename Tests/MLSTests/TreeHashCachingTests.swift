import MLS
import MLSCrypto
import XCTest

/// Tree hashes are cached per node: after one full computation a commit recomputes only its path.
final class TreeHashCachingTests: XCTestCase {
    /// A dense tree of `leaves` members (unsigned leaves: hashing does not validate) built without commits.
    private func denseTree(leaves: Int, crypto: CryptoContext) throws -> (RatchetTree, [SignaturePrivateKey]) {
        var tree: RatchetTree?
        var keys: [SignaturePrivateKey] = []
        for index in 0..<leaves {
            let signing = try crypto.generateSignatureKey()
            let leaf = LeafNode(encryptionKey: try crypto.generateHPKEKey().publicKey.bytes, signatureKey: signing.publicKey.bytes,
                                credential: .basic(identity: Array("m\(index)".utf8)),
                                capabilities: Capabilities(cipherSuites: [CipherSuiteID(rawValue: 1)]),
                                source: .keyPackage(Lifetime(notBefore: 0, notAfter: .max)))
            keys.append(signing)
            if tree == nil { tree = RatchetTree(creator: leaf) } else { try tree!.addLeaf(leaf) }
        }
        return (try XCTUnwrap(tree), keys)
    }

    func testA1024LeafCommitRecomputesOnlyItsPath() throws {
        let meter = OperationMeter()
        let crypto = CryptoContext(suite: .x25519Aes128GcmEd25519, actor: meter.actor("committer"), random: SeededRandom(seed: 3))
        var (tree, keys) = try denseTree(leaves: 1024, crypto: crypto)
        XCTAssertEqual(tree.leafCount, 1024)

        meter.reset()
        let rootHash = tree.treeHash(crypto)
        XCTAssertEqual(meter.count(.hash, actor: "committer"), 2047, "the first computation hashes every node once")
        meter.reset()
        XCTAssertEqual(tree.treeHash(crypto), rootHash)
        XCTAssertEqual(meter.count(.hash, actor: "committer"), 0, "a second call is served from the cache")

        // A commit from leaf 517: a full path of 10 parent nodes (every copath subtree has members).
        let sender = LeafIndex(517)
        meter.reset()
        let prepared = try tree.preparingUpdatePath(from: sender, leafTemplate: try XCTUnwrap(tree.leafNode(at: sender)),
                                                    signingKey: keys[517], groupID: [1], crypto)
        XCTAssertEqual(prepared.pathSecrets.count, 10)
        // 10 parent hashes (one per path node; copath tree hashes come from the cache) and 11 tree hashes
        // (the leaf and its 10 ancestors): 21 = O(log n), against 2047 for a full recomputation.
        XCTAssertEqual(meter.count(.hash, actor: "committer"), 21)

        // Every other member merging the path pays the same.
        let receiver = crypto.charging(meter.actor("receiver"))
        let path = try prepared.encrypt(groupContext: GroupContext(cipherSuite: CipherSuiteID(rawValue: 1), groupID: [1], epoch: 1,
                                                                   treeHash: prepared.treeHash, confirmedTranscriptHash: []),
                                        excluding: [], crypto)
        var merged = try tree.merging(path, from: sender, TreeValidationParameters(groupID: [1]), receiver)
        XCTAssertEqual(meter.count(.hash, actor: "receiver"), 21)
        XCTAssertEqual(merged.treeHash(receiver), prepared.treeHash)
        XCTAssertEqual(meter.count(.hash, actor: "receiver"), 21, "the merged tree's hashes are already cached")

        // An independent full recomputation (a fresh decode) agrees with the incrementally updated hash.
        var fresh = try RatchetTree(decoding: try merged.encoded())
        XCTAssertEqual(fresh.treeHash(crypto), prepared.treeHash)
    }

    func testChangingANodeClearsExactlyItsPath() throws {
        let crypto = CryptoContext(suite: .x25519Aes128GcmEd25519, actor: OperationMeter().actor("t"), random: SeededRandom(seed: 4))
        var (tree, _) = try denseTree(leaves: 64, crypto: crypto)
        tree.computeTreeHashes(crypto)
        try tree.removeLeaf(LeafIndex(9))
        let path = Set([NodeIndex(18)] + TreeSize(leafCount: 64)!.directPath(of: NodeIndex(18)))
        for index in 0..<tree.nodeWidth {
            let node = NodeIndex(index)
            XCTAssertEqual(tree.hasCachedTreeHash(node), !path.contains(node), "\(node)")
        }
    }
}
