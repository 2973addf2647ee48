/// The public ratchet tree of a group (RFC 9420 §4, §7): leaf and parent nodes in array order (blank
/// nodes are nil), always full (a power-of-two number of leaves), with cached tree hashes.
///
/// A value type on copy-on-write pages: copies share storage until one of them changes, and a change
/// copies only the pages it touches (see `NodeStorage`). Operations that depend on hashes are `mutating`
/// because they fill the hash cache; a commit recomputes only the hashes on its path.
///
/// Private keys are not here: a member's keys live in a separate, small `TreePrivateState`.
public struct RatchetTree: Sendable {
    var storage: NodeStorage
    /// The shape of the tree: its leaf count (a power of two).
    public private(set) var size: TreeSize

    /// A tree of one leaf holding `creator`: the tree of a group just created (§11).
    public init(creator: LeafNode) {
        size = TreeSize(leafCount: 1)!
        storage = NodeStorage(width: 1)
        storage.setNode(0, .leaf(creator))
    }

    /// The tree a `ratchet_tree` extension describes, extended with blank nodes to a full tree.
    ///
    /// Structure only (positions of leaves and parents, a non-blank last node); the contents are checked
    /// by `validate(_:crypto:)`.
    public init(_ nodes: RatchetTreeNodes) throws(MLSError) {
        let leaves = UInt64(nodes.nodes.count + 1) / 2
        guard leaves <= UInt64(TreeSize.maxLeafCount), let size = TreeSize(coveringLeaves: UInt32(leaves)) else {
            throw MLSError(.invalidTree, "ratchet_tree of \(nodes.nodes.count) nodes is too large")
        }
        self.size = size
        storage = NodeStorage(width: size.nodeWidth)
        for (index, node) in nodes.nodes.enumerated() where node != nil {
            storage.setNode(UInt64(index), node)
        }
    }

    /// Decodes an `optional<Node> ratchet_tree<V>`; malformed bytes or trees are `malformed` errors.
    public init(decoding bytes: [UInt8]) throws(MLSError) {
        let nodes: RatchetTreeNodes
        do { nodes = try RatchetTreeNodes.decode(bytes) } catch { throw MLSError(error, context: "ratchet_tree") }
        try self.init(nodes)
    }

    /// The tree as the `ratchet_tree` extension carries it: trailing blank nodes left out.
    ///
    /// Throws `invalidTree` for a tree with no non-blank node (a group always has a member).
    public func ratchetTreeNodes() throws(MLSError) -> RatchetTreeNodes {
        var end = storage.width
        while end > 0, storage.isBlank(end - 1) { end -= 1 }
        guard end > 0 else { throw MLSError(.invalidTree, "the tree has no non-blank node") }
        var nodes: [Node?] = []
        nodes.reserveCapacity(Int(end))
        for index in 0..<end { nodes.append(storage.node(index)) }
        do { return try RatchetTreeNodes(nodes: nodes) } catch { throw MLSError(error, context: "ratchet_tree") }
    }

    /// The encoded `ratchet_tree` (see `ratchetTreeNodes()`).
    public func encoded() throws(MLSError) -> [UInt8] { try ratchetTreeNodes().encoded() }

    // MARK: Reading nodes

    /// The number of leaves (blank or not): a power of two.
    public var leafCount: UInt32 { size.leafCount }

    /// The number of nodes, `2 * leafCount - 1`.
    public var nodeWidth: UInt64 { size.nodeWidth }

    /// The node at `index`, or nil when it is blank or outside the tree.
    public func node(at index: NodeIndex) -> Node? {
        guard size.contains(index) else { return nil }
        return storage.node(index.value)
    }

    /// The leaf node at `leaf`, or nil when it is blank or outside the tree.
    public func leafNode(at leaf: LeafIndex) -> LeafNode? {
        guard case .leaf(let node)? = node(at: leaf.nodeIndex) else { return nil }
        return node
    }

    /// The signature key of the leaf node at `leaf`, or nil when it is blank or outside the tree (the
    /// node itself is not copied).
    public func signatureKey(at leaf: LeafIndex) -> [UInt8]? {
        leafField(at: leaf) { $0.signatureKey }
    }

