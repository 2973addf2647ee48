import MLSCrypto

/// Which ratchet of a leaf: handshake messages or application messages (RFC 9420 §9.1).
public enum RatchetType: Int, Sendable {
    /// Proposals and commits sent as PrivateMessage.
    case handshake = 0
    /// Application messages.
    case application = 1
}

/// An AEAD key and nonce for one generation of a ratchet.
public struct RatchetKey: Equatable, Sendable {
    /// The generation this key belongs to.
    public let generation: UInt32
    /// The AEAD key.
    public let key: [UInt8]
    /// The AEAD nonce (before the reuse guard is applied).
    public let nonce: [UInt8]
}

/// The secret tree of one epoch (RFC 9420 §9): node secrets derived lazily from the encryption secret,
/// per-leaf handshake and application hash ratchets, and deletion of everything used.
///
/// A value type: to keep state untouched when a message turns out invalid, consume a key on a copy and
/// keep the copy only once the message decrypted (stage, then merge).
///
/// With `CryptoContext.sharedDerivations` (simulations), the members of a group read the secrets they derive
/// from one `SharedSecretTree` of the epoch and count each read as the ExpandWithLabel it replaces; what each
/// member keeps, deletes and counts is the same as without it.
public struct SecretTree: Sendable {
    /// Keys a receiver keeps for generations skipped over, per ratchet, before they are dropped.
    public static let maxSkippedKeys = 256
    /// How far ahead of the current generation a receiver will ratchet.
    public static let maxForwardDistance: UInt32 = 1024

    /// The ExpandWithLabel contexts of a node's left and right child secrets (§9).
    static let leftContext = Array("left".utf8), rightContext = Array("right".utf8)

    let size: TreeSize
    /// The secret of each node not yet derived from and deleted, by node index (nil: none).
    var nodeSecrets: [[UInt8]?]
    var ratchets: [UInt64: HashRatchet] = [:]
    /// The epoch's tree shared with the other members of the group in this process, if any.
    let shared: SharedSecretTree?

    /// The tree for `leafCount` leaves with `encryptionSecret` at the root; it reads its derivations from the
    /// shared tree of `sharing`'s `sharedDerivations` when it has one.
    public init(encryptionSecret: [UInt8], leafCount: UInt32, sharing: CryptoContext? = nil) throws(MLSError) {
        guard leafCount > 0, let size = TreeSize(coveringLeaves: leafCount) else {
            throw MLSError(.invalidTree, "secret tree of \(leafCount) leaves")
        }
        self.size = size
        nodeSecrets = Array(repeating: nil, count: Int(size.nodeWidth))
        nodeSecrets[Int(size.root.value)] = encryptionSecret
        shared = sharing.flatMap { SharedSecretTree.of($0, encryptionSecret: encryptionSecret, size: size) }
    }

    /// The secrets of `node`'s children (two ExpandWithLabel calls from `secret`, the node's).
    func childSecrets(of node: NodeIndex, _ secret: [UInt8], _ crypto: CryptoContext) throws(MLSError) -> (left: [UInt8], right: [UInt8]) {
        if let shared {
            crypto.count(.hkdfExpand, times: 2)
            return try shared.children(of: node)
        }
        do {
            return (try crypto.expandWithLabel(secret, "tree", Self.leftContext, crypto.suite.hashLength),
                    try crypto.expandWithLabel(secret, "tree", Self.rightContext, crypto.suite.hashLength))
        } catch { throw MLSError(error, context: "secret tree") }
    }

    /// The sender-data key and nonce of a PrivateMessage `ciphertext` of this epoch (RFC 9420 §6.3.2). Derived by
    /// each caller: in simulations a message's sender data is opened once for all its recipients
    /// (`PrivateMessageProtection.unprotectStaged`), so a shared table would save nothing.
    public func senderDataKeys(_ crypto: CryptoContext, senderDataSecret: [UInt8], ciphertext: [UInt8]) throws(MLSError) -> (key: [UInt8], nonce: [UInt8]) {
        try SenderDataKeys.derive(crypto, senderDataSecret: senderDataSecret, ciphertext: ciphertext)
    }

    /// The handshake and application ratchets of `leaf` (two ExpandWithLabel calls from `leafSecret`).
    func leafRatchets(_ leaf: LeafIndex, _ leafSecret: [UInt8], _ crypto: CryptoContext) throws(MLSError) -> (handshake: HashRatchet, application: HashRatchet) {
        if let shared {
            crypto.count(.hkdfExpand, times: 2)
            return (HashRatchet(chain: try shared.chain(leaf, .handshake)), HashRatchet(chain: try shared.chain(leaf, .application)))
        }
        do {
            return (HashRatchet(secret: try crypto.expandWithLabel(leafSecret, "handshake", [], crypto.suite.hashLength)),
                    HashRatchet(secret: try crypto.expandWithLabel(leafSecret, "application", [], crypto.suite.hashLength)))
        } catch { throw MLSError(error, context: "leaf ratchets") }
    }

