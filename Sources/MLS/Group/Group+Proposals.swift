import MLSCrypto

extension Group {
    /// Sends a proposal (RFC 9420 §12.1): frames, signs and protects it, and keeps it pending here too,
    /// as every receiver will. Returns the message to send and the proposal's reference.
    public mutating func propose(_ proposal: Proposal, authenticatedData: [UInt8] = []) throws(MLSError) -> (message: MLSMessage, reference: ProposalRef) {
        let me = Sender.member(state.myLeaf)
        try validateStandalone(proposal, sender: me)
        if case .update = proposal { throw MLSError(.invalidProposal, "use proposeUpdate, which keeps the new private key") }
        return try sendProposal(proposal, authenticatedData: authenticatedData)
    }

    /// Proposes adding the member of `keyPackage`.
    public mutating func proposeAdd(_ keyPackage: KeyPackage) throws(MLSError) -> (message: MLSMessage, reference: ProposalRef) {
        try propose(.add(AddProposal(keyPackage: keyPackage)))
    }

    /// Proposes removing the member at `leaf`.
    public mutating func proposeRemove(_ leaf: LeafIndex) throws(MLSError) -> (message: MLSMessage, reference: ProposalRef) {
        try propose(.remove(RemoveProposal(removed: leaf)))
    }

    /// Proposes a fresh leaf encryption key for this member (an Update, §12.1.2); another member must commit it.
    public mutating func proposeUpdate() throws(MLSError) -> (message: MLSMessage, reference: ProposalRef) {
        guard var leaf = state.tree.leafNode(at: state.myLeaf) else { throw MLSError(.invalidTree, "this member's leaf is blank") }
        let key: HPKEPrivateKey
        do {
            key = try crypto.generateHPKEKey()
            leaf.encryptionKey = key.publicKey.bytes
            leaf.source = .update
            try leaf.sign(with: state.identity.signer, crypto: crypto, groupID: state.context.groupID, leafIndex: state.myLeaf)
        } catch { throw MLSError(error, context: "Update leaf node") }
        let proposal = Proposal.update(UpdateProposal(leafNode: leaf))
        let sent = try sendProposal(proposal, authenticatedData: [])
        state.ownUpdates.append((sent.reference, key, leaf))
        return sent
    }

    /// Proposes using a pre-shared key: an external PSK this member knows, or this group's resumption PSK of an epoch.
    public mutating func proposePSK(_ source: PSKSource) throws(MLSError) -> (message: MLSMessage, reference: ProposalRef) {
        let id = PreSharedKeyID(source: source, nonce: crypto.random.bytes(crypto.suite.hashLength))
        _ = try EpochTransition.pskSecret(crypto, ids: [id], groupID: state.context.groupID, state: state, config: config)
        return try propose(.preSharedKey(PreSharedKeyProposal(psk: id)))
    }

    mutating func sendProposal(_ proposal: Proposal, authenticatedData: [UInt8]) throws(MLSError) -> (message: MLSMessage, reference: ProposalRef) {
        let content = FramedContent(groupID: state.context.groupID, epoch: state.context.epoch, sender: .member(state.myLeaf),
                                    authenticatedData: authenticatedData, body: .proposal(proposal))
        let message: MLSMessage
        let auth: AuthenticatedContent
        var secretTree = state.secretTree
        switch config.handshakeFormat {
        case .publicMessage:
            let pub = try PublicMessageProtection.protect(crypto, content: content, context: state.context, signer: state.identity.signer,
                                                          membershipKey: state.secrets.membershipKey)
            message = MLSMessage(.publicMessage(pub))
            auth = pub.authenticatedContent
        case .privateMessage:
            let signature = try PublicMessageProtection.sign(crypto, content: content, wireFormat: .privateMessage, context: state.context,
                                                             signer: state.identity.signer)
            let priv = try PrivateMessageProtection.protect(crypto, content: content, context: state.context, signer: state.identity.signer,
                                                            secretTree: &secretTree, senderDataSecret: state.secrets.senderDataSecret,
                                                            paddingLength: config.paddingLength, signature: signature)
            message = MLSMessage(.privateMessage(priv))
            do { auth = try AuthenticatedContent(wireFormat: .privateMessage, content: content, auth: FramedContentAuthData(signature: signature)) }
            catch { throw MLSError(error, context: "proposal") }
        }
        let reference = ProposalRef(auth, crypto: crypto)
        state.secretTree = secretTree
        state.proposals.append(PendingProposal(reference: reference, proposal: proposal, sender: .member(state.myLeaf)))
        return (message, reference)
    }

    /// Encrypts application data as a PrivateMessage from this member (§6.3), advancing its application ratchet.
    public mutating func encrypt(_ data: [UInt8], authenticatedData: [UInt8] = []) throws(MLSError) -> MLSMessage {
        let content = FramedContent(groupID: state.context.groupID, epoch: state.context.epoch, sender: .member(state.myLeaf),
                                    authenticatedData: authenticatedData, body: .application(data))
        var secretTree = state.secretTree
        let message = try PrivateMessageProtection.protect(crypto, content: content, context: state.context, signer: state.identity.signer,
                                                           secretTree: &secretTree, senderDataSecret: state.secrets.senderDataSecret,
                                                           paddingLength: config.paddingLength)
        state.secretTree = secretTree
        return MLSMessage(.privateMessage(message))
    }
}
