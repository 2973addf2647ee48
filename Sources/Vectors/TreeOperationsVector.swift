import MLS
import MLSCrypto

/// One entry of `tree-operations.json` (mlswg/mls-implementations, "Tree Operations"): a tree, one Add,
/// Update or Remove proposal and its sender, and the tree and tree hash after applying it.
public struct TreeOperationsVector: TestVector {
    /// The cipher suite.
    public let cipher_suite: UInt16
    /// `optional<Node> ratchet_tree<V>` before the proposal.
    public let tree_before: HexBytes
    /// The serialized `Proposal`.
    public let proposal: HexBytes
    /// The leaf index of the proposal's sender.
    public let proposal_sender: UInt32
    /// The root tree hash of `tree_before`.
    public let tree_hash_before: HexBytes
    /// The serialized tree after applying the proposal.
    public let tree_after: HexBytes
    /// Its root tree hash.
    public let tree_hash_after: HexBytes

    /// The entry's cipher suite.
    public var suite: UInt16? { cipher_suite }

    /// Checks the hash before, applies the proposal, and compares the bytes and hash after.
    public func verify() -> VectorVerdict {
        guard let crypto = VectorCrypto.context(cipher_suite) else { return .skipped("cipher suite \(cipher_suite)") }
        do {
            var tree = try RatchetTree(decoding: tree_before.bytes)
            if let failure = check("tree_hash_before", tree_hash_before.bytes, tree.treeHash(crypto)) { return .failed(failure) }
            let sender = LeafIndex(proposal_sender)
            switch try Proposal.decode(proposal.bytes) {
            case .add(let add): try tree.addLeaf(add.keyPackage.leafNode)
            case .update(let update): try tree.updateLeaf(sender, with: update.leafNode)
            case .remove(let remove): try tree.removeLeaf(remove.removed)
            default: return .failed("proposal: not an add, update or remove")
            }
            if let failure = check("tree_after", tree_after.bytes, try tree.encoded()) { return .failed(failure) }
            if let failure = check("tree_hash_after", tree_hash_after.bytes, tree.treeHash(crypto)) { return .failed(failure) }
            return .passed
        } catch {
            return .failed("\(error)")
        }
    }
}