    /// The key of the next generation for sending, advancing the ratchet.
    public mutating func nextSendKey(_ crypto: CryptoContext, leaf: LeafIndex, type: RatchetType) throws(MLSError) -> RatchetKey {
        var ratchet = try self.ratchet(crypto, leaf: leaf, type: type)
        let key = try ratchet.advance(crypto)
        ratchets[slot(leaf, type)] = ratchet
        return key
    }

    /// The key of `generation` for receiving, consuming it (a generation can be used once).
    public mutating func receiveKey(_ crypto: CryptoContext, leaf: LeafIndex, type: RatchetType, generation: UInt32) throws(MLSError) -> RatchetKey {
        var ratchet = try self.ratchet(crypto, leaf: leaf, type: type)
        let key = try ratchet.take(crypto, generation: generation)
        ratchets[slot(leaf, type)] = ratchet
        return key
    }

    func slot(_ leaf: LeafIndex, _ type: RatchetType) -> UInt64 { UInt64(leaf.value) << 1 | UInt64(type.rawValue) }

    /// The ratchet of a leaf, deriving the leaf's secret (and deleting consumed node secrets) on first use.
    private mutating func ratchet(_ crypto: CryptoContext, leaf: LeafIndex, type: RatchetType) throws(MLSError) -> HashRatchet {
        if let existing = ratchets[slot(leaf, type)] { return existing }
        guard size.contains(leaf) else { throw MLSError(.invalidSender, "\(leaf) is outside a tree of \(size.leafCount) leaves") }
        let (hs, app) = try leafRatchets(leaf, try self.leafSecret(crypto, leaf: leaf), crypto)
        ratchets[slot(leaf, .handshake)] = hs
        ratchets[slot(leaf, .application)] = app
        return type == .handshake ? hs : app
    }

    /// Walks down from the lowest stored ancestor, deriving left/right children and deleting each parent used.
    private mutating func leafSecret(_ crypto: CryptoContext, leaf: LeafIndex) throws(MLSError) -> [UInt8] {
        let target = leaf.nodeIndex
        var path = [target] + size.directPath(of: target)
        if path.last != size.root { path.append(size.root) }
        guard let start = path.firstIndex(where: { nodeSecrets[Int($0.value)] != nil }) else {
            throw MLSError(.generationUsed, "the secret of \(leaf) was already derived and deleted")
        }
        var index = start
        while index > 0 {
            let node = path[index]
            let secret = nodeSecrets[Int(node.value)]!
            nodeSecrets[Int(node.value)] = nil
            guard let left = node.left, let right = node.right else { break }
            (nodeSecrets[Int(left.value)], nodeSecrets[Int(right.value)]) = try childSecrets(of: node, secret, crypto)
            index -= 1
        }
        guard let secret = nodeSecrets[Int(target.value)] else {
            throw MLSError(.generationUsed, "the secret of \(leaf) was already derived and deleted")
        }
        nodeSecrets[Int(target.value)] = nil
        return secret
    }
}

/// One hash ratchet (§9.1): the current secret and generation, and keys kept for skipped generations.
struct HashRatchet: Sendable {
    var generation: UInt32 = 0
    var secret: [UInt8]
    var skipped: [UInt32: RatchetKey] = [:]
    /// The same ratchet's generations, derived once for the members sharing the tree (nil: derive alone).
    let chain: RatchetChain?

    init(secret: [UInt8]) { self.secret = secret; chain = nil }

    /// The ratchet whose generations `chain` holds, at generation 0.
    init(chain: RatchetChain) { secret = chain.base; self.chain = chain }

    /// The key for the current generation, then moves to the next one.
    mutating func advance(_ crypto: CryptoContext) throws(MLSError) -> RatchetKey {
        guard generation < UInt32.max else { throw MLSError(.generationTooFar, "ratchet generation exhausted") }
        if let chain {
            crypto.count(.hkdfExpand, times: 3)
            let (key, next) = try chain.step(generation)
            secret = next
            generation += 1
            return key
        }
        do {
            // DeriveTreeSecret(secret, label, generation, length) = ExpandWithLabel(secret, label, generation, length).
            let context = [UInt8(truncatingIfNeeded: generation >> 24), UInt8(truncatingIfNeeded: generation >> 16),
                           UInt8(truncatingIfNeeded: generation >> 8), UInt8(truncatingIfNeeded: generation)]
            let key = RatchetKey(
                generation: generation,
                key: try crypto.expandWithLabel(secret, "key", context, crypto.suite.aead.keyLength),
                nonce: try crypto.expandWithLabel(secret, "nonce", context, crypto.suite.aead.nonceLength))
            secret = try crypto.expandWithLabel(secret, "secret", context, crypto.suite.hashLength)
            generation += 1
            return key
        } catch { throw MLSError(error, context: "hash ratchet") }
    }

