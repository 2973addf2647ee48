import MLSCrypto

/// What a member learns from a received UpdatePath: its new private state, the path secret it decrypted
/// and the commit secret.
public struct ProcessedUpdatePath: Sendable {
    /// The member's private state in the merged tree.
    public let privateState: TreePrivateState
    /// The node whose path secret was decrypted (the lowest common ancestor with the sender).
    public let decryptedNode: NodeIndex
    /// The decrypted path secret.
    public let pathSecret: [UInt8]
    /// The commit secret the path ends in.
    public let commitSecret: [UInt8]
}

extension TreePrivateState {
    /// Decrypts the path secret of a received UpdatePath (RFC 9420 §7.5): finds the filtered-direct-path
    /// node whose copath child holds this member, decrypts with the key of the matching node of that
    /// child's resolution (minus `joiners`), derives the secrets above, checks every derived public key
    /// against the path, and returns the new state (keys of the sender's old direct path forgotten).
    ///
    /// `mergedTree` is the tree after `RatchetTree.merging`; `groupContext` the provisional GroupContext.
    /// This state is not changed; a path that does not decrypt or derive correctly throws `invalidCommit`
    /// or `crypto`.
    public func processing(_ path: UpdatePath, from sender: LeafIndex, mergedTree: RatchetTree, excluding joiners: [LeafIndex],
                           groupContext: GroupContext, _ crypto: CryptoContext) throws(MLSError) -> ProcessedUpdatePath {
        guard sender != leaf else { throw MLSError(.invalidCommit, "\(leaf) cannot process its own UpdatePath; use its PreparedUpdatePath") }
        let filtered = mergedTree.filteredDirectPath(of: sender)
        guard filtered.count == path.nodes.count else {
            throw MLSError(.invalidCommit, "UpdatePath has \(path.nodes.count) nodes; the filtered direct path of \(sender) has \(filtered.count)")
        }
        guard let position = filtered.firstIndex(where: { RatchetTree.subtree($0.copathChild, contains: leaf) }) else {
            throw MLSError(.invalidCommit, "\(leaf) is below no copath child of \(sender)'s filtered direct path")
        }
        let excluded = joiners.map(\.nodeIndex)
        let resolution = mergedTree.resolution(of: filtered[position].copathChild).filter { !excluded.contains($0) }
        let ciphertexts = path.nodes[position].encryptedPathSecret
        guard ciphertexts.count == resolution.count else {
            throw MLSError(.invalidCommit, "\(ciphertexts.count) ciphertexts for a resolution of \(resolution.count) nodes")
        }
        guard let slot = resolution.firstIndex(where: { privateKey(for: $0) != nil }), let key = privateKey(for: resolution[slot]) else {
            throw MLSError(.invalidCommit, "\(leaf) holds no key of the resolution of \(filtered[position].copathChild)")
        }
        let pathSecret: [UInt8]
        do {
            pathSecret = try crypto.decryptWithLabel(key, "UpdatePathNode", groupContext.encoded(),
                                                     kemOutput: ciphertexts[slot].kemOutput, ciphertext: ciphertexts[slot].ciphertext)
        } catch {
            throw MLSError(error, context: "decrypting the path secret of \(filtered[position].node)")
        }
        var updated = self
        updated.forget(mergedTree.size.directPath(of: sender.nodeIndex))
        var secret = pathSecret
        for index in position..<filtered.count {
            let nodeKey = try PathSecretChain.nodeKey(secret, crypto)
            guard nodeKey.publicKey.bytes == path.nodes[index].encryptionKey else {
                throw MLSError(.invalidCommit, "the path secret does not give the public key of \(filtered[index].node)")
            }
            updated.setParentKey(nodeKey, at: filtered[index].node)
            secret = try PathSecretChain.next(secret, crypto)
        }
        return ProcessedUpdatePath(privateState: updated, decryptedNode: filtered[position].node, pathSecret: pathSecret, commitSecret: secret)
    }
}
