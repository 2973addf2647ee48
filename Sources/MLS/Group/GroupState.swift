import MLSCrypto

/// A proposal received (or sent) in the current epoch, kept until a commit includes it or the epoch ends.
struct PendingProposal: Sendable {
    let reference: ProposalRef
    let proposal: Proposal
    let sender: Sender
}

/// Everything one member knows in one epoch. A value: processing works on a copy, and only a fully
/// valid message replaces the group's state (stage, then merge).
struct GroupState: Sendable {
    /// The agreed GroupContext of this epoch.
    var context: GroupContext
    /// The public ratchet tree (storage shared with equal trees).
    var tree: RatchetTree
    /// This member's private keys in the tree.
    var privateTree: TreePrivateState
    /// This member's credential and signature key.
    var identity: MemberIdentity
    /// The interim transcript hash after the commit that started the epoch.
    var interimTranscriptHash: [UInt8]
    /// The confirmation tag of the commit that started the epoch (goes into GroupInfo).
    var confirmationTag: [UInt8]
    /// The epoch's secrets.
    var secrets: EpochSecrets
    /// The epoch's secret tree (ratchet keys for PrivateMessage).
    var secretTree: SecretTree
    /// Proposals received this epoch, in arrival order.
    var proposals: [PendingProposal] = []
    /// Private keys of this member's own pending Update proposals.
    var ownUpdates: [(reference: ProposalRef, key: HPKEPrivateKey, leafNode: LeafNode)] = []
    /// Resumption PSKs of recent epochs of this group, oldest first.
    var resumptionPSKs: [(epoch: UInt64, psk: [UInt8])] = []
    /// Set when a ReInit was committed: the group must not be used further.
    var reInit: ReInitProposal?

    /// This member's leaf.
    var myLeaf: LeafIndex { privateTree.leaf }

    /// Keeps the resumption PSK of the epoch just ended (bounded history).
    mutating func rememberResumptionPSK(limit: Int) {
        resumptionPSKs.append((context.epoch, secrets.resumptionPSK))
        if resumptionPSKs.count > limit { resumptionPSKs.removeFirst(resumptionPSKs.count - limit) }
    }
}

/// Settings of a group member that are not part of the protocol state.
public struct GroupConfig: Sendable {
    /// Wire format for proposals and commits this member sends.
    public var handshakeFormat: HandshakeFormat = .publicMessage
    /// Zero bytes of padding added to each PrivateMessage.
    public var paddingLength: Int = 0
    /// External PSKs this member knows, by PSK id.
    public var externalPSKs: [[UInt8]: [UInt8]] = [:]
    /// How many past epochs' resumption PSKs are kept.
    public var resumptionHistory: Int = 8
    /// The time against which KeyPackage and leaf lifetimes are checked; nil skips lifetime checks.
    public var currentTime: UInt64?
    /// The application components whose AppDataUpdate proposals this member can apply (none by default).
    public var appData = AppDataHandlers()

    /// Defaults: PublicMessage handshakes, no padding, no external PSKs.
    public init() {}
}

/// How handshake messages (proposals and commits) are sent.
public enum HandshakeFormat: Sendable {
    /// As PublicMessage (what a MIMI hub can inspect).
    case publicMessage
    /// As PrivateMessage (encrypted to the group).
    case privateMessage
}
