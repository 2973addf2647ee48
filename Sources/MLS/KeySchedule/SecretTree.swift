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
/// from one `SharedSecretTree` of the epoch and count each read as the ExpandWithLabel it replaces; each member
/// then keeps only which node secrets it holds (the shared tree has their values), deletes and counts as it would
/// deriving alone, so its keys, state and counts are the same.
public struct SecretTree: Sendable {
    /// Keys a receiver keeps for generations skipped over, per ratchet, before they are dropped.
    public static let maxSkippedKeys = 256
    /// How far ahead of the current generation a receiver will ratchet.
    public static let maxForwardDistance: UInt32 = 1024

    /// The ExpandWithLabel contexts of a node's left and right child secrets (§9).
    static let leftContext = Array("left".utf8), rightContext = Array("right".utf8)

    let size: TreeSize
    /// Which nodes' secrets this tree holds (derived and not yet used or deleted): bit `i % 64` of word `i / 64`.
    var held: [UInt64]
    /// The held secrets by node index, when deriving alone (empty when the shared tree keeps them).
    var nodeSecrets: [[UInt8]?]
    var ratchets: RatchetTable
    /// The epoch's tree shared with the other members of the group in this process, if any.
    let shared: SharedSecretTree?

    /// The tree for `leafCount` leaves with `encryptionSecret` at the root; it reads its derivations from the
    /// shared tree of `sharing`'s `sharedDerivations` when it has one.
    public init(encryptionSecret: [UInt8], leafCount: UInt32, sharing: CryptoContext? = nil) throws(MLSError) {
        guard leafCount > 0, let size = TreeSize(coveringLeaves: leafCount) else {
            throw MLSError(.invalidTree, "secret tree of \(leafCount) leaves")
        }
        self.size = size
        shared = sharing.flatMap { SharedSecretTree.of($0, encryptionSecret: encryptionSecret, size: size) }
        held = Array(repeating: 0, count: Int((size.nodeWidth + 63) / 64))
        ratchets = RatchetTable(slots: 2 * Int(size.leafCount))
        nodeSecrets = shared == nil ? Array(repeating: nil, count: Int(size.nodeWidth)) : []
        hold(size.root, true, secret: encryptionSecret)
    }

    /// Whether this tree holds `node`'s secret.
    func holds(_ node: NodeIndex) -> Bool { held[Int(node.value >> 6)] & (1 << (node.value & 63)) != 0 }

    /// Marks `node`'s secret held or not (deleting it when deriving alone).
    mutating func hold(_ node: NodeIndex, _ isHeld: Bool, secret: [UInt8]? = nil) {
        if isHeld { held[Int(node.value >> 6)] |= 1 << (node.value & 63) } else { held[Int(node.value >> 6)] &= ~(1 << (node.value & 63)) }
        if shared == nil { nodeSecrets[Int(node.value)] = secret }
    }

    /// The sender-data key and nonce of a PrivateMessage `ciphertext` of this epoch (RFC 9420 §6.3.2). Derived by
    /// each caller: in simulations a message's sender data is opened once for all its recipients
    /// (`PrivateMessageProtection.unprotectStaged`), so a shared table would save nothing.
    public func senderDataKeys(_ crypto: CryptoContext, senderDataSecret: [UInt8], ciphertext: [UInt8]) throws(MLSError) -> (key: [UInt8], nonce: [UInt8]) {
        try SenderDataKeys.derive(crypto, senderDataSecret: senderDataSecret, ciphertext: ciphertext)
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
        let (key, update) = try stagedReceiveKey(crypto, leaf: leaf, type: type, generation: generation)
        apply(update)
        return key
    }

    func slot(_ leaf: LeafIndex, _ type: RatchetType) -> UInt64 { UInt64(leaf.value) << 1 | UInt64(type.rawValue) }

