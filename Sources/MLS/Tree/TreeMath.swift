// Tree math of RFC 9420 Appendix C: the ratchet tree as an array of nodes, leaves at even indices,
// parents at odd indices, a node's level being the number of trailing one bits of its index.
//
//                              X (3)
//                    __________|__________
//                   /                     \
//                X (1)                   X (5)
//              __|__                   __|__
//             /     \                 /     \
//           A (0)  B (2)            C (4)  D (6)        leaves 0..3 at nodes 0, 2, 4, 6
//
// All functions are pure integer arithmetic, O(1) or O(log n), and total: a node outside the tree
// gives nil (or an empty path) instead of trapping, so indices read from the network are safe to use.

/// The index of a leaf (a member slot) in the ratchet tree; leaf `i` is node `2i` (RFC 9420 §4.1, Appendix C).
public struct LeafIndex: Hashable, Comparable, Sendable, CustomStringConvertible, WireEncodable, WireDecodable {
    /// The leaf's position among the leaves, counted from the left from 0.
    public let value: UInt32

    /// Wraps a leaf position.
    @inlinable
    public init(_ value: UInt32) { self.value = value }

    /// The node index of this leaf: `2 * value`.
    @inlinable
    public var nodeIndex: NodeIndex { NodeIndex(UInt64(value) << 1) }

    /// Orders leaves left to right.
    @inlinable
    public static func < (lhs: LeafIndex, rhs: LeafIndex) -> Bool { lhs.value < rhs.value }

    /// `leaf N`.
    public var description: String { "leaf \(value)" }

    /// Writes the `uint32 leaf_index`.
    @inlinable
    public func encode(to writer: inout WireWriter) { writer.writeUInt32(value) }

    /// Reads a `uint32 leaf_index`.
    @inlinable
    public init(from reader: inout WireReader) throws(CodecError) { value = try reader.readUInt32() }
}

/// The index of a node in the array representation of the ratchet tree (RFC 9420 Appendix C).
///
/// Stored in 64 bits so that the node of every `uint32` leaf index is representable; trees themselves
/// hold at most 2^31 leaves (`TreeSize.maxLeafCount`), so every node inside a tree is below 2^32.
public struct NodeIndex: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The node's position in the array representation.
    public let value: UInt64

    /// Wraps an array position.
    @inlinable
    public init(_ value: UInt64) { self.value = value }

    /// The node of a leaf: `2 * leaf.value`.
    @inlinable
    public init(leaf: LeafIndex) { self = leaf.nodeIndex }

    /// Orders nodes by array position (left to right).
    @inlinable
    public static func < (lhs: NodeIndex, rhs: NodeIndex) -> Bool { lhs.value < rhs.value }

    /// `node N`.
    public var description: String { "node \(value)" }

    /// The level of the node: 0 for leaves, the number of trailing one bits of the index otherwise.
    @inlinable
    public var level: Int { (~value).trailingZeroBitCount }

    /// Whether the node is a leaf (an even index).
    @inlinable
    public var isLeaf: Bool { value & 1 == 0 }

    /// The leaf at this node, or nil for a parent node (or a leaf position beyond `UInt32`).
    @inlinable
    public var leafIndex: LeafIndex? {
        guard isLeaf, let leaf = UInt32(exactly: value >> 1) else { return nil }
        return LeafIndex(leaf)
    }

    /// The left child, or nil for a leaf.
    @inlinable
    public var left: NodeIndex? {
        let k = level
        guard k > 0 else { return nil }
        return NodeIndex(value ^ (1 << (k - 1)))
    }

    /// The right child in a full tree, or nil for a leaf.
    @inlinable
    public var right: NodeIndex? {
        let k = level
        guard k > 0 else { return nil }
        return NodeIndex(value ^ (3 << (k - 1)))
    }

    /// The parent in an unbounded full tree (callers check the root via `TreeSize.parent(of:)`).
    @inlinable
    var unboundedParent: NodeIndex {
        let k = level
        let b = (value >> (k + 1)) & 1
        return NodeIndex((value | (1 << k)) ^ (b << (k + 1)))
    }
}

/// The shape of a full ratchet tree: a power-of-two number of leaves (RFC 9420 §7.8 keeps trees full).
///
/// Functions that need the tree's extent (parent, sibling, paths) live here; they return nil or an empty
/// path for the root and for nodes outside the tree.
public struct TreeSize: Hashable, Sendable, CustomStringConvertible {
    /// The largest leaf count whose nodes all have indices below 2^32.
    public static let maxLeafCount: UInt32 = 1 << 31

    /// The number of leaves: a power of two in 1...2^31.
    public let leafCount: UInt32

    /// A full tree with `leafCount` leaves, or nil unless `leafCount` is a power of two in 1...2^31.
    @inlinable
    public init?(leafCount: UInt32) {
        guard leafCount > 0, leafCount.nonzeroBitCount == 1 else { return nil }
        self.leafCount = leafCount
    }

