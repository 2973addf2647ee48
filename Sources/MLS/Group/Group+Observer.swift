import MLSCrypto

/// A delivery service's view of a group it is not a member of (RFC 9420 §16.4 "observer"; what a MIMI hub
/// runs): it follows the public state from PublicMessage handshakes. For each commit it checks group, epoch
/// and the sender's signature against the tree it tracks, validates and applies the proposals and the
/// UpdatePath to the public tree, and computes the next GroupContext (tree hash, confirmed transcript hash,
/// and the `app_data_dictionary` its AppDataUpdate proposals produce through `config.appData`).
/// It cannot check membership tags or confirmation tags (those need epoch secrets); `verifyGroupInfo`
/// instead checks that a committer's GroupInfo is signed and matches the computed next context exactly.
///
/// A value: `observeCommit` and `observeProposal` change nothing; `apply` and `addPending` do, and only
/// with a result that passed validation.
public struct GroupObserver {
    /// The crypto context whose meter is charged (the hub's).
    public var crypto: CryptoContext
    /// Settings (lifetime checks).
    public var config: GroupConfig
    /// The GroupContext of the current epoch.
    public private(set) var context: GroupContext
    /// The public ratchet tree of the current epoch.
    public private(set) var tree: RatchetTree
    /// The confirmation tag of the commit that started the epoch.
    public private(set) var confirmationTag: [UInt8]
    var interimTranscriptHash: [UInt8]
    var proposals: [PendingProposal] = []
    /// A stand-in identity for the proposal-validation code, which works on a member's state; never used to sign.
    let placeholder: MemberIdentity
    let placeholderLeafKey: HPKEPrivateKey

    /// Starts observing from a GroupInfo (signature checked against its signer's leaf) and its tree (from the
    /// `ratchet_tree` extension or given), which is validated against the GroupInfo's tree hash.
    public init(_ crypto: CryptoContext, groupInfo info: GroupInfo, ratchetTree: RatchetTree? = nil,
                config: GroupConfig = GroupConfig()) throws(MLSError) {
        guard info.groupContext.cipherSuite == CipherSuiteID(crypto.suite) else { throw MLSError(.invalidCommit, "GroupInfo for another cipher suite") }
        var tree = try Group.ratchetTree(from: info, outOfBand: ratchetTree)
        let params = TreeValidationParameters(groupID: info.groupContext.groupID,
                                              requiredCapabilities: ProposalApplication.requiredCapabilities(info.groupContext.extensions),
                                              currentTime: config.currentTime)
        try tree.validate(params, expectedTreeHash: info.groupContext.treeHash, crypto)
        guard let signerLeaf = tree.leafNode(at: info.signer) else { throw MLSError(.invalidTree, "the GroupInfo signer is blank") }
        do { try info.verifySignature(signerKey: signerLeaf.signatureKey, crypto: crypto) } catch { throw MLSError(error, context: "GroupInfo signature") }
        let signer: SignaturePrivateKey
        do {
            signer = try crypto.generateSignatureKey()
            placeholderLeafKey = try crypto.generateHPKEKey()
        } catch { throw MLSError(error, context: "observer placeholder keys") }
        self.crypto = crypto
        self.config = config
        context = info.groupContext
        self.tree = tree
        confirmationTag = info.confirmationTag
        interimTranscriptHash = TranscriptHash.interim(crypto, confirmed: info.groupContext.confirmedTranscriptHash,
                                                       confirmationTag: info.confirmationTag)
        placeholder = MemberIdentity(credential: .basic(identity: []), signer: signer, capabilities: MemberIdentity.defaultCapabilities(crypto.suite))
    }

    /// The current epoch.
    public var epoch: UInt64 { context.epoch }
    /// The group id.
    public var groupID: [UInt8] { context.groupID }
    /// The credential of the member at `leaf`, or nil when the leaf is blank.
    public func credential(at leaf: LeafIndex) -> Credential? { tree.leafNode(at: leaf)?.credential }
    /// The members: leaf and credential, in leaf order.
    public var roster: [(leaf: LeafIndex, credential: Credential)] {
        tree.occupiedLeaves.compactMap { leaf in tree.leafNode(at: leaf).map { (leaf, $0.credential) } }
    }
    /// Proposals accepted this epoch and not yet committed, in arrival order.
    public var pendingProposals: [(reference: ProposalRef, proposal: Proposal, sender: Sender)] {
        proposals.map { ($0.reference, $0.proposal, $0.sender) }
    }

