import MLS
import MLSCrypto

/// One entry of `tree-validation.json` (mlswg/mls-implementations, "Tree Validation"): a tree whose
/// per-node resolutions and tree hashes are given, and which must pass parent-hash and leaf validation.
public struct TreeValidationVector: TestVector {
    /// The cipher suite.
    public let cipher_suite: UInt16
    /// `optional<Node> ratchet_tree<V>`.
    public let tree: HexBytes
    /// The group id the leaves signed.
    public let group_id: HexBytes
    /// The resolution of each node (node indices), for every node of the full tree.
    public let resolutions: [[UInt32]]
    /// The tree hash of each node of the full tree.
    public let tree_hashes: [HexBytes]

    /// The entry's cipher suite.
    public var suite: UInt16? { cipher_suite }

    /// Compares every resolution and tree hash, then validates the whole tree as a joiner would.
    public func verify() -> VectorVerdict {
        guard let crypto = VectorCrypto.context(cipher_suite) else { return .skipped("cipher suite \(cipher_suite)") }
        do {
            var ratchetTree = try RatchetTree(decoding: tree.bytes)
            let width = Int(ratchetTree.nodeWidth)
            if let failure = check("resolutions count", resolutions.count, width) { return .failed(failure) }
            if let failure = check("tree_hashes count", tree_hashes.count, width) { return .failed(failure) }
            for index in 0..<width {
                let node = NodeIndex(UInt64(index))
                let resolution = ratchetTree.resolution(of: node).map { UInt32($0.value) }
                if let failure = check("resolutions[\(index)]", resolutions[index], resolution) { return .failed(failure) }
                if let failure = check("tree_hashes[\(index)]", tree_hashes[index].bytes, ratchetTree.treeHash(of: node, crypto)) {
                    return .failed(failure)
                }
            }
            try ratchetTree.validate(TreeValidationParameters(groupID: group_id.bytes), crypto)
            return .passed
        } catch {
            return .failed("\(error)")
        }
    }
}
