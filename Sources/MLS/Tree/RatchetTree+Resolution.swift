/// Resolutions, filtered direct paths and subtree ranges (RFC 9420 §4.1.1, §4.1.2).
extension RatchetTree {
    /// The resolution of a node: the node itself followed by its unmerged leaves when it is not blank,
    /// nothing for a blank leaf, the resolutions of both children for a blank parent (§4.1.1).
    public func resolution(of index: NodeIndex) -> [NodeIndex] {
        var out: [NodeIndex] = []
        appendResolution(of: index, to: &out)
        return out
    }

    private func appendResolution(of index: NodeIndex, to out: inout [NodeIndex]) {
        guard size.contains(index) else { return }
        if storage.isBlank(index.value) {
            // A blank 32-leaf subtree is one lower page: when none of its parents is set, its resolution
            // is its occupied leaves, read from the page's occupancy bits.
            if index.level == 5, storage.appendLeavesOfLeavesOnlyPage(ofSubtree: index.value, to: &out) { return }
            guard let left = index.left, let right = index.right else { return }
            appendResolution(of: left, to: &out)
            appendResolution(of: right, to: &out)
            return
        }
        out.append(index)
        // Leaves sit at even indices, parents at odd ones (`RatchetTreeNodes`); a leaf needs no read.
        if !index.isLeaf, case .parent(let parent)? = storage.node(index.value) {
            out.append(contentsOf: parent.unmergedLeaves.map(\.nodeIndex))
        }
    }

    /// Whether the resolution of a node is empty: every node of its subtree is blank.
    public func resolutionIsEmpty(_ index: NodeIndex) -> Bool {
        guard size.contains(index) else { return true }
        if !storage.isBlank(index.value) { return false }
        // A subtree of 32 leaves or more is whole pages: their counts answer without visiting nodes.
        if index.level >= 5 { return storage.subtreeIsBlank(index.value, level: Int(index.level)) }
        guard let left = index.left, let right = index.right else { return true }
        return resolutionIsEmpty(left) && resolutionIsEmpty(right)
    }

    /// The leaf's direct path, each node paired with its child on the leaf's copath, from the leaf up.
    public func directPathWithCopath(of leaf: LeafIndex) -> [(node: NodeIndex, copathChild: NodeIndex)] {
        let start = leaf.nodeIndex
        return Array(zip(size.directPath(of: start), size.copath(of: start))).map { (node: $0.0, copathChild: $0.1) }
    }

    /// The filtered direct path of a leaf (§4.1.2): its direct path without the nodes whose copath child
    /// has an empty resolution, each with that copath child, from the leaf up.
    public func filteredDirectPath(of leaf: LeafIndex) -> [(node: NodeIndex, copathChild: NodeIndex)] {
        directPathWithCopath(of: leaf).filter { !resolutionIsEmpty($0.copathChild) }
    }

    /// The leaves below a node, as a half-open range of leaf positions.
    static func leafRange(under index: NodeIndex) -> Range<UInt64> {
        let level = UInt64(index.level)
        let first = (index.value >> (level + 1)) << level
        return first..<(first + (1 << level))
    }

    /// Whether `leaf` lies in the subtree under `index`.
    static func subtree(_ index: NodeIndex, contains leaf: LeafIndex) -> Bool {
        leafRange(under: index).contains(UInt64(leaf.value))
    }
}
