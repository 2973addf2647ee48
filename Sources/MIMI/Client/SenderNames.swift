import MLS

/// The client URIs of a room's senders in the group's current epoch (the tree, so every leaf's credential, is
/// fixed within an epoch): a delivery names its sender without copying its leaf node and parsing its credential again.
struct SenderNames {
    private var epoch: UInt64 = 0
    private var authenticator: [UInt8] = []
    /// By leaf index (nil: not looked up yet this epoch).
    private var names: [IdentifierURI?] = []

    /// The client URI in the credential of `leaf` in `group` (empty when there is none), as
    /// `MIMIURI.client(in:)` reads it.
    mutating func name(of leaf: LeafIndex, in group: borrowing Group) -> IdentifierURI {
        if group.epoch != epoch || group.epochAuthenticator != authenticator {
            epoch = group.epoch
            authenticator = group.epochAuthenticator
            names.removeAll(keepingCapacity: true)
        }
        let i = Int(leaf.value)
        if i < names.count, let name = names[i] { return name }
        let name = group.tree.leafNode(at: leaf).flatMap { MIMIURI.client(in: $0.credential) } ?? IdentifierURI("")
        if i >= names.count { names.append(contentsOf: repeatElement(nil, count: i + 1 - names.count)) }
        names[i] = name
        return name
    }
}
