// Copy-on-write, paged storage of the ratchet tree's nodes and their cached tree hashes.
//
// A simulation holds one copy of the public tree per member; equal trees must not cost N times the
// memory, and a commit must not copy the whole tree. Nodes live in pages (final classes) that trees
// share until one of them writes: a write copies only the page it touches.
//
// Layout: node indices are cut into blocks of 64. The first 63 indices of block j (64j ... 64j+62) are
// exactly the nodes of the full subtree of leaves 32j ... 32j+31, and live in lower page j. The 64th
// index (64j+63) is a node of level 6 or more; those few nodes live together in one upper page. A
// commit from a leaf rewrites its own subtree page and the upper page: two page copies, whatever the
// group size. The array of page references itself is copied too (one pointer per 32 leaves).
//
// Cached tree hashes live beside their nodes. Invariant (kept by `RatchetTree`): whenever a node
// changes, its slot and the slots of all its ancestors are written (their hashes cleared) through
// `mutate`, so every page a tree shares with another holds only nodes whose whole subtrees are equal in
// both, and their cached hashes are valid for both.

/// One node position: the node (nil when blank) and the cached tree hash of the subtree below it.
struct NodeSlot: Sendable {
    /// The node, or nil for a blank node.
    var node: Node?
    /// The tree hash of the subtree rooted here, or nil when not computed since the subtree last changed.
    var treeHash: [UInt8]?
}

/// A block of node slots shared between trees; written only when uniquely referenced (or freshly copied).
final class NodePage: @unchecked Sendable {
    /// The slots of this page.
    var slots: [NodeSlot]

    init(blankSlots count: Int) {
        slots = Array(repeating: NodeSlot(node: nil, treeHash: nil), count: count)
    }

    init(slots: [NodeSlot]) { self.slots = slots }

    /// Whether both pages hold the same nodes (hashes are derived data and are not compared).
    func hasSameNodes(as other: NodePage) -> Bool {
        guard slots.count == other.slots.count else { return false }
        for index in slots.indices where slots[index].node != other.slots[index].node { return false }
        return true
    }

    /// Whether this page has a cached hash in every slot where `other` has one.
    func cachesAtLeast(_ other: NodePage) -> Bool {
        for index in slots.indices where slots[index].treeHash == nil && other.slots[index].treeHash != nil { return false }
        return true
    }
}

/// The node array of a ratchet tree, paged for sharing (see the file comment).
struct NodeStorage: Sendable {
    /// Node indices per block: 63 lower slots and one upper node.
    static let blockWidth: UInt64 = 64

    private(set) var lower: [NodePage]
    private(set) var upper: NodePage
    /// The number of nodes, `2 * leafCount - 1`.
    private(set) var width: UInt64

    /// Storage of `width` blank nodes.
    init(width: UInt64) {
        self.width = 0
        lower = []
        upper = NodePage(blankSlots: 0)
        resize(to: width)
    }

    /// Where node `index` lives: (page, slot), page nil meaning the upper page.
    @inline(__always)
    private static func location(_ index: UInt64) -> (page: Int?, slot: Int) {
        let block = Int(index / blockWidth), offset = Int(index % blockWidth)
        return offset == Int(blockWidth - 1) ? (nil, block) : (block, offset)
    }

    /// The slot of node `index` (which must be below `width`).
    subscript(index: UInt64) -> NodeSlot {
        let (page, slot) = Self.location(index)
        if let page { return lower[page].slots[slot] }
        return upper.slots[slot]
    }

    /// Changes the slot of node `index`, copying its page first when another tree shares it.
    mutating func mutate(_ index: UInt64, _ body: (inout NodeSlot) -> Void) {
        let (page, slot) = Self.location(index)
        if let page {
            if !isKnownUniquelyReferenced(&lower[page]) { lower[page] = NodePage(slots: lower[page].slots) }
            body(&lower[page].slots[slot])
        } else {
            if !isKnownUniquelyReferenced(&upper) { upper = NodePage(slots: upper.slots) }
            body(&upper.slots[slot])
        }
    }

    /// Grows (with blank nodes) or shrinks the storage to `newWidth` nodes.
    mutating func resize(to newWidth: UInt64) {
        let pageCount = Int((newWidth + Self.blockWidth - 1) / Self.blockWidth)
        if lower.count > pageCount { lower.removeLast(lower.count - pageCount) }
        for page in 0..<pageCount {
            let start = UInt64(page) * Self.blockWidth
            let wanted = Int(min(Self.blockWidth - 1, newWidth - start))
            if page >= lower.count {
                lower.append(NodePage(blankSlots: wanted))
            } else if lower[page].slots.count != wanted {
                var slots = lower[page].slots
                if slots.count > wanted {
                    slots.removeLast(slots.count - wanted)
                } else {
                    slots.append(contentsOf: repeatElement(NodeSlot(node: nil, treeHash: nil), count: wanted - slots.count))
                }
                lower[page] = NodePage(slots: slots)
            }
        }
        // Upper nodes are the indices 64j + 63 below the width.
        let wantedUpper = newWidth >= Self.blockWidth ? Int((newWidth - Self.blockWidth) / Self.blockWidth) + 1 : 0
        if upper.slots.count != wantedUpper {
            var slots = upper.slots
            if slots.count > wantedUpper {
                slots.removeLast(slots.count - wantedUpper)
            } else {
                slots.append(contentsOf: repeatElement(NodeSlot(node: nil, treeHash: nil), count: wantedUpper - slots.count))
            }
            upper = NodePage(slots: slots)
        }
        width = newWidth
    }

    /// The number of pages (lower and upper) this storage shares by reference with `other`.
    func sharedPageCount(with other: NodeStorage) -> Int {
        var shared = zip(lower, other.lower).filter { $0 === $1 }.count
        if upper === other.upper, !upper.slots.isEmpty { shared += 1 }
        return shared
    }

    /// The number of pages (lower, plus the upper page when it holds nodes).
    var pageCount: Int { lower.count + (upper.slots.isEmpty ? 0 : 1) }

    /// Whether both storages hold the same nodes; pages shared by reference are not compared.
    func hasSameNodes(as other: NodeStorage) -> Bool {
        guard width == other.width, lower.count == other.lower.count else { return false }
        for (a, b) in zip(lower, other.lower) where a !== b && !a.hasSameNodes(as: b) { return false }
        return upper === other.upper || upper.hasSameNodes(as: other.upper)
    }

    /// Adopts `other`'s pages wherever they hold the same nodes (and at least the same cached hashes).
    ///
    /// A lower page is a closed subtree, so equal nodes mean equal hashes. The upper page's hashes depend
    /// on every page, so it is adopted only when all lower pages were adopted (the whole trees are equal).
    mutating func adoptEqualPages(of other: NodeStorage) {
        guard width == other.width, lower.count == other.lower.count else { return }
        var allShared = true
        for page in lower.indices {
            let mine = lower[page], theirs = other.lower[page]
            if mine === theirs { continue }
            if mine.hasSameNodes(as: theirs) && theirs.cachesAtLeast(mine) {
                lower[page] = theirs
            } else {
                allShared = false
            }
        }
        if allShared, upper !== other.upper, upper.hasSameNodes(as: other.upper), other.upper.cachesAtLeast(upper) {
            upper = other.upper
        }
    }
}