    /// A member's state as far as the observer knows it (zero secrets), for the proposal rules.
    func publicState() throws(MLSError) -> GroupState {
        let zeros = KeySchedule.zeros(crypto)
        let secrets = EpochSecrets(joinerSecret: zeros, welcomeSecret: zeros, epochSecret: zeros, senderDataSecret: zeros,
                                   encryptionSecret: zeros, exporterSecret: zeros, externalSecret: zeros, confirmationKey: zeros,
                                   membershipKey: zeros, resumptionPSK: zeros, epochAuthenticator: zeros, initSecret: zeros)
        return GroupState(context: context, tree: tree, privateTree: TreePrivateState(leaf: LeafIndex(0), leafKey: placeholderLeafKey), identity: placeholder,
                          interimTranscriptHash: interimTranscriptHash, confirmationTag: confirmationTag, secrets: secrets,
                          secretTree: try SecretTree(encryptionSecret: zeros, leafCount: tree.leafCount),
                          proposals: proposals)
    }

    /// Checks a PublicMessage's group, epoch and signature (member from the tree, new member from its own
    /// key) and returns its authenticated content. `wrongEpoch` names the observer's epoch.
    func authenticate(_ message: MLSMessage) throws(MLSError) -> AuthenticatedContent {
        guard case .publicMessage(let pub) = message.body else {
            throw MLSError(.invalidContentType, "an observer sees only PublicMessage handshakes, not \(message.wireFormat)")
        }
        let content = pub.content
        guard content.groupID == context.groupID else { throw MLSError(.wrongGroup, "PublicMessage for another group") }
        guard content.epoch == context.epoch else {
            throw MLSError(.wrongEpoch, "PublicMessage for epoch \(content.epoch); the group is at epoch \(context.epoch)")
        }
        let keyBytes: [UInt8]
        switch content.sender {
        case .member(let leaf):
            guard let node = tree.leafNode(at: leaf) else { throw MLSError(.invalidSender, "\(content.sender) is not a member") }
            keyBytes = node.signatureKey
        case .newMemberCommit:
            guard case .commit(let commit) = content.body, let path = commit.path else {
                throw MLSError(.invalidSender, "an external commit needs an UpdatePath")
            }
            keyBytes = path.leafNode.signatureKey
        case .external, .newMemberProposal:
            throw MLSError(.invalidSender, "an observer accepts handshakes of members and external committers only")
        }
        do {
            let key = try crypto.signaturePublicKey(keyBytes)
            let tbs = try FramedContentTBS(wireFormat: .publicMessage, content: content, context: context)
            try crypto.verifyWithLabel(key, FramedContentTBS.signatureLabel, tbs.encoded(), pub.auth.signature)
        } catch let error as CodecError { throw MLSError(error, context: "FramedContentTBS") }
        catch let error as CryptoError { throw MLSError(error, context: "PublicMessage signature") }
        catch { throw MLSError(.crypto, "\(error)") }
        return pub.authenticatedContent
    }

    /// Validates a proposal (a PublicMessage from a member of this epoch); `addPending` keeps it.
    public func observeProposal(_ message: MLSMessage) throws(MLSError) -> ObservedProposal {
        let auth = try authenticate(message)
        guard case .proposal(let proposal) = auth.content.body, case .member(let leaf) = auth.content.sender else {
            throw MLSError(.invalidContentType, "not a member's proposal")
        }
        if case .externalInit = proposal { throw MLSError(.invalidProposal, "ExternalInit is valid only inside an external commit") }
        let state = try publicState()
        _ = try ProposalApplication.apply([ProposalEntry(proposal: proposal, sender: auth.content.sender, reference: nil)],
                                          committer: .newMemberProposal, external: false, state: state, crypto: crypto, config: config,
                                          standalone: true)
        let reference = ProposalRef(auth, crypto: crypto)
        guard !proposals.contains(where: { $0.reference == reference }) else { throw MLSError(.invalidProposal, "the proposal was already received") }
        return ObservedProposal(reference: reference, proposal: proposal, sender: leaf, epoch: context.epoch)
    }