    /// The smallest full tree with room for `leaves` leaves (one leaf for 0), or nil above 2^31.
    @inlinable
    public init?(coveringLeaves leaves: UInt32) {
        guard leaves <= TreeSize.maxLeafCount else { return nil }
        let count: UInt32 = leaves <= 1 ? 1 : 1 << (32 - (leaves - 1).leadingZeroBitCount)
        self.leafCount = count
    }

    /// `N leaves`.
    public var description: String { "\(leafCount) leaves" }

    /// The number of nodes: `2 * leafCount - 1`.
    @inlinable
    public var nodeWidth: UInt64 { TreeMath.nodeWidth(leafCount: leafCount) }

    /// The level of the root: log2(leafCount).
    @inlinable
    public var depth: Int { leafCount.trailingZeroBitCount }

    /// The root node: `leafCount - 1`.
    @inlinable
    public var root: NodeIndex { NodeIndex(UInt64(leafCount) - 1) }

    /// Whether the node lies inside this tree.
    @inlinable
    public func contains(_ node: NodeIndex) -> Bool { node.value < nodeWidth }

    /// Whether the leaf lies inside this tree.
    @inlinable
    public func contains(_ leaf: LeafIndex) -> Bool { leaf.value < leafCount }

    /// The parent of a node, or nil for the root and for nodes outside the tree.
    @inlinable
    public func parent(of node: NodeIndex) -> NodeIndex? {
        guard contains(node), node != root else { return nil }
        return node.unboundedParent
    }

    /// The other child of the node's parent, or nil for the root and for nodes outside the tree.
    @inlinable
    public func sibling(of node: NodeIndex) -> NodeIndex? {
        guard let parent = parent(of: node) else { return nil }
        return node < parent ? parent.right : parent.left
    }

    /// The node's ancestors from its parent up to the root; empty for the root and for nodes outside the tree.
    public func directPath(of node: NodeIndex) -> [NodeIndex] {
        guard contains(node) else { return [] }
        var path: [NodeIndex] = []
        path.reserveCapacity(depth - node.level)
        var current = node
        while let parent = parent(of: current) {
            path.append(parent)
            current = parent
        }
        return path
    }

    /// The siblings of the node and of each ancestor below the root; empty for the root and outside nodes.
    public func copath(of node: NodeIndex) -> [NodeIndex] {
        guard contains(node) else { return [] }
        var path: [NodeIndex] = []
        path.reserveCapacity(depth - node.level)
        var current = node
        while let sibling = sibling(of: current), let parent = parent(of: current) {
            path.append(sibling)
            current = parent
        }
        return path
    }

    /// The lowest node that is an ancestor of (or equal to) both nodes, or nil when either is outside the tree.
    @inlinable
    public func commonAncestor(_ x: NodeIndex, _ y: NodeIndex) -> NodeIndex? {
        guard contains(x), contains(y) else { return nil }
        return TreeMath.commonAncestor(x, y)
    }
}

/// The free functions of RFC 9420 Appendix C, for callers that think in node counts rather than `TreeSize`.
public enum TreeMath {
    /// The number of nodes of a tree with `leafCount` leaves: 0 for none, `2 * (n - 1) + 1` otherwise.
    @inlinable
    public static func nodeWidth(leafCount: UInt32) -> UInt64 {
        leafCount == 0 ? 0 : 2 * (UInt64(leafCount) - 1) + 1
    }

    /// The root of a tree with `leafCount` leaves: `2^floor(log2(nodeWidth)) - 1` (node 0 for 0 or 1 leaves).
    @inlinable
    public static func root(leafCount: UInt32) -> NodeIndex {
        let width = nodeWidth(leafCount: leafCount)
        guard width > 1 else { return NodeIndex(0) }
        let log2 = 63 - width.leadingZeroBitCount
        return NodeIndex((1 << UInt64(log2)) - 1)
    }

    /// The level of a node (see `NodeIndex.level`).
    @inlinable
    public static func level(_ node: NodeIndex) -> Int { node.level }

    /// Whether a node is a leaf (see `NodeIndex.isLeaf`).
    @inlinable
    public static func isLeaf(_ node: NodeIndex) -> Bool { node.isLeaf }

    /// The lowest common ancestor of two nodes in an unbounded full tree (Appendix C `common_ancestor_direct`).
    @inlinable
    public static func commonAncestor(_ x: NodeIndex, _ y: NodeIndex) -> NodeIndex {
        let lx = x.level + 1, ly = y.level + 1
        if lx <= ly && x.value >> ly == y.value >> ly { return y }
        if ly <= lx && x.value >> lx == y.value >> lx { return x }
        var xn = x.value, yn = y.value, k: UInt64 = 0
        while xn != yn {
            xn >>= 1
            yn >>= 1
            k += 1
        }
        return NodeIndex((xn << k) + (1 << (k - 1)) - 1)
    }
}
