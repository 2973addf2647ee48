import MLSCrypto

extension RatchetTree {
    /// The tree after merging a received UpdatePath from `sender` (RFC 9420 §7.5, §12.4.2): validates the
    /// new leaf node (§7.3, source `commit`, fits the tree), checks that no key of the path is already in
    /// the tree and that the path has one node per filtered-direct-path node, blanks the direct path, sets
    /// the new public keys, recomputes the parent hashes and checks the leaf's `parent_hash` against them.
    ///
    /// This tree is not changed; a bad path throws `invalidCommit` (or the leaf's `invalidTree` /
    /// `invalidSignature`). The returned tree has its tree hashes computed.
    public func merging(_ path: UpdatePath, from sender: LeafIndex, _ parameters: TreeValidationParameters,
                        _ crypto: CryptoContext) throws(MLSError) -> RatchetTree {
        guard let oldLeaf = leafNode(at: sender) else { throw MLSError(.invalidCommit, "UpdatePath from \(sender), which is blank") }
        try path.leafNode.validate(at: sender, expectedSource: .commit, parameters, crypto)
        try checkFits(path.leafNode, at: sender)
        guard path.leafNode.encryptionKey != oldLeaf.encryptionKey else {
            throw MLSError(.invalidCommit, "the committer's new leaf keeps its old encryption key")
        }
        var seen: [[UInt8]] = [path.leafNode.encryptionKey]
        for node in path.nodes {
            guard !seen.contains(node.encryptionKey) else { throw MLSError(.invalidCommit, "an UpdatePath key appears twice") }
            seen.append(node.encryptionKey)
        }
        // The lowest node holding one of the path's keys, found from the page summaries.
        if let index = storage.firstNode(withEncryptionKeyIn: path.nodes.map(\.encryptionKey)) {
            throw MLSError(.invalidCommit, "an UpdatePath key is already used by node \(index)")
        }
        var tree = self
        tree.blankDirectPath(of: sender)
        let filtered = tree.filteredDirectPath(of: sender)
        guard filtered.count == path.nodes.count else {
            throw MLSError(.invalidCommit, "UpdatePath has \(path.nodes.count) nodes; the filtered direct path of \(sender) has \(filtered.count)")
        }
        for (step, pathNode) in zip(filtered, path.nodes) {
            do { try crypto.checkHPKEPublicKey(pathNode.encryptionKey) } catch {
                throw MLSError(error, context: "UpdatePath key of \(step.node)")
            }
            tree.setNode(step.node, .parent(ParentNode(encryptionKey: pathNode.encryptionKey, parentHash: [])))
        }
        let expected = tree.setParentHashes(along: filtered, crypto)
        guard case .commit(let carried) = path.leafNode.source, carried == expected else {
            throw MLSError(.invalidCommit, "the committer's leaf parent_hash does not match the path (§7.9.2)")
        }
        tree.setNode(sender.nodeIndex, .leaf(path.leafNode))
        tree.computeTreeHashes(crypto)
        return tree
    }
}