    /// Keeps an observed proposal of this epoch pending, for commits to reference.
    public mutating func addPending(_ observed: ObservedProposal) throws(MLSError) {
        guard observed.epoch == context.epoch else { throw MLSError(.wrongEpoch, "proposal of epoch \(observed.epoch)") }
        guard !proposals.contains(where: { $0.reference == observed.reference }) else { throw MLSError(.invalidProposal, "duplicate proposal") }
        proposals.append(PendingProposal(reference: observed.reference, proposal: observed.proposal, sender: .member(observed.sender)))
    }

    /// Validates a commit and computes the next epoch's public state; nothing changes until `apply`.
    public func observeCommit(_ message: MLSMessage) throws(MLSError) -> ObservedCommit {
        let auth = try authenticate(message)
        guard case .commit(let commit) = auth.content.body else { throw MLSError(.invalidContentType, "not a commit") }
        let sender = auth.content.sender
        let external = sender == .newMemberCommit
        var entries: [ProposalEntry] = []
        for item in commit.proposals {
            switch item {
            case .reference(let ref):
                guard !external, let p = proposals.first(where: { $0.reference == ref }) else {
                    throw MLSError(.invalidProposal, "the commit references an unknown proposal \(ref)")
                }
                entries.append(ProposalEntry(proposal: p.proposal, sender: p.sender, reference: ref, validated: true))
            case .proposal(let p):
                entries.append(ProposalEntry(proposal: p, sender: sender, reference: nil))
            }
        }
        let state = try publicState()
        var applied = try ProposalApplication.apply(entries, committer: sender, external: external, state: state, crypto: crypto, config: config)
        guard !applied.pathRequired || commit.path != nil else { throw MLSError(.invalidCommit, "the commit needs an UpdatePath") }
        var committerLeaf = sender.memberLeaf ?? LeafIndex(0)
        if external {
            guard let path = commit.path else { throw MLSError(.invalidCommit, "an external commit needs an UpdatePath") }
            var placeholderLeaf = path.leafNode
            placeholderLeaf.encryptionKey = []
            committerLeaf = try applied.tree.addLeaf(placeholderLeaf)
        }
        if let path = commit.path {
            let params = TreeValidationParameters(groupID: context.groupID,
                                                  requiredCapabilities: ProposalApplication.requiredCapabilities(applied.extensions),
                                                  currentTime: config.currentTime)
            applied.tree = try applied.tree.merging(path, from: committerLeaf, params, crypto)
        }
        guard let tag = auth.auth.confirmationTag else { throw MLSError(.invalidCommit, "a commit without a confirmation tag") }
        var next = context
        next.epoch += 1
        next.treeHash = applied.tree.treeHash(crypto)
        next.confirmedTranscriptHash = try TranscriptHash.confirmed(crypto, interimBefore: interimTranscriptHash, commit: auth)
        next.extensions = applied.extensions
        let removedBySelf = entries.compactMap { e -> LeafIndex? in if case .selfRemove = e.proposal { return e.sender.memberLeaf } else { return nil } }
        let removed = applied.removed.map { leaf in
            ObservedCommit.Member(leaf: leaf, credential: tree.leafNode(at: leaf)?.credential ?? .basic(identity: []),
                                  byItself: removedBySelf.contains(leaf))
        }
        let added = applied.added.map { a in
            ObservedCommit.Added(leaf: a.leaf, credential: a.keyPackage.leafNode.credential, keyPackageRef: KeyPackageRef(a.keyPackage, crypto: crypto))
        }
        guard let committerCredential = applied.tree.leafNode(at: committerLeaf)?.credential else {
            throw MLSError(.invalidCommit, "the committer's leaf is blank after the commit")
        }
        return ObservedCommit(committer: sender, committerLeaf: committerLeaf, committerCredential: committerCredential, added: added,
                              removed: removed, appDataUpdates: applied.appDataUpdates, authenticatedData: auth.content.authenticatedData,
                              context: next, tree: applied.tree,
                              confirmationTag: tag,
                              interimTranscriptHash: TranscriptHash.interim(crypto, confirmed: next.confirmedTranscriptHash, confirmationTag: tag))
    }