    /// The ratchet of a leaf, deriving the leaf's ratchets (and deleting the node secrets used) on first use.
    private mutating func ratchet(_ crypto: CryptoContext, leaf: LeafIndex, type: RatchetType) throws(MLSError) -> HashRatchet {
        if let existing = ratchets[slot(leaf, type)] { return existing }
        let derivation = try derive(crypto, leaf)
        apply(Update(derivation: derivation))
        return type == .handshake ? derivation.handshake : derivation.application
    }

    /// Deriving a leaf's ratchets from the lowest ancestor whose secret the tree holds (RFC 9420 §9): each node on
    /// the way down gives its two children's secrets and is deleted, the child off the path is kept, and the leaf's
    /// secret gives its handshake and application ratchets and is deleted.
    struct Derivation: Sendable {
        /// The leaf.
        let leaf: LeafIndex
        /// How many of the leaf's ancestors were used (0: the tree held the leaf's own secret).
        let levels: Int
        /// Deriving alone: the secret of each kept child, from the top down (empty when the shared tree keeps them).
        let keptSecrets: [[UInt8]]
        /// The leaf's new ratchets.
        let handshake: HashRatchet, application: HashRatchet
    }

    /// Derives `leaf`'s ratchets without changing the tree (2 ExpandWithLabel calls per level, 2 for the ratchets).
    func derive(_ crypto: CryptoContext, _ leaf: LeafIndex) throws(MLSError) -> Derivation {
        guard size.contains(leaf) else { throw MLSError(.invalidSender, "\(leaf) is outside a tree of \(size.leafCount) leaves") }
        let target = leaf.nodeIndex
        var top = target, levels = 0
        while !holds(top) {
            guard let parent = size.parent(of: top) else {
                throw MLSError(.generationUsed, "the secret of \(leaf) was already derived and deleted")
            }
            top = parent
            levels += 1
        }
        if let shared {
            // The shared tree derives the path to the leaf; each level costs this member the two expansions it replaces.
            crypto.count(.hkdfExpand, times: 2 * levels + 2)
            return Derivation(leaf: leaf, levels: levels, keptSecrets: [],
                              handshake: HashRatchet(chain: try shared.chain(leaf, .handshake)),
                              application: HashRatchet(chain: try shared.chain(leaf, .application)))
        }
        var node = top, secret = nodeSecrets[Int(top.value)]!
        var kept: [[UInt8]] = []
        kept.reserveCapacity(levels)
        while node != target {
            guard let left = node.left, let right = node.right else {
                throw MLSError(.invalidTree, "secret tree node \(node) above a leaf has no children")
            }
            let leftSecret: [UInt8], rightSecret: [UInt8]
            do {
                leftSecret = try crypto.expandWithLabel(secret, "tree", Self.leftContext, crypto.suite.hashLength)
                rightSecret = try crypto.expandWithLabel(secret, "tree", Self.rightContext, crypto.suite.hashLength)
            } catch { throw MLSError(error, context: "secret tree") }
            let towardsLeft = target < node
            kept.append(towardsLeft ? rightSecret : leftSecret)
            (node, secret) = towardsLeft ? (left, leftSecret) : (right, rightSecret)
        }
        do {
            return Derivation(leaf: leaf, levels: levels, keptSecrets: kept,
                              handshake: HashRatchet(secret: try crypto.expandWithLabel(secret, "handshake", [], crypto.suite.hashLength)),
                              application: HashRatchet(secret: try crypto.expandWithLabel(secret, "application", [], crypto.suite.hashLength)))
        } catch { throw MLSError(error, context: "leaf ratchets") }
    }
}

/// A secret tree's ratchets by slot (`SecretTree.slot`): each slot holds its ratchet's position in a list, so a
/// ratchet is found and replaced without hashing.
struct RatchetTable: Sendable {
    /// Per slot, the ratchet's position in `list` plus one (0: none).
    private var positions: [UInt32]
    private var list: [HashRatchet] = []

    /// No ratchets, for `slots` slots.
    init(slots: Int) { positions = Array(repeating: 0, count: slots) }

