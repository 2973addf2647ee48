import MLSCrypto

/// Validation of a whole tree received on join (RFC 9420 §12.4.3.1, §7.3, §7.9.2).
extension RatchetTree {
    /// Validates a tree a joiner received: the root tree hash (when `expectedTreeHash` is given), every
    /// leaf node (§7.3, with the group's parameters), credential-type compatibility, uniqueness of
    /// encryption and signature keys, unmerged-leaves consistency, and parent-hash validity.
    ///
    /// Throws `invalidTree` (or `invalidSignature` for a leaf signature) naming the first problem. Only the
    /// hash cache changes, so a rejected tree can be discarded or kept as it was.
    public mutating func validate(_ parameters: TreeValidationParameters, expectedTreeHash: [UInt8]? = nil,
                                  _ crypto: CryptoContext) throws(MLSError) {
        if let expectedTreeHash {
            // The joiners of one Welcome (sharing the context's result cache) hash the same tree: the first computes every
            // tree hash; each later one with the same nodes takes that tree (the same value, its hashes cached) and counts
            // the hash calls computing them took.
            let hashed = crypto.shared("RatchetTree.hashed", expectedTreeHash, [], size: { Int($0.nodeWidth) * 128 }, where: { $0 == self }) {
                var tree = self
                tree.computeTreeHashes(crypto)
                return tree
            }
            self = hashed
            let actual = treeHash(crypto)
            guard actual == expectedTreeHash else { throw MLSError(.invalidTree, "the tree hash does not match the group's") }
            // The tree hash covers every node, so a tree with this hash was checked already when the members sharing the
            // context's result cache (simulations: the joiners of one Welcome) validated it with the same parameters.
            try crypto.shared("RatchetTree.validate", actual, parameters.groupID, size: { _ in 64 }, where: { $0 == parameters }) {
                () throws(MLSError) in
                try validateNodes(parameters, crypto)
                return parameters
            }
        } else {
            try validateNodes(parameters, crypto)
        }
        try verifyParentHashes(crypto)
    }

    /// The checks of `validate` that read the nodes only (leaves, unique keys, unmerged leaves).
    func validateNodes(_ parameters: TreeValidationParameters, _ crypto: CryptoContext) throws(MLSError) {
        try validateLeaves(parameters, crypto)
        try validateUniqueKeys()
        try validateUnmergedLeaves()
    }

    /// Every non-blank leaf on its own, and every pair of members' credential types (§7.3).
    func validateLeaves(_ parameters: TreeValidationParameters, _ crypto: CryptoContext) throws(MLSError) {
        let leaves = occupiedLeaves
        var credentialTypes: [CredentialType] = []
        for leaf in leaves {
            guard let node = leafNode(at: leaf) else { continue }
            try node.validate(at: leaf, parameters, crypto)
            if !credentialTypes.contains(node.credential.credentialType) { credentialTypes.append(node.credential.credentialType) }
        }
        for leaf in leaves {
            guard let node = leafNode(at: leaf) else { continue }
            for type in credentialTypes where !node.capabilities.credentials.contains(type) {
                throw MLSError(.invalidTree, "\(leaf) does not support credential type \(type), which a member uses")
            }
        }
    }

    /// No encryption key appears in two nodes, no signature key in two leaves (§7.3, §12.4.3.1).
    func validateUniqueKeys() throws(MLSError) {
        var encryptionKeys = Set<BytesKey>(), signatureKeys = Set<BytesKey>()
        for index in 0..<nodeWidth {
            let node = NodeIndex(index)
            if let key = encryptionKey(at: node), !encryptionKeys.insert(BytesKey(key)).inserted {
                throw MLSError(.invalidTree, "the encryption key of \(node) appears in another node")
            }
            if let leaf = node.leafIndex, let key = signatureKey(at: leaf), !signatureKeys.insert(BytesKey(key)).inserted {
                throw MLSError(.invalidTree, "the signature key of \(leaf) appears in another leaf")
            }
        }
    }

    /// Each unmerged leaf of a parent is a non-blank leaf below it, listed once, and is also unmerged at
    /// every non-blank node between it and the parent (§12.4.3.1).
    func validateUnmergedLeaves() throws(MLSError) {
        var index: UInt64 = 1
        while index < nodeWidth {
            let parent = NodeIndex(index)
            index += 2
            guard let node = parentNode(at: parent) else { continue }
            var seen: [LeafIndex] = []
            for leaf in node.unmergedLeaves {
                guard !seen.contains(leaf) else { throw MLSError(.invalidTree, "\(parent) lists \(leaf) as unmerged twice") }
                seen.append(leaf)
                guard Self.subtree(parent, contains: leaf), leafNode(at: leaf) != nil else {
                    throw MLSError(.invalidTree, "\(parent) lists \(leaf) as unmerged, which is blank or not below it")
                }
                for between in size.directPath(of: leaf.nodeIndex) {
                    if between == parent { break }
                    if let middle = parentNode(at: between), !middle.unmergedLeaves.contains(leaf) {
                        throw MLSError(.invalidTree, "\(leaf) is unmerged at \(parent) but not at \(between) below it")
                    }
                }
            }
        }
    }
}
