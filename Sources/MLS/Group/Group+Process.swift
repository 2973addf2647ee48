import MLSCrypto

extension Group {
    /// Processes an incoming PublicMessage or PrivateMessage of this group into a typed result.
    ///
    /// Application data and proposals are accepted into the group (the ratchet key is consumed, the
    /// proposal becomes pending). A commit is returned staged: call `merge` to move to its epoch. Any
    /// rejection throws and leaves the group exactly as it was.
    ///
    /// `memo` (simulations): the memo of the decoded message every recipient shares, where opening a PrivateMessage's
    /// sender data is kept for them instead of in the result cache (`PrivateMessageProtection.unprotectStaged`).
    public mutating func process(_ message: MLSMessage, memo: SharedMemo? = nil) throws(MLSError) -> ProcessedMessage {
        let auth: AuthenticatedContent
        var secretTreeUpdate: SecretTree.Update?
        switch message.body {
        case .publicMessage(let pub):
            let key = try signerKey(for: pub.content)
            auth = try PublicMessageProtection.unprotect(crypto, pub, context: state.context, membershipKey: state.secrets.membershipKey,
                                                         signerKey: { _ throws(MLSError) in key })
        case .privateMessage(let priv):
            // The closure captures locals only (not `self`), so the state's fields are passed without being copied.
            let tree = state.tree, crypto = self.crypto
            (auth, secretTreeUpdate) = try PrivateMessageProtection.unprotectStaged(
                crypto, priv, context: state.context, secretTree: state.secretTree, senderDataSecret: state.secrets.senderDataSecret,
                signerKey: { sender throws(MLSError) in try Group.memberKey(sender, tree: tree, crypto: crypto) },
                signerBytes: { sender in if case .member(let leaf) = sender { tree.signatureKey(at: leaf) } else { nil } }, memo: memo)
        default:
            throw MLSError(.invalidContentType, "a \(message.wireFormat) is not a group message; use join for a Welcome")
        }
        switch auth.content.body {
        case .application(let data):
            guard case .member(let leaf) = auth.content.sender else { throw MLSError(.invalidSender, "application data from a non-member") }
            if let u = secretTreeUpdate { state.secretTree.apply(u) }
            return .application(data: data, sender: leaf, authenticatedData: auth.content.authenticatedData)
        case .proposal(let proposal):
            try validateStandalone(proposal, sender: auth.content.sender)
            let reference = ProposalRef(auth, crypto: crypto)
            if let u = secretTreeUpdate { state.secretTree.apply(u) }
            if !state.proposals.contains(where: { $0.reference == reference }) {
                state.proposals.append(PendingProposal(reference: reference, proposal: proposal, sender: auth.content.sender))
            }
            return .proposal(reference: reference, proposal: proposal, sender: auth.content.sender)
        case .commit:
            return .commit(try stageCommit(auth))
        }
    }

    /// The signature key of a framed message's sender (§6.1): a member's leaf, an external sender of the
    /// group's `external_senders`, or the new member's own key inside the content.
    func signerKey(for content: FramedContent) throws(MLSError) -> SignaturePublicKey {
        let bytes: [UInt8]
        switch content.sender {
        case .member:
            return try Group.memberKey(content.sender, tree: state.tree, crypto: crypto)
        case .external(let index):
            let senders: [ExternalSender]
            do { senders = try state.context.extensions.externalSenders() ?? [] } catch { throw MLSError(error, context: "external_senders") }
            guard Int(index) < senders.count else { throw MLSError(.invalidSender, "external sender \(index) is not in external_senders") }
            bytes = senders[Int(index)].signatureKey
        case .newMemberProposal:
            guard case .proposal(.add(let add)) = content.body else { throw MLSError(.invalidSender, "a new member may only propose its own Add") }
            bytes = add.keyPackage.leafNode.signatureKey
        case .newMemberCommit:
            guard case .commit(let commit) = content.body, let path = commit.path else {
                throw MLSError(.invalidSender, "an external commit needs an UpdatePath")
            }
            bytes = path.leafNode.signatureKey
        }
        do { return try crypto.signaturePublicKey(bytes) } catch { throw MLSError(error, context: "sender's signature key") }
    }

    /// A member's signature key from the tree.
    static func memberKey(_ sender: Sender, tree: RatchetTree, crypto: CryptoContext) throws(MLSError) -> SignaturePublicKey {
        guard case .member(let leaf) = sender, let key = tree.signatureKey(at: leaf) else {
            throw MLSError(.invalidSender, "\(sender) is not a member")
        }
        do { return try crypto.signaturePublicKey(key) } catch { throw MLSError(error, context: "member signature key") }
    }

    /// Checks one proposal on its own (§12.1) and who may send it (§12.1.8, §6).
    func validateStandalone(_ proposal: Proposal, sender: Sender) throws(MLSError) {
        switch sender {
        case .external:
            switch proposal {
            case .add, .remove, .preSharedKey, .reInit, .groupContextExtensions, .appDataUpdate: break
            default: throw MLSError(.invalidProposal, "an external sender may not propose \(proposal.proposalType)")
            }
        case .newMemberProposal:
            guard case .add = proposal else { throw MLSError(.invalidProposal, "a new member may only propose Add") }
        case .newMemberCommit:
            throw MLSError(.invalidSender, "new_member_commit sends only commits")
        case .member:
            break
        }
        if case .externalInit = proposal { throw MLSError(.invalidProposal, "ExternalInit is valid only inside an external commit") }
        // The list rules and application check the rest (key packages, leaf nodes, blank targets, extensions).
        _ = try ProposalApplication.apply([ProposalEntry(proposal: proposal, sender: sender, reference: nil)], committer: .newMemberProposal,
                                          external: false, state: state, crypto: crypto, config: config, standalone: true)
    }