    /// The ratchet of `slot` (nil: none, or a slot outside the tree); setting nil is ignored (ratchets are replaced,
    /// never removed).
    subscript(slot: UInt64) -> HashRatchet? {
        get {
            guard slot < positions.count, case let p = positions[Int(slot)], p != 0 else { return nil }
            return list[Int(p - 1)]
        }
        set {
            guard let newValue, slot < positions.count else { return }
            let p = positions[Int(slot)]
            if p == 0 {
                list.append(newValue)
                positions[Int(slot)] = UInt32(list.count)
            } else {
                list[Int(p - 1)] = newValue
            }
        }
    }

    /// The slots that hold a ratchet, ascending.
    var slots: [UInt64] { positions.indices.filter { positions[$0] != 0 }.map { UInt64($0) } }
}

/// One hash ratchet (§9.1): the current secret and generation, and keys kept for skipped generations.
struct HashRatchet: Sendable {
    var generation: UInt32 = 0
    /// The current secret when deriving alone (empty when `chain` holds it: `currentSecret`).
    var secret: [UInt8]
    var skipped: [UInt32: RatchetKey] = [:]
    /// The same ratchet's generations, derived once for the members sharing the tree (nil: derive alone).
    let chain: RatchetChain?

    init(secret: [UInt8]) { self.secret = secret; chain = nil }

    /// The ratchet whose generations `chain` holds, at generation 0.
    init(chain: RatchetChain) { secret = []; self.chain = chain }

    /// The secret of the current generation.
    var currentSecret: [UInt8] { chain?.secret(at: generation) ?? secret }

    /// The key for the current generation, then moves to the next one.
    mutating func advance(_ crypto: CryptoContext) throws(MLSError) -> RatchetKey {
        guard generation < UInt32.max else { throw MLSError(.generationTooFar, "ratchet generation exhausted") }
        if let chain {
            crypto.count(.hkdfExpand, times: 3)
            let key = try chain.step(generation)
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
        for index in 0..<size.nodeWidth where holds(NodeIndex(index)) {
            writer.writeUInt64(index)
            writer.writeOpaque(shared?.knownSecret(of: NodeIndex(index)) ?? nodeSecrets[Int(index)] ?? [])
        }
        for key in ratchets.slots {
            let r = ratchets[key]!
            writer.writeUInt64(key)
            writer.writeUInt32(r.generation)
            writer.writeOpaque(r.currentSecret)
            for g in r.skipped.keys.sorted() {
                writer.writeUInt32(g)
                writer.writeOpaque(r.skipped[g]!.key)
                writer.writeOpaque(r.skipped[g]!.nonce)
            }
        }
    }
}

extension SecretTree {
    /// What consuming one receive key changes in a secret tree: the leaf's ratchets if they were derived for it
    /// (with the node secrets used and kept on the way), and the ratchet the key came from. Small, so a receiver can
    /// check a message first and then apply the change in place without copying the whole tree.
    public struct Update: Sendable {
        /// The derivation of the leaf's ratchets, if the tree did not have them.
        var derivation: Derivation?
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
            let derivation = try derive(crypto, leaf)
            ratchet = type == .handshake ? derivation.handshake : derivation.application
            update.derivation = derivation
        }
        let key = try ratchet.take(crypto, generation: generation)
        update.used = (slot(leaf, type), ratchet)
        return (key, update)
    }

    /// Applies a staged change (in place when this tree's storage is not shared).
    public mutating func apply(_ update: Update) {
        if let d = update.derivation {
            // Bottom up: the leaf's secret and each used ancestor are deleted, the child off the path is kept.
            var node = d.leaf.nodeIndex
            hold(node, false)
            for level in 0..<d.levels {
                guard let parent = size.parent(of: node), let sibling = size.sibling(of: node) else { break }
                hold(sibling, true, secret: d.keptSecrets.isEmpty ? nil : d.keptSecrets[d.levels - 1 - level])
                hold(parent, false)
                node = parent
            }
            ratchets[slot(d.leaf, .handshake)] = d.handshake
            ratchets[slot(d.leaf, .application)] = d.application
        }
        if let (slot, ratchet) = update.used { ratchets[slot] = ratchet }
    }
}
