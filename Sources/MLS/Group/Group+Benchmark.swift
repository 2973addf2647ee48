import MLSCrypto

extension Group {
    /// This group's state as seen by another member whose keys the caller holds: same epoch and secrets,
    /// that member's leaf, leaf key and signature key. For benchmarks and tests that need commits from many
    /// leaves without simulating every member (`mimisim bench mls` builds dense trees this way).
    /// The other member's parent-node keys are unknown, so the result can commit but not process paths.
    package func impersonating(leaf: LeafIndex, identity: MemberIdentity, leafKey: HPKEPrivateKey) -> Group {
        var copy = self
        copy.state.identity = identity
        copy.state.privateTree = TreePrivateState(leaf: leaf, leafKey: leafKey)
        copy.state.proposals = []
        copy.state.ownUpdates = []
        return copy
    }
}
