/// Adding, updating and removing members (RFC 9420 §7.7, §12.1.1–12.1.3).
///
/// These change only the public tree; each validates its arguments first and throws `invalidTree` or
/// `invalidProposal` without changing anything.
extension RatchetTree {
    /// The leftmost blank leaf, or nil when every leaf holds a member (the first page with a blank leaf).
    public var leftmostBlankLeaf: LeafIndex? {
        storage.leftmostBlankLeaf.map(LeafIndex.init)
    }

    /// Adds a member (§12.1.1): the leftmost blank leaf, or the first new leaf after doubling the tree;
    /// the leaf is recorded as unmerged at every non-blank parent above it. Returns the leaf used.
    @discardableResult
    public mutating func addLeaf(_ leafNode: LeafNode) throws(MLSError) -> LeafIndex {
        let leaf: LeafIndex
        if let blank = leftmostBlankLeaf {
            leaf = blank
        } else {
            guard leafCount < TreeSize.maxLeafCount, let doubled = TreeSize(leafCount: leafCount * 2) else {
                throw MLSError(.invalidTree, "the tree is full at \(leafCount) leaves")
            }
            leaf = LeafIndex(leafCount)
            resize(to: doubled)
        }
        for parent in size.directPath(of: leaf.nodeIndex) where !isBlank(parent) {
            updateParent(parent) { $0.unmergedLeaves.append(leaf) }
        }
        setNode(leaf.nodeIndex, .leaf(leafNode))
        return leaf
    }

    /// Replaces a member's leaf node and blanks its direct path (§12.1.2, Update proposals).
    public mutating func updateLeaf(_ leaf: LeafIndex, with leafNode: LeafNode) throws(MLSError) {
        guard self.leafNode(at: leaf) != nil else {
            throw MLSError(.invalidProposal, "update of \(leaf), which is blank or outside the tree")
        }
        setNode(leaf.nodeIndex, .leaf(leafNode))
        blankDirectPath(of: leaf)
    }

    /// Removes a member (§12.1.3): blanks the leaf and its direct path, then truncates the tree.
    public mutating func removeLeaf(_ leaf: LeafIndex) throws(MLSError) {
        guard leafNode(at: leaf) != nil else {
            throw MLSError(.invalidProposal, "remove of \(leaf), which is blank or outside the tree")
        }
        setNode(leaf.nodeIndex, nil)
        blankDirectPath(of: leaf)
        truncate()
    }

    /// Blanks every parent node on the leaf's direct path.
    public mutating func blankDirectPath(of leaf: LeafIndex) {
        for parent in size.directPath(of: leaf.nodeIndex) where !isBlank(parent) {
            setNode(parent, nil)
        }
    }

    /// Halves the tree while its right half holds no member (§7.7, §12.1.3), down to one leaf.
    public mutating func truncate() {
        while leafCount > 1, let half = TreeSize(leafCount: leafCount / 2) {
            guard !storage.hasOccupiedLeaf(in: half.leafCount..<leafCount) else { return }
            // The right half goes, and the root with it (blank or not, §7.7).
            resize(to: half)
        }
    }
}