    /// Validates a commit from another member (or an external joiner) and computes its epoch (§12.4.2).
    func stageCommit(_ auth: AuthenticatedContent) throws(MLSError) -> StagedCommit {
        guard case .commit(let commit) = auth.content.body else { throw MLSError(.invalidCommit, "not a commit") }
        let sender = auth.content.sender
        let external: Bool
        switch sender {
        case .member(let leaf):
            guard leaf != state.myLeaf else { throw MLSError(.invalidCommit, "this member's own commit: merge its StagedCommit instead") }
            external = false
        case .newMemberCommit:
            external = true
        default:
            throw MLSError(.invalidSender, "\(sender) cannot commit")
        }
        var entries: [ProposalEntry] = []
        for item in commit.proposals {
            switch item {
            case .reference(let ref):
                guard !external, let p = state.proposals.first(where: { $0.reference == ref }) else {
                    throw MLSError(.invalidProposal, "the commit references an unknown proposal \(ref)")
                }
                entries.append(ProposalEntry(proposal: p.proposal, sender: p.sender, reference: ref, validated: true))
            case .proposal(let p):
                entries.append(ProposalEntry(proposal: p, sender: sender, reference: nil))
            }
        }
        var applied = try ProposalApplication.apply(entries, committer: sender, external: external, state: state, crypto: crypto, config: config)
        guard !applied.pathRequired || commit.path != nil else { throw MLSError(.invalidCommit, "the commit needs an UpdatePath") }
        if applied.removed.contains(state.myLeaf) {
            return StagedCommit(state: nil, epoch: state.context.epoch + 1, committer: sender, addedLeaves: applied.added.map(\.leaf),
                                removedLeaves: applied.removed, removesMe: true, proposals: applied.ordered)
        }
        var privateTree = state.privateTree
        if let mine = applied.updated.first(where: { $0.leaf == state.myLeaf }) {
            guard let own = state.ownUpdates.first(where: { $0.reference == mine.reference }) else {
                throw MLSError(.invalidProposal, "an Update of this member that it did not send")
            }
            privateTree.setLeafKey(own.key)
        }
        privateTree.dropStaleKeys(applied.tree)

        var committerLeaf = sender.memberLeaf ?? LeafIndex(0)
        if external {
            guard let path = commit.path else { throw MLSError(.invalidCommit, "an external commit needs an UpdatePath") }
            var placeholder = path.leafNode
            placeholder.encryptionKey = []
            committerLeaf = try applied.tree.addLeaf(placeholder)
        }
        var commitSecret = KeySchedule.zeros(crypto)
        if let path = commit.path {
            let params = TreeValidationParameters(groupID: state.context.groupID,
                                                  requiredCapabilities: ProposalApplication.requiredCapabilities(applied.extensions),
                                                  currentTime: config.currentTime)
            var merged = try applied.tree.merging(path, from: committerLeaf, params, crypto)
            var provisional = state.context
            provisional.epoch += 1
            provisional.treeHash = merged.treeHash(crypto)
            provisional.extensions = applied.extensions
            let processed = try privateTree.processing(path, from: committerLeaf, mergedTree: merged, excluding: applied.added.map(\.leaf),
                                                       groupContext: provisional, crypto)
            privateTree = processed.privateState
            commitSecret = processed.commitSecret
            applied.tree = merged
        }
        var initSecret = state.secrets.initSecret
        if external {
            guard let ei = applied.externalInit else { throw MLSError(.invalidCommit, "external commit without ExternalInit") }
            let externalKey = try KeySchedule.externalKeyPair(crypto, externalSecret: state.secrets.externalSecret)
            do {
                initSecret = try crypto.hpkeExportReceiver(enc: ei.kemOutput, with: externalKey, info: [],
                                                           exporterContext: Array("MLS 1.0 external init secret".utf8), length: crypto.suite.hashLength)
            } catch { throw MLSError(error, context: "ExternalInit") }
        }
        let pskSecret = try EpochTransition.pskSecret(crypto, ids: applied.psks, groupID: state.context.groupID, state: state, config: config)
        var (next, tag) = try EpochTransition.advance(crypto, config: config, from: state, tree: applied.tree, privateTree: privateTree,
                                                      extensions: applied.extensions, commitSecret: commitSecret, initSecret: initSecret,
                                                      pskSecret: pskSecret, wireFormat: auth.wireFormat, content: auth.content,
                                                      signature: auth.auth.signature, sharing: true)
        guard let received = auth.auth.confirmationTag, constantTimeEqual(received, tag) else {
            throw MLSError(.invalidConfirmationTag, "the commit's confirmation tag does not match the new epoch")
        }
        next.reInit = applied.reInit
        return StagedCommit(state: next, epoch: next.context.epoch, committer: sender, addedLeaves: applied.added.map(\.leaf),
                            removedLeaves: applied.removed, removesMe: false, proposals: applied.ordered)
    }
}
