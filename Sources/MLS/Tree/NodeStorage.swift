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
// Each page keeps a summary of its nodes (`PageSummary`: keys, credential types, occupied leaves), so
// the checks a commit makes against the whole tree cost a few hash lookups per page, not a node scan.
//
// Cached tree hashes live beside their nodes. Invariant (kept by `RatchetTree`): whenever a node
// changes, its slot and the slots of all its ancestors are written (their hashes cleared) through
// `setNode` and `setTreeHash`, so every page a tree shares with another holds only nodes whose whole subtrees are equal in
// both, and their cached hashes are valid for both.

/// One node position: the node (nil when blank) and the cached tree hash of the subtree below it.
struct NodeSlot: Sendable {
    /// The node, or nil for a blank node.
    var node: Node?
    /// The tree hash of the subtree rooted here, or nil when not computed since the subtree last changed.
    var treeHash: [UInt8]?
}

/// A 64-bit digest of a key, never 0 (0 marks a blank position in a summary). Equal keys have equal
/// fingerprints; a fingerprint match is only a hint, always confirmed on the key bytes themselves.
enum KeyFingerprint {
    static func of(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(truncatingIfNeeded: bytes.count)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + 8 <= raw.count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x0000_0100_0000_01B3
                h ^= h >> 29
                offset += 8
            }
            while offset < raw.count {
                h = (h ^ UInt64(raw[offset])) &* 0x0000_0100_0000_01B3
                offset += 1
            }
        }
        // SplitMix64's finaliser spreads every input bit over the word.
        h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 31
        return h == 0 ? 1 : h
    }
}

/// A few fingerprints in an open-addressing table: one probe (usually) per membership test.
struct FingerprintSet {
    private var table: [UInt64]
    private let mask: Int

    init(_ fingerprints: [UInt64]) {
        var capacity = 8
        while capacity < 4 * fingerprints.count { capacity *= 2 }
        table = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        for fingerprint in fingerprints where !contains(fingerprint) {
            var slot = Int(truncatingIfNeeded: fingerprint >> 32) & mask
            while table[slot] != 0 { slot = (slot + 1) & mask }
            table[slot] = fingerprint
        }
    }

    /// Whether `fingerprint` (never 0) is in the set.
    @inline(__always)
    func contains(_ fingerprint: UInt64) -> Bool {
        var slot = Int(truncatingIfNeeded: fingerprint >> 32) & mask
        while true {
            let entry = table[slot]
            if entry == fingerprint { return true }
            if entry == 0 { return false }
            slot = (slot + 1) & mask
        }
    }
}

/// What a page holds, summarised so that tree-wide questions (is this key used? does every member
/// support this credential type? where is the first blank leaf?) cost a few cheap steps per page instead
/// of a scan of every node. Kept exact on every node write (`NodePage.setNode`); a function of the page's
/// nodes only, so pages shared between trees share their summaries too.
struct PageSummary: Sendable, Equatable {
    /// The fingerprint of each slot's encryption key (leaf or parent), 0 for a blank slot.
    var encryptionKeys: [UInt64]
    /// The fingerprint of each leaf's signature key, 0 for a blank leaf (empty for the upper page).
    var signatureKeys: [UInt64]
    /// Credential types of the non-blank leaves, with how many leaves use each.
    var credentialTypes: [CredentialType: Int] = [:]
    /// For each credential type some leaf lists in its capabilities, how many non-blank leaves list it.
    var supportedCredentialTypes: [CredentialType: Int] = [:]
    /// Bit i set when the page's i-th leaf is non-blank (lower pages only; the upper page holds no leaf).
    var occupiedLeaves: UInt32 = 0
    /// The number of non-blank nodes.
    var nonBlankCount = 0

    /// The number of non-blank leaves.
    var occupiedLeafCount: Int { occupiedLeaves.nonzeroBitCount }

