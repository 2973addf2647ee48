import MLSCrypto

extension Group {
    /// Builds a commit of the pending proposals (by reference) and `options.proposals` (by value), with an
    /// UpdatePath when required or asked for (RFC 9420 §12.4). The group does not change: `merge` the
    /// returned `staged` commit once the delivery service accepted it. Pending proposals that are no
    /// longer valid (for example a Remove of a member already removed) are left out.
    public func commit(_ options: CommitOptions = CommitOptions()) throws(MLSError) -> CommitOutput {
        let me = Sender.member(state.myLeaf)
        let byValue = options.proposals.map { ProposalEntry(proposal: $0, sender: me, reference: nil) }
        let pending = options.includePending
            ? state.proposals.map { ProposalEntry(proposal: $0.proposal, sender: $0.sender, reference: $0.reference, validated: true) } : []
        let entries = selectValid(pending, then: byValue, committer: me)
        var applied = try ProposalApplication.apply(entries, committer: me, external: false, state: state, crypto: crypto, config: config)
        if applied.updated.contains(where: { $0.leaf == state.myLeaf }) {
            throw MLSError(.invalidProposal, "the committer's own Update cannot be committed")
        }

        // The UpdatePath, encrypted under the provisional GroupContext.
        var privateTree = state.privateTree
        privateTree.dropStaleKeys(applied.tree)
        var path: UpdatePath?
        var commitSecret = KeySchedule.zeros(crypto)
        var prepared: PreparedUpdatePath?
        if applied.pathRequired || options.forcePath {
            guard let template = applied.tree.leafNode(at: state.myLeaf) else { throw MLSError(.invalidCommit, "the committer is not in the tree") }
            let p = try applied.tree.preparingUpdatePath(from: state.myLeaf, leafTemplate: template, signingKey: state.identity.signer,
                                                         groupID: state.context.groupID, crypto)
            var provisional = state.context
            provisional.epoch += 1
            provisional.treeHash = p.treeHash
            provisional.extensions = applied.extensions
            path = try p.encrypt(groupContext: provisional, excluding: applied.added.map(\.leaf), crypto)
            applied.tree = p.tree
            privateTree = p.privateState
            commitSecret = p.commitSecret
            prepared = p
        }

        // The framed commit and its signature (which enters the confirmed transcript hash).
        let proposals: [ProposalOrRef] = entries.map { e in e.reference.map { .reference($0) } ?? .proposal(e.proposal) }
        let content = FramedContent(groupID: state.context.groupID, epoch: state.context.epoch, sender: me,
                                    authenticatedData: options.authenticatedData, body: .commit(Commit(proposals: proposals, path: path)))
        let wireFormat: WireFormat = config.handshakeFormat == .publicMessage ? .publicMessage : .privateMessage
        let signature = try PublicMessageProtection.sign(crypto, content: content, wireFormat: wireFormat, context: state.context,
                                                         signer: state.identity.signer)
        let pskSecret = try EpochTransition.pskSecret(crypto, ids: applied.psks, groupID: state.context.groupID, state: state, config: config)
        var (next, tag) = try EpochTransition.advance(crypto, config: config, from: state, tree: applied.tree, privateTree: privateTree,
                                                      extensions: applied.extensions, commitSecret: commitSecret,
                                                      initSecret: state.secrets.initSecret, pskSecret: pskSecret,
                                                      wireFormat: wireFormat, content: content, signature: signature)
        next.reInit = applied.reInit

        // The message, protected with the old epoch's keys.
        let message: MLSMessage
        if wireFormat == .publicMessage {
            message = MLSMessage(.publicMessage(try PublicMessageProtection.assemble(
                crypto, content: content, signature: signature, context: state.context,
                membershipKey: state.secrets.membershipKey, confirmationTag: tag)))
        } else {
            var secretTree = state.secretTree
            message = MLSMessage(.privateMessage(try PrivateMessageProtection.protect(
                crypto, content: content, context: state.context, signer: state.identity.signer, secretTree: &secretTree,
                senderDataSecret: state.secrets.senderDataSecret, confirmationTag: tag, paddingLength: config.paddingLength,
                signature: signature)))
        }

        var groupInfo: GroupInfo?
        if options.groupInfo != .none {
            groupInfo = try GroupInfoBuilder.make(crypto, state: next, includeTree: options.groupInfo == .withTree, includeExternalPub: true)
        }
        var welcome: Welcome?
        if !applied.added.isEmpty {
            let infoForWelcome = try GroupInfoBuilder.make(crypto, state: next, includeTree: options.inlineTree, includeExternalPub: false)
            welcome = try makeWelcome(next: next, groupInfo: infoForWelcome, added: applied.added, psks: applied.psks, prepared: prepared)
        }
        let staged = StagedCommit(state: next, epoch: next.context.epoch, committer: me, addedLeaves: applied.added.map(\.leaf),
                                  removedLeaves: applied.removed, removesMe: false, proposals: applied.ordered)
        return CommitOutput(message: message, welcome: welcome, groupInfo: groupInfo, staged: staged)
    }

    /// Applies a commit: this member's own staged commit (after the delivery service accepted it) or one
    /// returned by `process`. A commit that removed this member ends its membership and throws.
    public mutating func merge(_ staged: StagedCommit) throws(MLSError) {
        guard let next = staged.state else { throw MLSError(.invalidSender, "this member was removed by the commit") }
        guard next.context.groupID == state.context.groupID, next.context.epoch == state.context.epoch + 1 else {
            throw MLSError(.wrongEpoch, "staged commit for epoch \(next.context.epoch); the group is at \(state.context.epoch)")
        }
        state = next
    }

    /// Keeps, in order, each proposal that is valid together with those kept before it (the committer's
    /// duty to leave out invalid proposals, §12.2); by-value proposals must all be valid.
    func selectValid(_ pending: [ProposalEntry], then byValue: [ProposalEntry], committer: Sender) -> [ProposalEntry] {
        var kept: [ProposalEntry] = []
        for entry in pending {
            if case .update = entry.proposal, entry.sender == committer { continue }
            let candidate = kept + [entry]
            // Pending proposals were fully validated when they arrived; here only the list rules can fail.
            if (try? ProposalApplication.checkList(candidate + byValue, committer: committer, external: false, state: state)) != nil {
                kept = candidate
            }
        }
        return kept + byValue
    }

    /// The Welcome for the members a commit adds (§12.4.3.1).
    func makeWelcome(next: GroupState, groupInfo: GroupInfo, added: [(leaf: LeafIndex, keyPackage: KeyPackage)],
                     psks: [PreSharedKeyID], prepared: PreparedUpdatePath?) throws(MLSError) -> Welcome {
        let encryptedInfo = try WelcomeSecrets.sealGroupInfo(crypto, groupInfo, welcomeSecret: next.secrets.welcomeSecret)
        let groupSecrets = added.map { (leaf, _) in
            GroupSecrets(joinerSecret: next.secrets.joinerSecret,
                         pathSecret: prepared?.pathSecret(forJoiner: leaf).map { PathSecret(pathSecret: $0.secret) }, psks: psks)
        }
        let secrets = try WelcomeSecrets.sealAll(crypto, secrets: groupSecrets, to: added.map(\.keyPackage), encryptedGroupInfo: encryptedInfo)
        return Welcome(cipherSuite: CipherSuiteID(crypto.suite), secrets: secrets, encryptedGroupInfo: encryptedInfo)
    }
}
