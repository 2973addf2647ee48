import MLSCrypto

/// A committer's new path before its path secrets are encrypted (RFC 9420 §7.4–7.6): the tree with the
/// path merged (fresh leaf and node keys, parent hashes, re-signed leaf), the committer's new private
/// state and the commit secret.
///
/// Two steps because the encryption context is the provisional GroupContext, whose `tree_hash` is the
/// hash of `tree`: prepare, build the GroupContext from `tree.treeHash`, then `encrypt`.
public struct PreparedUpdatePath: Sendable {
    /// The ratchet tree after the path is merged (tree hashes computed).
    public private(set) var tree: RatchetTree
    /// The committer's private state in `tree`.
    public let privateState: TreePrivateState
    /// The committer's new leaf node (source `commit`, signed).
    public let leafNode: LeafNode
    /// `path_secret[n]` derived from the last path secret (§12.4): the input to the key schedule.
    public let commitSecret: [UInt8]
    /// The committer's leaf.
    public let sender: LeafIndex
    let path: [PathNodeSecret]

    /// The root tree hash of `tree`, for the provisional GroupContext.
    public var treeHash: [UInt8] { tree.storage.treeHash(tree.size.root.value) ?? [] }

    /// The UpdatePath: each path secret encrypted (`EncryptWithLabel(pk, "UpdatePathNode", group_context,
    /// path_secret)`) to every node in the resolution of the copath child, leaving out `joiners` (leaves
    /// added by the same commit, which get their secret in the Welcome).
    public func encrypt(groupContext: GroupContext, excluding joiners: [LeafIndex], _ crypto: CryptoContext) throws(MLSError) -> UpdatePath {
        let context = groupContext.encoded()
        let excluded = joiners.map(\.nodeIndex)
        var nodes: [UpdatePathNode] = []
        nodes.reserveCapacity(path.count)
        for step in path {
            var ciphertexts: [HPKECiphertext] = []
            for recipient in tree.resolution(of: step.copathChild) where !excluded.contains(recipient) {
                guard let keyBytes = tree.encryptionKey(at: recipient) else { continue }
                do {
                    let key = try crypto.hpkePublicKey(keyBytes)
                    let (kemOutput, ciphertext) = try crypto.encryptWithLabel(key, "UpdatePathNode", context, step.pathSecret)
                    ciphertexts.append(HPKECiphertext(kemOutput: kemOutput, ciphertext: ciphertext))
                } catch {
                    throw MLSError(error, context: "encrypting the path secret of \(step.node) to \(recipient)")
                }
            }
            nodes.append(UpdatePathNode(encryptionKey: step.key.publicKey.bytes, encryptedPathSecret: ciphertexts))
        }
        return UpdatePath(leafNode: leafNode, nodes: nodes)
    }

    /// The path secret a new member at `joiner` gets in its Welcome: the one of the lowest common ancestor
    /// of the committer and the joiner (§12.4.3.1), or nil when that node is not on the filtered path.
    public func pathSecret(forJoiner joiner: LeafIndex) -> (node: NodeIndex, secret: [UInt8])? {
        guard let ancestor = tree.size.commonAncestor(sender.nodeIndex, joiner.nodeIndex),
              let step = path.first(where: { $0.node == ancestor }) else { return nil }
        return (step.node, step.pathSecret)
    }

    /// The path secrets in path order (for tests and vectors), bottom up.
    public var pathSecrets: [(node: NodeIndex, secret: [UInt8])] { path.map { ($0.node, $0.pathSecret) } }
}

extension RatchetTree {
    /// Prepares a committer's UpdatePath (§7.4, §7.5): blanks the sender's direct path, draws a fresh leaf
    /// key and a random first path secret, derives the secrets and keys of the filtered direct path, sets
    /// the parent hashes, and re-signs the leaf (source `commit`) from `leafTemplate` (its credential,
    /// capabilities, extensions and signature key are kept) with `signingKey`.
    ///
    /// This tree is not changed; throws `invalidTree` when `sender` is blank.
    public func preparingUpdatePath(from sender: LeafIndex, leafTemplate: LeafNode, signingKey: SignaturePrivateKey,
                                    groupID: [UInt8], _ crypto: CryptoContext) throws(MLSError) -> PreparedUpdatePath {
        guard leafNode(at: sender) != nil else { throw MLSError(.invalidTree, "the committer's \(sender) is blank") }
        var tree = self
        tree.blankDirectPath(of: sender)
        let filtered = tree.filteredDirectPath(of: sender)
        let leafKey: HPKEPrivateKey
        do { leafKey = try crypto.generateHPKEKey() } catch { throw MLSError(error, context: "leaf key") }
        var state = TreePrivateState(leaf: sender, leafKey: leafKey)
        var steps: [PathNodeSecret] = []
        var secret = crypto.random.bytes(crypto.suite.hashLength)
        for (node, copathChild) in filtered {
            let key = try PathSecretChain.nodeKey(secret, crypto)
            steps.append(PathNodeSecret(node: node, copathChild: copathChild, pathSecret: secret, key: key))
            state.setParentKey(key, at: node)
            tree.setNode(node, .parent(ParentNode(encryptionKey: key.publicKey.bytes, parentHash: [])))
            secret = try PathSecretChain.next(secret, crypto)
        }
        let leafParentHash = tree.setParentHashes(along: filtered, crypto)
        var leaf = leafTemplate
        leaf.encryptionKey = leafKey.publicKey.bytes
        leaf.source = .commit(parentHash: leafParentHash)
        do {
            try leaf.sign(with: signingKey, crypto: crypto, groupID: groupID, leafIndex: sender)
        } catch {
            throw MLSError(error, context: "signing the committer's leaf node")
        }
        tree.setNode(sender.nodeIndex, .leaf(leaf))
        tree.computeTreeHashes(crypto)
        return PreparedUpdatePath(tree: tree, privateState: state, leafNode: leaf, commitSecret: secret, sender: sender, path: steps)
    }
}