    /// The summary of `slots` computed from scratch (`leafSlots`: whether even offsets are leaves).
    init(slots: [NodeSlot], leafSlots: Bool) {
        encryptionKeys = Array(repeating: 0, count: slots.count)
        signatureKeys = Array(repeating: 0, count: leafSlots ? (slots.count + 1) / 2 : 0)
        for (offset, slot) in slots.enumerated() where slot.node != nil {
            replace(slot: offset, old: nil, new: slot.node, leafSlots: leafSlots)
        }
    }

    /// Accounts for the node at `slot` changing from `old` to `new`.
    mutating func replace(slot: Int, old: Node?, new: Node?, leafSlots: Bool) {
        let leafBit = leafSlots && slot % 2 == 0 ? slot / 2 : nil
        if let old { count(old, -1, leafBit: leafBit) }
        if let new { count(new, 1, leafBit: leafBit) }
        switch new {
        case .parent(let parent)?:
            encryptionKeys[slot] = KeyFingerprint.of(parent.encryptionKey)
        case .leaf(let leaf)?:
            encryptionKeys[slot] = KeyFingerprint.of(leaf.encryptionKey)
            if let leafBit { signatureKeys[leafBit] = KeyFingerprint.of(leaf.signatureKey) }
        case nil:
            encryptionKeys[slot] = 0
            if let leafBit { signatureKeys[leafBit] = 0 }
        }
    }

    /// Counts `node` in (`delta` 1) or out (`delta` -1): node count, credential types, occupancy.
    private mutating func count(_ node: Node, _ delta: Int, leafBit: Int?) {
        nonBlankCount += delta
        guard case .leaf(let leaf) = node else { return }
        Self.bump(&credentialTypes, leaf.credential.credentialType, delta)
        let supported = leaf.capabilities.credentials
        for (position, type) in supported.enumerated() where !supported[..<position].contains(type) {
            Self.bump(&supportedCredentialTypes, type, delta)
        }
        if let leafBit {
            if delta > 0 { occupiedLeaves |= 1 << UInt32(leafBit) } else { occupiedLeaves &= ~(1 << UInt32(leafBit)) }
        }
    }

    private static func bump(_ counts: inout [CredentialType: Int], _ key: CredentialType, _ delta: Int) {
        let updated = counts[key, default: 0] + delta
        counts[key] = updated > 0 ? updated : nil
    }
}

/// A block of node slots shared between trees; written only when uniquely referenced (or freshly copied).
final class NodePage: @unchecked Sendable {
    /// The slots of this page.
    private(set) var slots: [NodeSlot]
    /// The summary of the nodes in `slots`.
    private(set) var summary: PageSummary
    /// Whether even slot offsets hold leaves (lower pages) or no slot does (the upper page).
    let holdsLeaves: Bool

    init(blankSlots count: Int, holdsLeaves: Bool) {
        slots = Array(repeating: NodeSlot(node: nil, treeHash: nil), count: count)
        summary = PageSummary(slots: slots, leafSlots: holdsLeaves)
        self.holdsLeaves = holdsLeaves
    }

    init(slots: [NodeSlot], holdsLeaves: Bool) {
        self.slots = slots
        summary = PageSummary(slots: slots, leafSlots: holdsLeaves)
        self.holdsLeaves = holdsLeaves
    }

    /// A private copy of `other` (its summary is copied, not recomputed).
    init(copying other: NodePage) {
        slots = other.slots
        summary = other.summary
        holdsLeaves = other.holdsLeaves
    }

    /// Sets the node at `slot` (keeping the summary exact) and clears its cached hash.
    func setNode(_ slot: Int, _ node: Node?) {
        summary.replace(slot: slot, old: slots[slot].node, new: node, leafSlots: holdsLeaves)
        slots[slot].node = node
        slots[slot].treeHash = nil
    }

    /// `read` of the leaf node at `slot`, nil when blank or a parent (the node is not copied).
    @inline(__always)
    func leafField<T>(_ slot: Int, _ read: (borrowing LeafNode) -> T) -> T? {
        slots.withUnsafeBufferPointer { slots in
            if case .leaf(let leaf)? = slots[slot].node { return read(leaf) }
            return nil
        }
    }