    /// Checks that `info` is the GroupInfo of the epoch `observed` starts: the same GroupContext and
    /// confirmation tag, signed by a member of the new tree. Throws `invalidCommit` or `invalidSignature`.
    public func verifyGroupInfo(_ info: GroupInfo, for observed: ObservedCommit) throws(MLSError) {
        guard info.groupContext == observed.context else {
            throw MLSError(.invalidCommit, "the GroupInfo's context is not the one the commit produces")
        }
        guard info.confirmationTag == observed.confirmationTag else {
            throw MLSError(.invalidConfirmationTag, "the GroupInfo's confirmation tag is not the commit's")
        }
        guard let signer = observed.tree.leafNode(at: info.signer) else { throw MLSError(.invalidTree, "the GroupInfo signer is blank") }
        do { try info.verifySignature(signerKey: signer.signatureKey, crypto: crypto) } catch { throw MLSError(error, context: "GroupInfo signature") }
    }

    /// Moves to the epoch of an observed commit of this epoch; pending proposals end with the epoch.
    public mutating func apply(_ observed: ObservedCommit) throws(MLSError) {
        guard observed.context.groupID == context.groupID, observed.context.epoch == context.epoch + 1 else {
            throw MLSError(.wrongEpoch, "observed commit for epoch \(observed.context.epoch); the observer is at \(context.epoch)")
        }
        context = observed.context
        tree = observed.tree
        confirmationTag = observed.confirmationTag
        interimTranscriptHash = observed.interimTranscriptHash
        proposals = []
    }
}

/// A proposal an observer validated.
public struct ObservedProposal: Sendable {
    /// Its reference.
    public let reference: ProposalRef
    /// The proposal.
    public let proposal: Proposal
    /// The proposing member.
    public let sender: LeafIndex
    /// The epoch it belongs to.
    public let epoch: UInt64
}

/// A commit an observer validated: who committed, who comes and goes, and the next public state.
public struct ObservedCommit: Sendable {
    /// A member leaving (by Remove, or by its own SelfRemove when `byItself`).
    public struct Member: Sendable {
        /// Its leaf before the commit.
        public let leaf: LeafIndex
        /// Its credential.
        public let credential: Credential
        /// Whether it left by SelfRemove.
        public let byItself: Bool
    }
    /// A member added by an Add proposal.
    public struct Added: Sendable {
        /// Its new leaf.
        public let leaf: LeafIndex
        /// Its credential.
        public let credential: Credential
        /// The reference of its KeyPackage (the Welcome is addressed by it).
        public let keyPackageRef: KeyPackageRef
    }

    /// The committer (`newMemberCommit` for an external commit).
    public let committer: Sender
    /// The committer's leaf after the commit (the joiner's new leaf for an external commit).
    public let committerLeaf: LeafIndex
    /// The committer's credential.
    public let committerCredential: Credential
    /// Members added by Add proposals, in order.
    public let added: [Added]
    /// Members removed, in order.
    public let removed: [Member]
    /// The AppDataUpdate proposals (by value or by reference), in commit order; `context` holds their result.
    public let appDataUpdates: [AppDataUpdate]
    /// The commit's authenticated data.
    public let authenticatedData: [UInt8]
    /// The GroupContext of the new epoch.
    public let context: GroupContext
    let tree: RatchetTree
    /// The commit's confirmation tag.
    public let confirmationTag: [UInt8]
    let interimTranscriptHash: [UInt8]

    /// The new epoch.
    public var epoch: UInt64 { context.epoch }
    /// Whether this is an external commit.
    public var isExternal: Bool { committer == .newMemberCommit }
}
