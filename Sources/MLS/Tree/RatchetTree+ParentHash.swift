import MLSCrypto

/// Parent hashes (RFC 9420 §7.9): computing them along a path and verifying a whole tree.
///
/// `ParentHashInput { HPKEPublicKey encryption_key; opaque parent_hash<V>; opaque original_sibling_tree_hash<V> }`.
extension RatchetTree {
    /// The parent hash of the parent node `parent` with copath child `sibling`: the value its child on
    /// the other side carries in `parent_hash`. The sibling's tree hash is taken with the parent's
    /// unmerged leaves blanked (§7.9). Nil when `parent` is blank.
    mutating func parentHash(of parent: NodeIndex, sibling: NodeIndex, _ crypto: CryptoContext) -> [UInt8]? {
        guard let node = parentNode(at: parent) else { return nil }
        let siblingHash = treeHash(of: sibling, excluding: node.unmergedLeaves, crypto)
        var writer = WireWriter()
        writer.writeOpaque(node.encryptionKey)
        writer.writeOpaque(node.parentHash)
        writer.writeOpaque(siblingHash)
        return crypto.hash(writer.bytes)
    }

    /// Sets the `parent_hash` of each node on the leaf's filtered direct path, top down (§7.9.1), and
    /// returns the parent hash the leaf itself must carry (empty when the filtered path is empty).
    ///
    /// The nodes of the path must be set already (a commit's fresh keys, no unmerged leaves).
    mutating func setParentHashes(along path: [(node: NodeIndex, copathChild: NodeIndex)], _ crypto: CryptoContext) -> [UInt8] {
        var next: [UInt8] = []
        for (node, copathChild) in path.reversed() {
            updateParent(node) { $0.parentHash = next }
            next = parentHash(of: node, sibling: copathChild, crypto) ?? []
        }
        return next
    }

    /// The `parent_hash` a node carries: a parent's field, a commit-source leaf's field, nil otherwise.
    func carriedParentHash(_ index: NodeIndex) -> [UInt8]? {
        switch node(at: index) {
        case .parent(let parent)?: parent.parentHash
        case .leaf(let leaf)?:
            if case .commit(let parentHash) = leaf.source { parentHash } else { nil }
        case nil: nil
        }
    }

    /// Verifies that every non-blank parent node is parent-hash valid (§7.9.2, checked top down): exactly
    /// one node D in the resolution of one child C carries the parent hash of P with the other child as
    /// copath child, and P's unmerged leaves under C are exactly the rest of C's resolution.
    ///
    /// Throws `invalidTree` naming the first parent node (left to right) that fails.
    public mutating func verifyParentHashes(_ crypto: CryptoContext) throws(MLSError) {
        var index: UInt64 = 1
        while index < nodeWidth {
            let parent = NodeIndex(index)
            index += 2
            guard let node = parentNode(at: parent), let left = parent.left, let right = parent.right else { continue }
            var matches = 0
            for (child, sibling) in [(left, right), (right, left)] {
                guard let expected = parentHash(of: parent, sibling: sibling, crypto) else { continue }
                let resolution = resolution(of: child)
                let unmergedBelow = Set(node.unmergedLeaves.filter { Self.subtree(child, contains: $0) }.map(\.nodeIndex))
                for candidate in resolution where carriedParentHash(candidate) == expected {
                    if Set(resolution.filter { $0 != candidate }) == unmergedBelow { matches += 1 }
                }
            }
            guard matches == 1 else {
                throw MLSError(.invalidTree, "parent \(parent) is not parent-hash valid (\(matches) descendants carry its parent hash)")
            }
        }
    }
}