    /// The credential of the leaf node at `leaf`, or nil when it is blank or outside the tree (the node itself is
    /// not copied).
    public func credential(at leaf: LeafIndex) -> Credential? {
        leafField(at: leaf) { $0.credential }
    }

    /// `read` of the leaf node at `leaf`, or nil when it is blank or outside the tree (the node is not copied).
    func leafField<T>(at leaf: LeafIndex, _ read: (borrowing LeafNode) -> T) -> T? {
        let index = leaf.nodeIndex
        guard size.contains(index) else { return nil }
        return storage.leafField(index.value, read)
    }

    /// The parent node at `index`, or nil when it is blank, a leaf position or outside the tree.
    public func parentNode(at index: NodeIndex) -> ParentNode? {
        guard case .parent(let node)? = node(at: index) else { return nil }
        return node
    }

    /// Whether the node is blank (nodes outside the tree count as blank).
    public func isBlank(_ index: NodeIndex) -> Bool { !size.contains(index) || storage.isBlank(index.value) }

    /// The leaves holding a member, left to right (from the pages' occupancy bits, no node is read).
    public var occupiedLeaves: [LeafIndex] { storage.occupiedLeaves.map(LeafIndex.init) }

    /// The number of members (non-blank leaves): a sum of per-page counts.
    public var memberCount: Int { storage.occupiedLeafCount }

    /// The HPKE public key of a non-blank node.
    public func encryptionKey(at index: NodeIndex) -> [UInt8]? {
        guard size.contains(index) else { return nil }
        return storage.encryptionKey(index.value)
    }

    /// The first leaf whose leaf node equals `leafNode` (how a joiner finds itself, §12.4.3.1). Only
    /// leaves whose signature-key fingerprint matches are read.
    public func leafIndex(of leafNode: LeafNode) -> LeafIndex? {
        let signatureKey = KeyFingerprint.of(leafNode.signatureKey)
        for (firstLeaf, page) in storage.leafPages {
            for (offset, fingerprint) in page.summary.signatureKeys.enumerated() where fingerprint == signatureKey {
                if case .leaf(let node)? = page.slots[offset * 2].node, node == leafNode { return LeafIndex(firstLeaf + UInt32(offset)) }
            }
        }
        return nil
    }

    // MARK: Writing nodes (package: the operations in RatchetTree+Membership and TreeKEM use these)

    /// Sets a node and clears the cached hashes of it and all its ancestors (see `NodeStorage`).
    mutating func setNode(_ index: NodeIndex, _ node: Node?) {
        storage.setNode(index.value, node)
        for ancestor in size.directPath(of: index) {
            storage.setTreeHash(ancestor.value, nil)
        }
    }

    /// Changes a non-blank parent node in place (and clears the hashes above it).
    mutating func updateParent(_ index: NodeIndex, _ body: (inout ParentNode) -> Void) {
        guard var parent = parentNode(at: index) else { return }
        body(&parent)
        setNode(index, .parent(parent))
    }

    /// Changes the tree's size; hashes of surviving nodes stay valid (their subtrees do not change).
    mutating func resize(to newSize: TreeSize) {
        storage.resize(to: newSize.nodeWidth)
        size = newSize
    }
}

extension RatchetTree: Equatable {
    /// Equal when both trees have the same size and nodes (cached hashes are not compared).
    public static func == (lhs: RatchetTree, rhs: RatchetTree) -> Bool {
        lhs.size == rhs.size && lhs.storage.hasSameNodes(as: rhs.storage)
    }
}

extension RatchetTree {
    /// How many storage pages this tree shares with `other` by reference (memory-sharing diagnostics).
    public func sharedPageCount(with other: RatchetTree) -> Int { storage.sharedPageCount(with: other.storage) }

    /// How many storage pages this tree holds.
    public var pageCount: Int { storage.pageCount }

    /// Replaces this tree's pages by `other`'s wherever they hold the same nodes, so that members who
    /// built equal trees independently (each applying the same commit) end up sharing one copy.
    public mutating func shareStorage(with other: RatchetTree) {
        guard size == other.size else { return }
        storage.adoptEqualPages(of: other.storage)
    }
}
