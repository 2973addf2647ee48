import MLS

/// The client URIs of a room's senders in the group's current epoch (the tree, so every leaf's credential, is
/// fixed within an epoch): a delivery names its sender without copying its leaf node and parsing its credential again.
struct SenderNames {
    private var epoch: UInt64 = 0
    private var authenticator: [UInt8] = []
    private var names: [LeafIndex: IdentifierURI] = [:]  // lookups only: no order is used

    /// The client URI in the credential of `leaf` in `group` (empty when there is none), as
    /// `MIMIURI.client(in:)` reads it.
    mutating func name(of leaf: LeafIndex, in group: borrowing Group) -> IdentifierURI {
        if group.epoch != epoch || group.epochAuthenticator != authenticator {
            epoch = group.epoch
            authenticator = group.epochAuthenticator
            names.removeAll()
        }
        if let name = names[leaf] { return name }
        let name = group.tree.leafNode(at: leaf).flatMap { MIMIURI.client(in: $0.credential) } ?? IdentifierURI("")
        names[leaf] = name
        return name
    }
}
