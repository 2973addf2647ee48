import MLSCrypto

/// Tree hashes (RFC 9420 §7.8), cached per node.
///
/// `TreeHashInput` is `node_type` followed by `LeafNodeHashInput { uint32 leaf_index; optional<LeafNode> }`
/// or `ParentNodeHashInput { optional<ParentNode>; opaque left_hash<V>; opaque right_hash<V> }`.
/// A node's hash is computed once and kept until the node or a node below it changes (`setNode` clears
/// the path up to the root), so after one full computation a commit costs O(log n) hashes.
extension RatchetTree {
    /// The tree hash of the root: the `tree_hash` of the GroupContext.
    public mutating func treeHash(_ crypto: CryptoContext) -> [UInt8] {
        treeHash(of: size.root, crypto)
    }

    /// The tree hash of the subtree under `index` (computing and caching what is missing).
    public mutating func treeHash(of index: NodeIndex, _ crypto: CryptoContext) -> [UInt8] {
        guard size.contains(index) else { return [] }
        if let cached = storage.treeHash(index.value) { return cached }
        let hash: [UInt8]
        if let leaf = index.leafIndex {
            hash = crypto.hash(Self.leafHashInput(leaf, storage.node(index.value)))
        } else {
            let left = treeHash(of: index.left!, crypto), right = treeHash(of: index.right!, crypto)
            hash = crypto.hash(Self.parentHashInput(storage.node(index.value), left: left, right: right))
        }
        storage.setTreeHash(index.value, hash)
        return hash
    }

    /// Computes every missing tree hash (for example before sharing the tree between members).
    public mutating func computeTreeHashes(_ crypto: CryptoContext) {
        _ = treeHash(crypto)
    }

    /// Whether the tree hash of `index` is cached (diagnostics and tests).
    public func hasCachedTreeHash(_ index: NodeIndex) -> Bool {
        size.contains(index) && storage.treeHash(index.value) != nil
    }

    /// The tree hash of the subtree under `index` in the tree with the `excluded` leaves blanked and
    /// removed from every unmerged-leaves list (the "original sibling tree hash" of §7.9). Subtrees that
    /// hold no excluded leaf use (and fill) the cache; the rest is computed without caching.
    mutating func treeHash(of index: NodeIndex, excluding excluded: [LeafIndex], _ crypto: CryptoContext) -> [UInt8] {
        let range = Self.leafRange(under: index)
        let inside = excluded.filter { range.contains(UInt64($0.value)) }
        guard !inside.isEmpty else { return treeHash(of: index, crypto) }
        if let leaf = index.leafIndex {
            return crypto.hash(Self.leafHashInput(leaf, nil))
        }
        let left = treeHash(of: index.left!, excluding: inside, crypto)
        let right = treeHash(of: index.right!, excluding: inside, crypto)
        var node = storage.node(index.value)
        if case .parent(var parent)? = node {
            parent.unmergedLeaves.removeAll { inside.contains($0) }
            node = .parent(parent)
        }
        return crypto.hash(Self.parentHashInput(node, left: left, right: right))
    }

    static func leafHashInput(_ leaf: LeafIndex, _ node: Node?) -> [UInt8] {
        var writer = WireWriter(capacity: 512)
        NodeType.leaf.encode(to: &writer)
        leaf.encode(to: &writer)
        if case .leaf(let leafNode)? = node {
            writer.writeUInt8(1)
            leafNode.encode(to: &writer)
        } else {
            writer.writeUInt8(0)
        }
        return writer.bytes
    }

    static func parentHashInput(_ node: Node?, left: [UInt8], right: [UInt8]) -> [UInt8] {
        var writer = WireWriter(capacity: 256)
        NodeType.parent.encode(to: &writer)
        if case .parent(let parent)? = node {
            writer.writeUInt8(1)
            parent.encode(to: &writer)
        } else {
            writer.writeUInt8(0)
        }
        writer.writeOpaque(left)
        writer.writeOpaque(right)
        return writer.bytes
    }
}
