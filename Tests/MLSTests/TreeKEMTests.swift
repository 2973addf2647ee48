import MLS
import MLSCrypto
import XCTest

/// TreeKEM (RFC 9420 §7.4–7.6): filtered direct paths, whole-group agreement, joiners, and rejection of
/// damaged UpdatePaths without any change of state.
final class TreeKEMTests: XCTestCase {
    /// The tree of RFC 9420 §4.1.2 (members A, B, E, F, G at leaves 0, 1, 4, 5, 6; T, X, Y, W set; U, V, Z blank).
    func testFilteredDirectPathsMatchTheRFCExample() throws {
        var group = try TreeTestGroup()
        for index in 1..<7 { try group.add("m\(index)") }
        try group.remove(LeafIndex(2))
        try group.remove(LeafIndex(3))
        try group.commit(from: LeafIndex(0))
        try group.commit(from: LeafIndex(4))
        let filtered = { (leaf: UInt32) in group.tree.filteredDirectPath(of: LeafIndex(leaf)).map { $0.node.value } }
        XCTAssertEqual(filtered(0), [1, 7])
        XCTAssertEqual(filtered(1), [1, 7])
        XCTAssertEqual(filtered(4), [9, 11, 7])
        XCTAssertEqual(filtered(5), [9, 11, 7])
        XCTAssertEqual(filtered(6), [11, 7])
        XCTAssertEqual(group.tree.resolution(of: NodeIndex(3)), [NodeIndex(1)])
        XCTAssertEqual(group.tree.resolution(of: NodeIndex(13)), [NodeIndex(12)])
        XCTAssertTrue(group.tree.resolutionIsEmpty(NodeIndex(5)))
    }

    func testEveryMemberAgreesThroughAddsRemovesAndCommits() throws {
        var group = try TreeTestGroup(seed: 21)
        var random = SplitMix64(seed: 99)
        var secrets: [[UInt8]] = []
        for round in 0..<40 {
            let members = group.tree.occupiedLeaves
            switch random.below(4) {
            case 0 where members.count < 24:
                // Adds committed together with a path: the joiners are excluded from the encryption.
                let joiners = try (0...random.below(2)).map { _ in try group.add("r\(round)") }
                let committer = members[random.below(members.count)]
                secrets.append(try group.commit(from: committer, joiners: joiners))
            case 1 where members.count > 2:
                let removed = members[random.below(members.count)]
                try group.remove(removed)
                let rest = group.tree.occupiedLeaves
                secrets.append(try group.commit(from: rest[random.below(rest.count)]))
            default:
                secrets.append(try group.commit(from: members[random.below(members.count)]))
            }
            var joined = try RatchetTree(decoding: try group.tree.encoded())
            XCTAssertNoThrow(try joined.validate(group.parameters, expectedTreeHash: group.tree.treeHash(group.crypto), group.crypto),
                             "round \(round)")
        }
        XCTAssertEqual(Set(secrets).count, secrets.count, "every commit gives a fresh commit secret")
    }

    /// A prepared path, its UpdatePath, the merged tree and the context, from leaf 2 of a 6-member group.
    private func pathFixture() throws -> (TreeTestGroup, PreparedUpdatePath, UpdatePath, GroupContext) {
        var group = try TreeTestGroup(seed: 5)
        for index in 1..<6 { try group.add("m\(index)") }
        try group.commit(from: LeafIndex(0))
        let sender = LeafIndex(2)
        let prepared = try group.tree.preparingUpdatePath(from: sender, leafTemplate: try XCTUnwrap(group.tree.leafNode(at: sender)),
                                                          signingKey: try XCTUnwrap(group.signingKeys[2]), groupID: group.groupID, group.crypto)
        let context = group.context(treeHash: prepared.treeHash)
        return (group, prepared, try prepared.encrypt(groupContext: context, excluding: [], group.crypto), context)
    }