    /// The key for `target`: a kept skipped key, or ratchet forward, keeping keys skipped over.
    mutating func take(_ crypto: CryptoContext, generation target: UInt32) throws(MLSError) -> RatchetKey {
        if target < generation {
            guard let key = skipped.removeValue(forKey: target) else {
                throw MLSError(.generationUsed, "generation \(target) was already used or deleted (current \(generation))")
            }
            return key
        }
        guard target - generation <= SecretTree.maxForwardDistance else {
            throw MLSError(.generationTooFar, "generation \(target) is more than \(SecretTree.maxForwardDistance) ahead of \(generation)")
        }
        while generation < target {
            let key = try advance(crypto)
            skipped[key.generation] = key
            if skipped.count > SecretTree.maxSkippedKeys, let oldest = skipped.keys.min() { skipped.removeValue(forKey: oldest) }
        }
        return try advance(crypto)
    }
}

extension SecretTree {
    /// Every secret the tree holds, in a canonical order (for comparing states byte for byte).
    package func encodeState(to writer: inout WireWriter) {
        writer.writeUInt32(size.leafCount)
        for (index, secret) in nodeSecrets.enumerated() {
            guard let secret else { continue }
            writer.writeUInt64(UInt64(index))
            writer.writeOpaque(secret)
        }
        for key in ratchets.keys.sorted() {
            let r = ratchets[key]!
            writer.writeUInt64(key)
            writer.writeUInt32(r.generation)
            writer.writeOpaque(r.secret)
            for g in r.skipped.keys.sorted() {
                writer.writeUInt32(g)
                writer.writeOpaque(r.skipped[g]!.key)
                writer.writeOpaque(r.skipped[g]!.nonce)
            }
        }
    }
}

extension SecretTree {
    /// What consuming one receive key changes in a secret tree: the node secrets derived and deleted on the
    /// way to a leaf, and the ratchets touched. Small (a path and two ratchets), so a receiver can check a
    /// message first and then apply the change in place without copying the whole tree.
    public struct Update: Sendable {
        /// Node secrets set (`secret`) or deleted (nil), in derivation order.
        var nodes: [(node: UInt64, secret: [UInt8]?)] = []
        /// Ratchets replaced, by slot.
        var ratchets: [(slot: UInt64, ratchet: HashRatchet)] = []
        /// The ratchet the key came from, after it (replaced last).
        var used: (slot: UInt64, ratchet: HashRatchet)?
    }

    /// The key of `generation` for receiving and the change that consuming it makes; the tree is not changed.
    public func stagedReceiveKey(_ crypto: CryptoContext, leaf: LeafIndex, type: RatchetType,
                                 generation: UInt32) throws(MLSError) -> (key: RatchetKey, update: Update) {
        var update = Update()
        var ratchet: HashRatchet
        if let existing = ratchets[slot(leaf, type)] {
            ratchet = existing
        } else {
            guard size.contains(leaf) else { throw MLSError(.invalidSender, "\(leaf) is outside a tree of \(size.leafCount) leaves") }
            let target = leaf.nodeIndex
            var path = [target] + size.directPath(of: target)
            if path.last != size.root { path.append(size.root) }
            guard var index = path.firstIndex(where: { nodeSecrets[Int($0.value)] != nil }) else {
                throw MLSError(.generationUsed, "the secret of \(leaf) was already derived and deleted")
            }
            // Down the path from the lowest stored ancestor: each node's secret is used for its two children
            // and deleted; the child on the path is the next node (every node above the leaf has children).
            var secret = nodeSecrets[Int(path[index].value)]!
            update.nodes.reserveCapacity(3 * index + 1)
            while index > 0 {
                let node = path[index]
                update.nodes.append((node.value, nil))
                guard let left = node.left, let right = node.right else {
                    throw MLSError(.invalidTree, "secret tree node \(node) above a leaf has no children")
                }
                let (leftSecret, rightSecret) = try childSecrets(of: node, secret, crypto)
                update.nodes.append((left.value, leftSecret))
                update.nodes.append((right.value, rightSecret))
                index -= 1
                secret = path[index] == left ? leftSecret : rightSecret
            }
            let leafSecret = secret
            update.nodes.append((target.value, nil))
            let (hs, app) = try leafRatchets(leaf, leafSecret, crypto)
            update.ratchets.append((slot(leaf, .handshake), hs))
            update.ratchets.append((slot(leaf, .application), app))
            ratchet = type == .handshake ? hs : app
        }
        let key = try ratchet.take(crypto, generation: generation)
        update.used = (slot(leaf, type), ratchet)
        return (key, update)
    }

    /// Applies a staged change (in place when this tree's storage is not shared).
    public mutating func apply(_ update: Update) {
        for (node, secret) in update.nodes {
            nodeSecrets[Int(node)] = secret
        }
        for (slot, ratchet) in update.ratchets { ratchets[slot] = ratchet }
        if let (slot, ratchet) = update.used { ratchets[slot] = ratchet }
    }
}
