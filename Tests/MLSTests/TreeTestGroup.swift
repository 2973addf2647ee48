import MLS
import MLSCrypto
import XCTest

/// A small in-memory group for tree and TreeKEM tests: the public tree, each member's private state and
/// signature key, and helpers to add, remove and commit with real keys and signatures (seeded randomness).
struct TreeTestGroup {
    let meter = OperationMeter()
    let crypto: CryptoContext
    let groupID: [UInt8] = Array("tree-test-group".utf8)
    var tree: RatchetTree
    var states: [UInt32: TreePrivateState] = [:]
    var signingKeys: [UInt32: SignaturePrivateKey] = [:]
    var parameters: TreeValidationParameters { TreeValidationParameters(groupID: groupID) }

    /// A group with one member, created by `suite`.
    init(suite: CipherSuite = .x25519Aes128GcmEd25519, seed: UInt64 = 7) throws {
        crypto = CryptoContext(suite: suite, actor: meter.actor("test"), random: SeededRandom(seed: seed))
        let (leaf, hpke, signing) = try Self.newMember(crypto, name: "member-0")
        tree = RatchetTree(creator: leaf)
        states[0] = TreePrivateState(leaf: LeafIndex(0), leafKey: hpke)
        signingKeys[0] = signing
    }

    /// A fresh key-package leaf node with its HPKE and signature private keys.
    static func newMember(_ crypto: CryptoContext, name: String) throws -> (LeafNode, HPKEPrivateKey, SignaturePrivateKey) {
        let hpke = try crypto.generateHPKEKey()
        let signing = try crypto.generateSignatureKey()
        var leaf = LeafNode(encryptionKey: hpke.publicKey.bytes, signatureKey: signing.publicKey.bytes,
                            credential: .basic(identity: Array(name.utf8)),
                            capabilities: Capabilities(cipherSuites: [CipherSuiteID(rawValue: crypto.suite.id)]),
                            source: .keyPackage(Lifetime(notBefore: 0, notAfter: .max)))
        try leaf.sign(with: signing, crypto: crypto, groupID: [], leafIndex: LeafIndex(0))
        return (leaf, hpke, signing)
    }

    /// Adds a member (public tree only, as an Add proposal does) and returns its leaf.
    @discardableResult
    mutating func add(_ name: String) throws -> LeafIndex {
        let (leaf, hpke, signing) = try Self.newMember(crypto, name: name)
        let index = try tree.addLeaf(leaf)
        states[index.value] = TreePrivateState(leaf: index, leafKey: hpke)
        signingKeys[index.value] = signing
        return index
    }

    /// Removes a member and drops the private keys every other member held for blanked nodes.
    mutating func remove(_ leaf: LeafIndex) throws {
        try tree.removeLeaf(leaf)
        states[leaf.value] = nil
        signingKeys[leaf.value] = nil
        for member in tree.occupiedLeaves { states[member.value]?.dropStaleKeys(tree) }
    }

    func context(treeHash: [UInt8], epoch: UInt64 = 1) -> GroupContext {
        GroupContext(cipherSuite: CipherSuiteID(rawValue: crypto.suite.id), groupID: groupID, epoch: epoch,
                     treeHash: treeHash, confirmedTranscriptHash: [])
    }

    /// A commit with a path from `sender`: every other member (except `joiners`, who get the path secret
    /// of their common ancestor) processes it and must reach the committer's commit secret.
    @discardableResult
    mutating func commit(from sender: LeafIndex, joiners: [LeafIndex] = [], file: StaticString = #filePath, line: UInt = #line) throws -> [UInt8] {
        let template = try XCTUnwrap(tree.leafNode(at: sender), file: file, line: line)
        let prepared = try tree.preparingUpdatePath(from: sender, leafTemplate: template, signingKey: try XCTUnwrap(signingKeys[sender.value]),
                                                    groupID: groupID, crypto)
        let context = context(treeHash: prepared.treeHash)
        let path = try prepared.encrypt(groupContext: context, excluding: joiners, crypto)
        let merged = try tree.merging(path, from: sender, parameters, crypto)
        XCTAssertEqual(merged, prepared.tree, "receivers and committer agree on the tree", file: file, line: line)
        for member in tree.occupiedLeaves where member != sender {
            let state = try XCTUnwrap(states[member.value], file: file, line: line)
            if joiners.contains(member) {
                var joined = TreePrivateState(leaf: member, leafKey: state.leafKey)
                if let (_, secret) = prepared.pathSecret(forJoiner: member) {
                    let commitSecret = try joined.installPathSecret(secret, from: sender, tree: merged, crypto)
                    XCTAssertEqual(commitSecret, prepared.commitSecret, "joiner \(member)", file: file, line: line)
                }
                states[member.value] = joined
            } else {
                let processed = try state.processing(path, from: sender, mergedTree: merged, excluding: joiners, groupContext: context, crypto)
                XCTAssertEqual(processed.commitSecret, prepared.commitSecret, "member \(member)", file: file, line: line)
                states[member.value] = processed.privateState
            }
        }
        states[sender.value] = prepared.privateState
        tree = prepared.tree
        for member in tree.occupiedLeaves {
            try XCTUnwrap(states[member.value], file: file, line: line).checkConsistent(with: tree)
        }
        return prepared.commitSecret
    }
}