    private func assertMergeRejected(_ path: UpdatePath, _ group: TreeTestGroup, code: MLSError.Code,
                                     file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try group.tree.merging(path, from: LeafIndex(2), group.parameters, group.crypto), file: file, line: line) {
            XCTAssertEqual(($0 as? MLSError)?.code, code, "\($0)", file: file, line: line)
        }
    }

    func testDamagedPathsAreRejectedWhenMerging() throws {
        let (group, _, path, _) = try pathFixture()
        var short = path
        short.nodes.removeLast()
        assertMergeRejected(short, group, code: .invalidCommit)

        var badSignature = path
        badSignature.leafNode.signature[0] ^= 1
        assertMergeRejected(badSignature, group, code: .invalidSignature)

        // A leaf whose parent hash does not match the path, correctly signed: caught by §7.9.2.
        var badParentHash = path
        badParentHash.leafNode.source = .commit(parentHash: Array(repeating: 7, count: 32))
        try badParentHash.leafNode.sign(with: try XCTUnwrap(group.signingKeys[2]), crypto: group.crypto, groupID: group.groupID, leafIndex: LeafIndex(2))
        assertMergeRejected(badParentHash, group, code: .invalidCommit)

        // A path key already used in the tree.
        var reused = path
        reused.nodes[0].encryptionKey = try XCTUnwrap(group.tree.encryptionKey(at: NodeIndex(1)))
        assertMergeRejected(reused, group, code: .invalidCommit)

        // A key that does not parse.
        var garbage = path
        garbage.nodes[1].encryptionKey = [1, 2, 3]
        assertMergeRejected(garbage, group, code: .crypto)

        XCTAssertThrowsError(try group.tree.merging(path, from: LeafIndex(6), group.parameters, group.crypto)) {
            XCTAssertEqual(($0 as? MLSError)?.code, .invalidCommit, "a path from a blank leaf")
        }
    }

    func testDamagedCiphertextsAndContextsAreRejectedWhenDecrypting() throws {
        let (group, prepared, path, context) = try pathFixture()
        let merged = try group.tree.merging(path, from: LeafIndex(2), group.parameters, group.crypto)
        let receiver = try XCTUnwrap(group.states[3])
        let good = try receiver.processing(path, from: LeafIndex(2), mergedTree: merged, excluding: [], groupContext: context, group.crypto)
        XCTAssertEqual(good.commitSecret, prepared.commitSecret)
        XCTAssertEqual(good.decryptedNode, NodeIndex(5))

        var flipped = path
        flipped.nodes[0].encryptedPathSecret[0].ciphertext[0] ^= 1
        XCTAssertThrowsError(try receiver.processing(flipped, from: LeafIndex(2), mergedTree: merged, excluding: [], groupContext: context, group.crypto)) {
            XCTAssertEqual(($0 as? MLSError)?.code, .crypto)
        }
        var otherContext = context
        otherContext.epoch += 1
        XCTAssertThrowsError(try receiver.processing(path, from: LeafIndex(2), mergedTree: merged, excluding: [], groupContext: otherContext, group.crypto)) {
            XCTAssertEqual(($0 as? MLSError)?.code, .crypto, "the provisional GroupContext is bound into every ciphertext")
        }
        var missing = path
        missing.nodes[0].encryptedPathSecret.removeAll()
        XCTAssertThrowsError(try receiver.processing(missing, from: LeafIndex(2), mergedTree: merged, excluding: [], groupContext: context, group.crypto)) {
            XCTAssertEqual(($0 as? MLSError)?.code, .invalidCommit)
        }
        // A path secret encrypted correctly but not matching the advertised keys.
        var swappedKeys = path
        swappedKeys.nodes[1].encryptionKey = try group.crypto.generateHPKEKey().publicKey.bytes
        XCTAssertThrowsError(try receiver.processing(swappedKeys, from: LeafIndex(2), mergedTree: merged, excluding: [], groupContext: context, group.crypto)) {
            XCTAssertEqual(($0 as? MLSError)?.code, .invalidCommit)
        }
        XCTAssertThrowsError(try XCTUnwrap(group.states[2]).processing(path, from: LeafIndex(2), mergedTree: merged, excluding: [],
                                                                        groupContext: context, group.crypto)) {
            XCTAssertEqual(($0 as? MLSError)?.code, .invalidCommit, "a committer does not process its own path")
        }
        // The receiver's state is a value: none of the failures changed it.
        XCTAssertEqual(receiver.nodesWithKeys, try XCTUnwrap(group.states[3]).nodesWithKeys)
        XCTAssertNoThrow(try receiver.checkConsistent(with: group.tree))
    }

    func testExcludedJoinersGetNoCiphertext() throws {
        var group = try TreeTestGroup(seed: 8)
        for index in 1..<5 { try group.add("m\(index)") }
        try group.commit(from: LeafIndex(0))
        let joiner = try group.add("joiner")                          // Leaf 5, unmerged at the root.
        let prepared = try group.tree.preparingUpdatePath(from: LeafIndex(0), leafTemplate: try XCTUnwrap(group.tree.leafNode(at: LeafIndex(0))),
                                                          signingKey: try XCTUnwrap(group.signingKeys[0]), groupID: group.groupID, group.crypto)
        let context = group.context(treeHash: prepared.treeHash)
        let all = try prepared.encrypt(groupContext: context, excluding: [], group.crypto)
        let some = try prepared.encrypt(groupContext: context, excluding: [joiner], group.crypto)
        XCTAssertEqual(all.nodes.map(\.encryptedPathSecret.count), [1, 2, 2], "node 5 is blank: leaves 2 and 3; the root: leaves 4 and 5")
        XCTAssertEqual(some.nodes.map(\.encryptedPathSecret.count), [1, 2, 1])
        XCTAssertEqual(prepared.pathSecret(forJoiner: joiner)?.node, NodeIndex(7))
    }
}
