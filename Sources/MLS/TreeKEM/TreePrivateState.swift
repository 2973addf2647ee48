import MLSCrypto

/// The private half of a member's view of the ratchet tree (RFC 9420 §4.2 tree invariant): the HPKE
/// private key of its own leaf and of the parent nodes on its direct path whose secrets it knows.
///
/// Kept apart from `RatchetTree` so that a simulated member holds only these few keys while the public
/// tree is shared. A value type: processing an UpdatePath returns a new state, the old one is unchanged.
public struct TreePrivateState: Sendable {
    /// The member's leaf.
    public let leaf: LeafIndex
    /// The private key of the member's leaf node.
    public private(set) var leafKey: HPKEPrivateKey
    /// Private keys of parent nodes, by node index (looked up, never iterated unsorted).
    private var parentKeys: [UInt64: HPKEPrivateKey]

    /// The state of a member who knows only its leaf key (a new member before its path secret).
    public init(leaf: LeafIndex, leafKey: HPKEPrivateKey) {
        self.leaf = leaf
        self.leafKey = leafKey
        parentKeys = [:]
    }

    /// The private key of a node, if this member knows it.
    public func privateKey(for node: NodeIndex) -> HPKEPrivateKey? {
        node == leaf.nodeIndex ? leafKey : parentKeys[node.value]
    }

    /// The nodes (leaf first, then parents bottom up) whose private keys this member holds.
    public var nodesWithKeys: [NodeIndex] {
        [leaf.nodeIndex] + parentKeys.keys.sorted().map(NodeIndex.init)
    }

    /// Sets the key of a parent node from its path secret (as a vector or a Welcome's path secret gives it).
    public mutating func setPathSecret(_ secret: [UInt8], at node: NodeIndex, _ crypto: CryptoContext) throws(MLSError) {
        guard !node.isLeaf else { throw MLSError(.invalidTree, "a path secret belongs to a parent node, not \(node)") }
        parentKeys[node.value] = try PathSecretChain.nodeKey(secret, crypto)
    }

    /// Installs the path secret a Welcome gives a new member (§12.4.3.1): `secret` belongs to the lowest
    /// common ancestor of the committer's leaf and this member's leaf; the nodes above it on the
    /// committer's filtered direct path get the secrets derived from it. Every derived public key must
    /// match the tree. Returns the commit secret the chain ends in.
    @discardableResult
    public mutating func installPathSecret(_ secret: [UInt8], from committer: LeafIndex, tree: RatchetTree,
                                           _ crypto: CryptoContext) throws(MLSError) -> [UInt8] {
        guard let ancestor = tree.size.commonAncestor(committer.nodeIndex, leaf.nodeIndex), committer != leaf else {
            throw MLSError(.invalidTree, "no common ancestor of committer \(committer) and \(leaf)")
        }
        let path = tree.filteredDirectPath(of: committer).map(\.node)
        guard let start = path.firstIndex(of: ancestor) else {
            throw MLSError(.invalidTree, "\(ancestor) is not on the filtered direct path of \(committer)")
        }
        var updated = self
        var current = secret
        for node in path[start...] {
            let key = try PathSecretChain.nodeKey(current, crypto)
            guard tree.encryptionKey(at: node) == key.publicKey.bytes else {
                throw MLSError(.invalidTree, "the path secret does not give the public key of \(node)")
            }
            updated.parentKeys[node.value] = key
            current = try PathSecretChain.next(current, crypto)
        }
        self = updated
        return current
    }

    /// Replaces the leaf key (after an Update or a commit from this member).
    public mutating func setLeafKey(_ key: HPKEPrivateKey) { leafKey = key }

    /// Forgets the keys of the given nodes (nodes blanked or replaced by a commit).
    mutating func forget(_ nodes: [NodeIndex]) {
        for node in nodes { parentKeys[node.value] = nil }
    }

    /// Sets a parent key directly (TreeKEM internals).
    mutating func setParentKey(_ key: HPKEPrivateKey, at node: NodeIndex) { parentKeys[node.value] = key }

    /// Drops the keys of parent nodes that are blank in `tree` or hold another public key (after proposals
    /// blanked paths); the leaf key stays.
    public mutating func dropStaleKeys(_ tree: RatchetTree) {
        for node in parentKeys.keys.sorted() where tree.encryptionKey(at: NodeIndex(node)) != parentKeys[node]?.publicKey.bytes {
            parentKeys[node] = nil
        }
    }

    /// Checks that every key held matches the public key of a non-blank node of `tree` (§4.2).
    public func checkConsistent(with tree: RatchetTree) throws(MLSError) {
        for node in nodesWithKeys {
            guard let key = privateKey(for: node), let publicKey = tree.encryptionKey(at: node) else {
                throw MLSError(.invalidTree, "a private key is held for \(node), which is blank")
            }
            guard publicKey == key.publicKey.bytes else {
                throw MLSError(.invalidTree, "the private key held for \(node) does not match its public key")
            }
        }
    }
}