    /// The encryption key of the node at `slot`, nil when blank (the node is not copied).
    @inline(__always)
    func encryptionKey(_ slot: Int) -> [UInt8]? {
        slots.withUnsafeBufferPointer { slots in
            switch slots[slot].node {
            case .leaf(let leaf)?: leaf.encryptionKey
            case .parent(let parent)?: parent.encryptionKey
            case nil: nil
            }
        }
    }

    /// Sets the cached tree hash at `slot`.
    func setTreeHash(_ slot: Int, _ hash: [UInt8]?) {
        slots[slot].treeHash = hash
    }

    /// The number of leaf positions in this page.
    var leafCapacity: Int { holdsLeaves ? (slots.count + 1) / 2 : 0 }

    /// Whether both pages hold the same nodes (hashes are derived data and are not compared).
    func hasSameNodes(as other: NodePage) -> Bool {
        guard slots.count == other.slots.count, summary.nonBlankCount == other.summary.nonBlankCount,
              summary.occupiedLeaves == other.summary.occupiedLeaves else { return false }
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
    /// Leaves per lower page.
    static let leavesPerPage: UInt32 = 32

    private(set) var lower: [NodePage]
    private(set) var upper: NodePage
    /// The number of nodes, `2 * leafCount - 1`.
    private(set) var width: UInt64

    /// Storage of `width` blank nodes.
    init(width: UInt64) {
        self.width = 0
        lower = []
        upper = NodePage(blankSlots: 0, holdsLeaves: false)
        resize(to: width)
    }

    /// Where node `index` lives: (page, slot), page nil meaning the upper page.
    @inline(__always)
    private static func location(_ index: UInt64) -> (page: Int?, slot: Int) {
        let block = Int(index / blockWidth), offset = Int(index % blockWidth)
        return offset == Int(blockWidth - 1) ? (nil, block) : (block, offset)
    }

    /// The node index of `slot` in lower page `page`.
    @inline(__always)
    static func nodeIndex(lowerPage page: Int, slot: Int) -> UInt64 { UInt64(page) * blockWidth + UInt64(slot) }

    /// The node index of `slot` in the upper page.
    @inline(__always)
    static func nodeIndex(upperSlot slot: Int) -> UInt64 { UInt64(slot) * blockWidth + blockWidth - 1 }

    /// The slot of node `index` (which must be below `width`).
    subscript(index: UInt64) -> NodeSlot {
        let (page, slot) = Self.location(index)
        if let page { return lower[page].slots[slot] }
        return upper.slots[slot]
    }

    /// The node at `index` (which must be below `width`), nil when blank.
    @inline(__always)
    func node(_ index: UInt64) -> Node? {
        let (page, slot) = Self.location(index)
        if let page { return lower[page].slots[slot].node }
        return upper.slots[slot].node
    }

    /// `read` of the leaf node at `index` (which must be below `width`), without copying the node.
    @inline(__always)
    func leafField<T>(_ index: UInt64, _ read: (borrowing LeafNode) -> T) -> T? {
        let (page, slot) = Self.location(index)
        if let page { return lower[page].leafField(slot, read) }
        return upper.leafField(slot, read)
    }

    /// The encryption key of the node at `index` (which must be below `width`), without copying the node.
    @inline(__always)
    func encryptionKey(_ index: UInt64) -> [UInt8]? {
        let (page, slot) = Self.location(index)
        if let page { return lower[page].encryptionKey(slot) }
        return upper.encryptionKey(slot)
    }

    /// Whether the node at `index` (which must be below `width`) is blank, without copying it.
    @inline(__always)
    func isBlank(_ index: UInt64) -> Bool {
        let (page, slot) = Self.location(index)
        if let page {
            if case .none = lower[page].slots[slot].node { return true }
            return false
        }
        if case .none = upper.slots[slot].node { return true }
        return false
    }

    /// The cached tree hash at `index` (which must be below `width`).
    @inline(__always)
    func treeHash(_ index: UInt64) -> [UInt8]? {
        let (page, slot) = Self.location(index)
        if let page { return lower[page].slots[slot].treeHash }
        return upper.slots[slot].treeHash
    }

    /// The page of node `index`, copied first when another tree shares it.
    @inline(__always)
    private mutating func writablePage(_ page: Int?) -> NodePage {
        if let page {
            if !isKnownUniquelyReferenced(&lower[page]) { lower[page] = NodePage(copying: lower[page]) }
            return lower[page]
        }
        if !isKnownUniquelyReferenced(&upper) { upper = NodePage(copying: upper) }
        return upper
    }

    /// Sets node `index` and clears its cached hash, copying its page first when another tree shares it.
    mutating func setNode(_ index: UInt64, _ node: Node?) {
        let (page, slot) = Self.location(index)
        writablePage(page).setNode(slot, node)
    }

    /// Sets the cached hash of node `index`, copying its page first when another tree shares it.
    mutating func setTreeHash(_ index: UInt64, _ hash: [UInt8]?) {
        let (page, slot) = Self.location(index)
        if hash == nil {
            // Clearing an absent hash is no write: do not copy a shared page for it.
            if let page { if lower[page].slots[slot].treeHash == nil { return } } else if upper.slots[slot].treeHash == nil { return }
        }
        writablePage(page).setTreeHash(slot, hash)
    }

    /// Grows (with blank nodes) or shrinks the storage to `newWidth` nodes.
    mutating func resize(to newWidth: UInt64) {
        let pageCount = Int((newWidth + Self.blockWidth - 1) / Self.blockWidth)
        if lower.count > pageCount { lower.removeLast(lower.count - pageCount) }
        for page in 0..<pageCount {
            let start = UInt64(page) * Self.blockWidth
            let wanted = Int(min(Self.blockWidth - 1, newWidth - start))
            if page >= lower.count {
                lower.append(NodePage(blankSlots: wanted, holdsLeaves: true))
            } else if lower[page].slots.count != wanted {
                var slots = lower[page].slots
                if slots.count > wanted {
                    slots.removeLast(slots.count - wanted)
                } else {
                    slots.append(contentsOf: repeatElement(NodeSlot(node: nil, treeHash: nil), count: wanted - slots.count))
                }
                lower[page] = NodePage(slots: slots, holdsLeaves: true)
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
            upper = NodePage(slots: slots, holdsLeaves: false)
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

// MARK: Tree-wide questions answered from the page summaries

extension NodeStorage {
    /// The number of non-blank leaves.
    var occupiedLeafCount: Int { lower.reduce(0) { $0 + $1.summary.occupiedLeafCount } }

    /// The non-blank leaves, left to right.
    var occupiedLeaves: [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(occupiedLeafCount)
        for (page, storage) in lower.enumerated() {
            var mask = storage.summary.occupiedLeaves
            let base = UInt32(page) * Self.leavesPerPage
            while mask != 0 {
                out.append(base + UInt32(mask.trailingZeroBitCount))
                mask &= mask - 1
            }
        }
        return out
    }

    /// The leftmost blank leaf, or nil when every leaf is non-blank.
    var leftmostBlankLeaf: UInt32? {
        for (page, storage) in lower.enumerated() {
            let capacity = storage.leafCapacity
            let full: UInt32 = capacity >= 32 ? .max : (1 << UInt32(capacity)) - 1
            let blank = ~storage.summary.occupiedLeaves & full
            if blank != 0 { return UInt32(page) * Self.leavesPerPage + UInt32(blank.trailingZeroBitCount) }
        }
        return nil
    }

    /// Whether some leaf in `leaves` (positions below the leaf count) is non-blank.
    func hasOccupiedLeaf(in leaves: Range<UInt32>) -> Bool {
        let firstPage = Int(leaves.lowerBound / Self.leavesPerPage), lastPage = Int((leaves.upperBound &- 1) / Self.leavesPerPage)
        guard !leaves.isEmpty, firstPage < lower.count else { return false }
        for page in firstPage...min(lastPage, lower.count - 1) {
            let base = UInt32(page) * Self.leavesPerPage
            let from = max(leaves.lowerBound, base) - base, to = min(leaves.upperBound, base + Self.leavesPerPage) - base
            let width = to - from
            let mask: UInt32 = (width >= 32 ? .max : (1 << width) - 1) << from
            if lower[page].summary.occupiedLeaves & mask != 0 { return true }
        }
        return false
    }

    /// Whether every node of the subtree of level `level` (≥ 5) rooted at `index` is blank, from the
    /// page counts: such a subtree is a run of whole lower pages and the upper nodes between them.
    func subtreeIsBlank(_ index: UInt64, level: Int) -> Bool {
        let first = (index >> UInt64(level + 1)) << UInt64(level + 1)   // leftmost node of the subtree
        let pages = 1 << (level - 5)
        let firstPage = Int(first / Self.blockWidth)
        for page in firstPage..<(firstPage + pages) {
            if lower[page].summary.nonBlankCount != 0 { return false }
            // The upper node after each page but the last lies inside the subtree.
            if page != firstPage + pages - 1, upper.slots[page].node != nil { return false }
        }
        return true
    }

    /// The lowest node index, other than `excluded`, whose node's encryption key is one of `keys`: the
    /// pages' key fingerprints point at the candidate slots, whose keys are then compared.
    func firstNode(withEncryptionKeyIn keys: [[UInt8]], excluding excluded: UInt64? = nil) -> UInt64? {
        guard !keys.isEmpty else { return nil }
        let fingerprints = FingerprintSet(keys.map(KeyFingerprint.of))
        var best: UInt64?
        func search(_ page: NodePage, _ nodeIndex: (Int) -> UInt64) {
            let summary = page.summary
            for slot in summary.encryptionKeys.indices {
                let fingerprint = summary.encryptionKeys[slot]
                guard fingerprint != 0, fingerprints.contains(fingerprint) else { continue }
                let index = nodeIndex(slot)
                if index == excluded { continue }
                if let best, index >= best { continue }
                let key: [UInt8]
                switch page.slots[slot].node {
                case .leaf(let leaf)?: key = leaf.encryptionKey
                case .parent(let parent)?: key = parent.encryptionKey
                case nil: continue
                }
                if keys.contains(key) { best = index }
            }
        }
        for (number, page) in lower.enumerated() where page.summary.nonBlankCount != 0 {
            search(page) { Self.nodeIndex(lowerPage: number, slot: $0) }
        }
        if upper.summary.nonBlankCount != 0 { search(upper) { Self.nodeIndex(upperSlot: $0) } }
        return best
    }

    /// For the 32-leaf subtree rooted at `index` (level 5: exactly one lower page) when no parent node in
    /// it is set: appends its occupied leaves (their node indices, left to right) and returns true.
    /// Returns false, appending nothing, when some parent in it is set.
    func appendLeavesOfLeavesOnlyPage(ofSubtree index: UInt64, to out: inout [NodeIndex]) -> Bool {
        let page = Int(index / Self.blockWidth)
        let summary = lower[page].summary
        guard summary.nonBlankCount == summary.occupiedLeafCount else { return false }
        var mask = summary.occupiedLeaves
        let base = UInt32(page) * Self.leavesPerPage
        while mask != 0 {
            out.append(LeafIndex(base + UInt32(mask.trailingZeroBitCount)).nodeIndex)
            mask &= mask - 1
        }
        return true
    }

    /// The lower pages, left to right, with their first leaf position.
    var leafPages: some Sequence<(firstLeaf: UInt32, page: NodePage)> {
        lower.enumerated().lazy.map { (UInt32($0.offset) * Self.leavesPerPage, $0.element) }
    }
}
