import MLSCrypto

/// One member's view of an MLS group (RFC 9420), made for the simulator: create, join, propose, commit,
/// process incoming messages into typed results, encrypt and decrypt application data.
///
/// A `Group` changes only when a message is fully valid: every method either succeeds and updates the
/// group, or throws an `MLSError` and leaves it exactly as it was. Creating a commit does not change the
/// group either: it returns a `StagedCommit` to `merge` once the delivery service accepted the commit.
public struct Group {
    /// The crypto context (suite, meter actor, random source) this member uses.
    public var crypto: CryptoContext
    /// Settings that are not protocol state.
    public var config: GroupConfig
    var state: GroupState

    init(crypto: CryptoContext, config: GroupConfig, state: GroupState) {
        self.crypto = crypto
        self.config = config
        self.state = state
    }

    /// The group id.
    public var groupID: [UInt8] { state.context.groupID }
    /// The current epoch.
    public var epoch: UInt64 { state.context.epoch }
    /// The GroupContext of the current epoch.
    public var context: GroupContext { state.context }
    /// This member's leaf.
    public var myLeaf: LeafIndex { state.myLeaf }
    /// The epoch authenticator (RFC 9420 §8.7): equal for every member of the same epoch.
    public var epochAuthenticator: [UInt8] { state.secrets.epochAuthenticator }
    /// The public ratchet tree.
    public var tree: RatchetTree { state.tree }
    /// Lets this group's tree share storage with `tree` wherever they hold the same nodes (`RatchetTree.shareStorage`),
    /// and its context's extension bodies with the byte-equal ones of `context` (`GroupContext.shareStorage`):
    /// memory only, the group's value is unchanged.
    public mutating func shareStorage(tree: RatchetTree, context: GroupContext) {
        state.tree.shareStorage(with: tree)
        state.context.shareStorage(with: context)
    }
    /// The members: leaf index and credential, in leaf order.
    public var roster: [(leaf: LeafIndex, credential: Credential)] {
        state.tree.occupiedLeaves.compactMap { leaf in state.tree.leafNode(at: leaf).map { (leaf, $0.credential) } }
    }
    /// The number of members.
    public var memberCount: Int { state.tree.memberCount }
    /// Proposals received this epoch and not yet committed, in arrival order.
    public var pendingProposals: [(reference: ProposalRef, proposal: Proposal, sender: Sender)] {
        state.proposals.map { ($0.reference, $0.proposal, $0.sender) }
    }
    /// The ReInit committed in this group, if any (the group must then be left for the new one).
    public var reInit: ReInitProposal? { state.reInit }

    /// MLS-Exporter(label, context, length) of the current epoch (§8.5).
    public func export(label: String, context: [UInt8], length: Int) throws(MLSError) -> [UInt8] {
        try KeySchedule.export(crypto, exporterSecret: state.secrets.exporterSecret, label: Array(label.utf8), context: context, length: length)
    }

    /// A signed GroupInfo of the current epoch (with the `external_pub` extension, and the tree when asked),
    /// for new members joining by external commit.
    public func groupInfo(includeTree: Bool = true) throws(MLSError) -> GroupInfo {
        try GroupInfoBuilder.make(crypto, state: state, includeTree: includeTree, includeExternalPub: true)
    }
}

/// A commit that is valid and ready to apply: the group's next epoch.
public struct StagedCommit: Sendable {
    let state: GroupState?
    /// The epoch the commit starts.
    public let epoch: UInt64
    /// The committer (nil for an external commit, whose joiner is in `joinedLeaf`).
    public let committer: Sender
    /// Leaves added by the commit, in order.
    public let addedLeaves: [LeafIndex]
    /// Leaves removed by the commit, in order.
    public let removedLeaves: [LeafIndex]
    /// Whether the commit removes this member (merging it ends its membership).
    public let removesMe: Bool
    /// The proposals the commit covered, in application order.
    public let proposals: [Proposal]
    /// The epoch authenticator of the new epoch (nil when this member was removed).
    public var epochAuthenticator: [UInt8]? { state?.secrets.epochAuthenticator }
}

/// What an incoming message turned out to be.
public enum ProcessedMessage {
    /// Application data from a member.
    case application(data: [UInt8], sender: LeafIndex, authenticatedData: [UInt8])
    /// A valid proposal, now pending until a commit covers it.
    case proposal(reference: ProposalRef, proposal: Proposal, sender: Sender)
    /// A valid commit; `merge` it to move to the next epoch.
    case commit(StagedCommit)
}

/// What committing produces.
public struct CommitOutput {
    /// The commit to send (PublicMessage or PrivateMessage in an MLSMessage).
    public let message: MLSMessage
    /// The Welcome for members added by the commit, if any.
    public let welcome: Welcome?
    /// The signed GroupInfo of the new epoch (what a hub serves to external joiners), when asked for.
    public let groupInfo: GroupInfo?
    /// The new epoch, to `merge` once the commit is accepted.
    public let staged: StagedCommit
}

/// Whether a commit also returns a signed GroupInfo of its epoch.
public enum CommitGroupInfo: Sendable {
    /// No GroupInfo (cheapest: building one signs the whole GroupInfo).
    case none
    /// A GroupInfo without the ratchet tree (joiners get the tree elsewhere).
    case withoutTree
    /// A GroupInfo with the `ratchet_tree` extension.
    case withTree
}

/// Options of `Group.commit`.
public struct CommitOptions: Sendable {
    /// Include an UpdatePath even when no proposal requires one.
    public var forcePath: Bool = false
    /// Put the ratchet tree into the Welcome's GroupInfo (otherwise joiners need it out of band).
    public var inlineTree: Bool = true
    /// Include every valid pending proposal by reference.
    public var includePending: Bool = true
    /// Proposals to include by value.
    public var proposals: [Proposal] = []
    /// Authenticated data carried in the commit's framing.
    public var authenticatedData: [UInt8] = []
    /// Whether to return a signed GroupInfo of the new epoch (with `external_pub`), and with the tree or not.
    public var groupInfo: CommitGroupInfo = .none

    /// Defaults: path only when needed, tree in the Welcome, every pending proposal.
    public init(forcePath: Bool = false, inlineTree: Bool = true, includePending: Bool = true, proposals: [Proposal] = [],
                authenticatedData: [UInt8] = [], groupInfo: CommitGroupInfo = .none) {
        self.groupInfo = groupInfo
        self.forcePath = forcePath
        self.inlineTree = inlineTree
        self.includePending = includePending
        self.proposals = proposals
        self.authenticatedData = authenticatedData
    }
}
