import MLSCrypto

/// One epoch's secret tree derived once for all the members of a group that share it (found in
/// `CryptoContext.sharedDerivations` by the epoch's encryption secret): node secrets and each ratchet's
/// generations, kept (never deleted) so that later members read them instead of running the KDF again.
///
/// Every member still keeps and deletes its own secrets as RFC 9420 §9 says and counts each derivation it reads
/// as the ExpandWithLabel it replaces (`SecretTree`), so results and meter counts are those of deriving alone.
final class SharedSecretTree: @unchecked Sendable {
    /// The tree's shape.
    let size: TreeSize
    /// The suite the tree derives with (uncounted: its readers count).
    private let crypto: CryptoContext
    private let lock = CryptoLock()
    /// Every node secret derived so far, by node index.
    private var nodes: [[UInt8]?]
    /// Each ratchet's generations, by `SecretTree.slot`.
    private var chains: [UInt64: RatchetChain] = [:]

    /// The tree of `size` with `encryptionSecret` at the root.
    init(encryptionSecret: [UInt8], size: TreeSize, crypto: CryptoContext) {
        self.size = size
        self.crypto = crypto
        nodes = Array(repeating: nil, count: Int(size.nodeWidth))
        nodes[Int(size.root.value)] = encryptionSecret
    }

    /// The shared tree of the epoch whose encryption secret is `encryptionSecret`, or nil when `crypto` shares none.
    static func of(_ crypto: CryptoContext, encryptionSecret: [UInt8], size: TreeSize) -> SharedSecretTree? {
        crypto.sharedDerivations?.table("secret tree of \(size.leafCount) leaves", for: encryptionSecret) {
            SharedSecretTree(encryptionSecret: encryptionSecret, size: size, crypto: crypto)
        }
    }

    /// The secret of `node` if some member derived it (for comparing a member's state).
    func knownSecret(of node: NodeIndex) -> [UInt8]? {
        lock.lock(); defer { lock.unlock() }
        return nodes[Int(node.value)]
    }

    /// The ratchet of `type` of `leaf` (its generation-0 secret costs a reader one ExpandWithLabel; the leaf's
    /// secret, the children of each node above it).
    func chain(_ leaf: LeafIndex, _ type: RatchetType) throws(MLSError) -> RatchetChain {
        let slot = UInt64(leaf.value) << 1 | UInt64(type.rawValue)
        lock.lock(); defer { lock.unlock() }
        if let chain = chains[slot] { return chain }
        let leafSecret = try secret(of: leaf.nodeIndex)
        let base: [UInt8]
        do { base = try crypto.uncountedExpandWithLabel(leafSecret, type == .handshake ? "handshake" : "application", [], crypto.suite.hashLength) }
        catch { throw MLSError(error, context: "leaf ratchets") }
        let chain = RatchetChain(secret: base, crypto: crypto)
        chains[slot] = chain
        return chain
    }

    /// A node's secret, deriving the path down to it from the lowest known ancestor (lock held).
    private func secret(of node: NodeIndex) throws(MLSError) -> [UInt8] {
        if let known = nodes[Int(node.value)] { return known }
        guard let parent = size.parent(of: node) else { throw MLSError(.invalidTree, "secret tree \(node) has no parent") }
        let (left, right) = try derivedChildren(of: parent)
        return parent.left == node ? left : right
    }

    /// The children's secrets of `node`, derived and kept on first use (lock held).
    private func derivedChildren(of node: NodeIndex) throws(MLSError) -> (left: [UInt8], right: [UInt8]) {
        guard let leftNode = node.left, let rightNode = node.right else {
            throw MLSError(.invalidTree, "secret tree node \(node) above a leaf has no children")
        }
        if let left = nodes[Int(leftNode.value)], let right = nodes[Int(rightNode.value)] { return (left, right) }
        let secret = try self.secret(of: node)
        do {
            let left = try crypto.uncountedExpandWithLabel(secret, "tree", SecretTree.leftContext, crypto.suite.hashLength)
            let right = try crypto.uncountedExpandWithLabel(secret, "tree", SecretTree.rightContext, crypto.suite.hashLength)
            nodes[Int(leftNode.value)] = left
            nodes[Int(rightNode.value)] = right
            return (left, right)
        } catch { throw MLSError(error, context: "secret tree") }
    }
}

/// One hash ratchet's generations (§9.1) derived once for all the members that share its tree: the secret at
/// each generation and the key and nonce of each (three ExpandWithLabel calls per generation for a reader to count).
final class RatchetChain: @unchecked Sendable {
    private let crypto: CryptoContext
    private let lock = CryptoLock()
    /// `secrets[g]`: the ratchet secret at generation g.
    private var secrets: [[UInt8]]
    /// `keys[g]`: the key and nonce of generation g.
    private var keys: [RatchetKey] = []

    /// The chain starting at `secret` (generation 0).
    init(secret: [UInt8], crypto: CryptoContext) {
        self.crypto = crypto
        secrets = [secret]
    }

    /// The secret at `generation`, once the generations before it were derived (`step`).
    func secret(at generation: UInt32) -> [UInt8] { lock.withLock { secrets[Int(generation)] } }

    /// The key of `generation`, deriving the generations up to it (and the secret of the next one) on first use.
    func step(_ generation: UInt32) throws(MLSError) -> RatchetKey {
        let g = Int(generation)
        lock.lock(); defer { lock.unlock() }
        while keys.count <= g {
            let at = UInt32(keys.count)
            let secret = secrets[keys.count]
            let context = [UInt8(truncatingIfNeeded: at >> 24), UInt8(truncatingIfNeeded: at >> 16),
                           UInt8(truncatingIfNeeded: at >> 8), UInt8(truncatingIfNeeded: at)]
            do {
                keys.append(RatchetKey(generation: at,
                                       key: try crypto.uncountedExpandWithLabel(secret, "key", context, crypto.suite.aead.keyLength),
                                       nonce: try crypto.uncountedExpandWithLabel(secret, "nonce", context, crypto.suite.aead.nonceLength)))
                secrets.append(try crypto.uncountedExpandWithLabel(secret, "secret", context, crypto.suite.hashLength))
            } catch { throw MLSError(error, context: "hash ratchet") }
        }
        return keys[g]
    }
}
