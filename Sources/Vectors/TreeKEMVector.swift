import MLS
import MLSCrypto

/// One entry of `treekem.json` (mlswg/mls-implementations, "TreeKEM"): a tree, the private TreeKEM state
/// of its members, and UpdatePaths from several senders with the path secret each member must decrypt,
/// the commit secret and the tree hash after merging.
public struct TreeKEMVector: TestVector {
    /// One member's private state.
    public struct LeafPrivate: Decodable, Sendable {
        /// The member's leaf index.
        public let index: UInt32
        /// The HPKE private key of its leaf.
        public let encryption_priv: HexBytes
        /// Its signature private key.
        public let signature_priv: HexBytes
        /// The path secrets it knows, by node.
        public let path_secrets: [NodePathSecret]
    }

    /// A path secret held for one node.
    public struct NodePathSecret: Decodable, Sendable {
        /// The node index.
        public let node: UInt32
        /// The path secret.
        public let path_secret: HexBytes
    }

    /// One UpdatePath and what each member learns from it.
    public struct UpdatePathCase: Decodable, Sendable {
        /// The sender's leaf index.
        public let sender: UInt32
        /// The serialized UpdatePath.
        public let update_path: HexBytes
        /// Per leaf, the path secret it decrypts (null for the sender and blank leaves).
        public let path_secrets: [HexBytes?]
        /// The commit secret.
        public let commit_secret: HexBytes
        /// The root tree hash after merging the path.
        public let tree_hash_after: HexBytes
    }

    /// The cipher suite.
    public let cipher_suite: UInt16
    /// The group id.
    public let group_id: HexBytes
    /// The epoch of the provisional GroupContext.
    public let epoch: UInt64
    /// The confirmed transcript hash of the provisional GroupContext.
    public let confirmed_transcript_hash: HexBytes
    /// `optional<Node> ratchet_tree<V>`.
    public let ratchet_tree: HexBytes
    /// The members' private states.
    public let leaves_private: [LeafPrivate]
    /// The UpdatePaths.
    public let update_paths: [UpdatePathCase]

    /// The entry's cipher suite.
    public var suite: UInt16? { cipher_suite }

    /// Loads every private state, processes every UpdatePath as every other member, and creates a new
    /// UpdatePath from each sender that every other member must process to the same commit secret.
    public func verify() -> VectorVerdict {
        guard let crypto = VectorCrypto.context(cipher_suite) else { return .skipped("cipher suite \(cipher_suite)") }
        do {
            let tree = try RatchetTree(decoding: ratchet_tree.bytes)
            var states: [UInt32: TreePrivateState] = [:]
            for member in leaves_private {
                var state = TreePrivateState(leaf: LeafIndex(member.index), leafKey: try Self.hpkeKey(member.encryption_priv, crypto))
                for secret in member.path_secrets {
                    try state.setPathSecret(secret.path_secret.bytes, at: NodeIndex(UInt64(secret.node)), crypto)
                }
                do { try state.checkConsistent(with: tree) } catch { return .failed("leaves_private[\(member.index)]: \(error)") }
                states[member.index] = state
            }
            let parameters = TreeValidationParameters(groupID: group_id.bytes)
            for (number, entry) in update_paths.enumerated() {
                if let failure = try verifyGiven(entry, number: number, tree: tree, states: states, parameters, crypto) { return .failed(failure) }
                if let failure = try verifyCreated(from: entry.sender, tree: tree, states: states, parameters, crypto) {
                    return .failed("new path from leaf \(entry.sender): \(failure)")
                }
            }
            return .passed
        } catch {
            return .failed("\(error)")
        }
    }

    /// Merges and processes the given UpdatePath as every other member.
    private func verifyGiven(_ entry: UpdatePathCase, number: Int, tree: RatchetTree, states: [UInt32: TreePrivateState],
                             _ parameters: TreeValidationParameters, _ crypto: CryptoContext) throws -> String? {
        let sender = LeafIndex(entry.sender)
        let path = try UpdatePath.decode(entry.update_path.bytes)
        var merged = try tree.merging(path, from: sender, parameters, crypto)
        let treeHash = merged.treeHash(crypto)
        if let failure = check("update_paths[\(number)].tree_hash_after", entry.tree_hash_after.bytes, treeHash) { return failure }
        let context = groupContext(treeHash: treeHash)
        for receiver in tree.occupiedLeaves where receiver != sender {
            guard let state = states[receiver.value] else { return "no private state for \(receiver)" }
            let processed = try state.processing(path, from: sender, mergedTree: merged, excluding: [], groupContext: context, crypto)
            let expected = Int(receiver.value) < entry.path_secrets.count ? entry.path_secrets[Int(receiver.value)]?.bytes : nil
            if let failure = check("update_paths[\(number)].path_secrets[\(receiver.value)]", expected, processed.pathSecret) { return failure }
            if let failure = check("update_paths[\(number)].commit_secret (\(receiver))", entry.commit_secret.bytes, processed.commitSecret) { return failure }
            try processed.privateState.checkConsistent(with: merged)
        }
        return nil
    }

    /// Creates an UpdatePath from `senderIndex` and checks that every other member agrees on it.
    private func verifyCreated(from senderIndex: UInt32, tree: RatchetTree, states: [UInt32: TreePrivateState],
                               _ parameters: TreeValidationParameters, _ crypto: CryptoContext) throws -> String? {
        let sender = LeafIndex(senderIndex)
        guard let member = leaves_private.first(where: { $0.index == senderIndex }), let template = tree.leafNode(at: sender) else {
            return "no private state or leaf for \(sender)"
        }
        let signingKey = try crypto.signaturePrivateKey(member.signature_priv.bytes)
        let prepared = try tree.preparingUpdatePath(from: sender, leafTemplate: template, signingKey: signingKey,
                                                    groupID: group_id.bytes, crypto)
        let context = groupContext(treeHash: prepared.treeHash)
        let path = try prepared.encrypt(groupContext: context, excluding: [], crypto)
        let merged = try tree.merging(path, from: sender, parameters, crypto)
        if merged != prepared.tree { return "the merged tree differs from the committer's" }
        try prepared.privateState.checkConsistent(with: merged)
        for receiver in tree.occupiedLeaves where receiver != sender {
            guard let state = states[receiver.value] else { return "no private state for \(receiver)" }
            let processed = try state.processing(path, from: sender, mergedTree: merged, excluding: [], groupContext: context, crypto)
            if let failure = check("commit secret of \(receiver)", prepared.commitSecret, processed.commitSecret) { return failure }
        }
        return nil
    }

    private func groupContext(treeHash: [UInt8]) -> GroupContext {
        GroupContext(cipherSuite: CipherSuiteID(rawValue: cipher_suite), groupID: group_id.bytes, epoch: epoch,
                     treeHash: treeHash, confirmedTranscriptHash: confirmed_transcript_hash.bytes)
    }

    private static func hpkeKey(_ hex: HexBytes, _ crypto: CryptoContext) throws -> HPKEPrivateKey {
        try crypto.hpkePrivateKey(hex.bytes)
    }
}
