import MLS

/// One entry of `tree-math.json` (mlswg/mls-implementations `test-vectors.md`, "Tree Math"):
/// the node count, root, and every node's left child, right child, parent and sibling for a tree size.
public struct TreeMathVector: TestVector {
    /// The number of leaves.
    public let n_leaves: UInt32
    /// The expected number of nodes.
    public let n_nodes: UInt32
    /// The expected root node.
    public let root: UInt32
    /// The expected left child of each node (null for leaves).
    public let left: [UInt32?]
    /// The expected right child of each node (null for leaves).
    public let right: [UInt32?]
    /// The expected parent of each node (null for the root).
    public let parent: [UInt32?]
    /// The expected sibling of each node (null for the root).
    public let sibling: [UInt32?]

    /// Tree-math vectors have no cipher suite.
    public var suite: UInt16? { nil }

    /// Recomputes every field with `TreeSize` / `NodeIndex` and compares.
    public func verify() -> VectorVerdict {
        guard let size = TreeSize(leafCount: n_leaves) else {
            return .failed("n_leaves \(n_leaves) is not a power of two in 1...2^31 (RFC 9420 trees are full)")
        }
        let width = size.nodeWidth
        if let why = check("n_nodes", UInt64(n_nodes), width)
            ?? check("n_nodes (TreeMath.nodeWidth)", UInt64(n_nodes), TreeMath.nodeWidth(leafCount: n_leaves))
            ?? check("root", UInt64(root), size.root.value)
            ?? check("root (TreeMath.root)", UInt64(root), TreeMath.root(leafCount: n_leaves).value) {
            return .failed(why)
        }
        for (name, expected) in [("left", left), ("right", right), ("parent", parent), ("sibling", sibling)] {
            if let why = check("\(name).count", UInt64(expected.count), width) { return .failed(why) }
        }
        for i in 0..<width {
            let node = NodeIndex(i)
            let index = Int(i)
            if let why = check("left[\(i)]", left[index].map(UInt64.init), node.left?.value)
                ?? check("right[\(i)]", right[index].map(UInt64.init), node.right?.value)
                ?? check("parent[\(i)]", parent[index].map(UInt64.init), size.parent(of: node)?.value)
                ?? check("sibling[\(i)]", sibling[index].map(UInt64.init), size.sibling(of: node)?.value) {
                return .failed(why)
            }
        }
        return .passed
    }
}
