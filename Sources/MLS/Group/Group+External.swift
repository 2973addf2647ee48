import MLSCrypto

extension Group {
    /// Joins by external commit (RFC 9420 §12.4.3.2) from a GroupInfo carrying `external_pub`: derives the
    /// init secret through HPKE export to the external key, adds this member at the leftmost blank leaf with
    /// an UpdatePath, optionally removing its own old leaf (resync). Returns the group in the new epoch and
    /// the commit to send (a PublicMessage from `new_member_commit`).
    public static func joinExternally(_ crypto: CryptoContext, groupInfo info: GroupInfo, identity: MemberIdentity,
                                      ratchetTree outOfBand: RatchetTree? = nil, removing oldLeaf: LeafIndex? = nil,
                                      config: GroupConfig = GroupConfig(), authenticatedData: [UInt8] = []) throws(MLSError) -> (group: Group, commit: MLSMessage) {
        guard info.groupContext.cipherSuite == CipherSuiteID(crypto.suite) else { throw MLSError(.invalidCommit, "GroupInfo for another cipher suite") }
        var tree = try ratchetTree(from: info, outOfBand: outOfBand)
        let params = TreeValidationParameters(groupID: info.groupContext.groupID,
                                              requiredCapabilities: ProposalApplication.requiredCapabilities(info.groupContext.extensions),
                                              currentTime: config.currentTime)
        try tree.validate(params, expectedTreeHash: info.groupContext.treeHash, crypto)
        guard let signerLeaf = tree.leafNode(at: info.signer) else { throw MLSError(.invalidTree, "the GroupInfo signer is blank") }
        do { try info.verifySignature(signerKey: signerLeaf.signatureKey, crypto: crypto) } catch { throw MLSError(error, context: "GroupInfo signature") }
        let externalPub: ExternalPub
        do {
            guard let pub = try info.extensions.externalPub() else { throw MLSError(.invalidCommit, "the GroupInfo has no external_pub") }
            externalPub = pub
        } catch let error as CodecError { throw MLSError(error, context: "external_pub") } catch let error as MLSError { throw error } catch { throw MLSError(.crypto, "\(error)") }
        let (kemOutput, initSecret): ([UInt8], [UInt8])
        do {
            (kemOutput, initSecret) = try crypto.hpkeExportSender(to: try crypto.hpkePublicKey(externalPub.externalPub), info: [],
                                                                   exporterContext: Array("MLS 1.0 external init secret".utf8),
                                                                   length: crypto.suite.hashLength)
        } catch { throw MLSError(error, context: "ExternalInit") }

        // The state a member of the GroupInfo's epoch would have, as far as a joiner can know it.
        var proposals: [Proposal] = [.externalInit(ExternalInitProposal(kemOutput: kemOutput))]
        if let oldLeaf {
            guard tree.leafNode(at: oldLeaf)?.credential == identity.credential else {
                throw MLSError(.invalidProposal, "a resync may only remove a leaf with this member's own credential")
            }
            proposals.append(.remove(RemoveProposal(removed: oldLeaf)))
        }
        let zeros = KeySchedule.zeros(crypto)
        let placeholderSecrets = EpochSecrets(joinerSecret: zeros, welcomeSecret: zeros, epochSecret: zeros, senderDataSecret: zeros,
                                              encryptionSecret: zeros, exporterSecret: zeros, externalSecret: zeros, confirmationKey: zeros,
                                              membershipKey: zeros, resumptionPSK: zeros, epochAuthenticator: zeros, initSecret: initSecret)
        let leafKey: HPKEPrivateKey
        do { leafKey = try crypto.generateHPKEKey() } catch { throw MLSError(error, context: "leaf key") }
        let before = GroupState(context: info.groupContext, tree: tree, privateTree: TreePrivateState(leaf: LeafIndex(0), leafKey: leafKey),
                                identity: identity,
                                interimTranscriptHash: TranscriptHash.interim(crypto, confirmed: info.groupContext.confirmedTranscriptHash,
                                                                              confirmationTag: info.confirmationTag),
                                confirmationTag: info.confirmationTag, secrets: placeholderSecrets,
                                secretTree: try SecretTree(encryptionSecret: zeros, leafCount: tree.leafCount))
        let entries = proposals.map { ProposalEntry(proposal: $0, sender: .newMemberCommit, reference: nil) }
        var applied = try ProposalApplication.apply(entries, committer: .newMemberCommit, external: true, state: before, crypto: crypto, config: config)
        let template = LeafNode(encryptionKey: [], signatureKey: identity.signer.publicKey.bytes, credential: identity.credential,
                                capabilities: identity.capabilities, source: .update)
        let myLeaf = try applied.tree.addLeaf(template)
        let prepared = try applied.tree.preparingUpdatePath(from: myLeaf, leafTemplate: template, signingKey: identity.signer,
                                                            groupID: info.groupContext.groupID, crypto)
        var provisional = info.groupContext
        provisional.epoch += 1
        provisional.treeHash = prepared.treeHash
        provisional.extensions = applied.extensions
        let path = try prepared.encrypt(groupContext: provisional, excluding: [], crypto)
        applied.tree = prepared.tree

        let content = FramedContent(groupID: info.groupContext.groupID, epoch: info.groupContext.epoch, sender: .newMemberCommit,
                                    authenticatedData: authenticatedData,
                                    body: .commit(Commit(proposals: proposals.map { .proposal($0) }, path: path)))
        let signature = try PublicMessageProtection.sign(crypto, content: content, wireFormat: .publicMessage, context: info.groupContext,
                                                         signer: identity.signer)
        let pskSecret = try EpochTransition.pskSecret(crypto, ids: applied.psks, groupID: info.groupContext.groupID, state: nil, config: config)
        var (next, tag) = try EpochTransition.advance(crypto, config: config, from: before, tree: applied.tree, privateTree: prepared.privateState,
                                                      extensions: applied.extensions, commitSecret: prepared.commitSecret, initSecret: initSecret,
                                                      pskSecret: pskSecret, wireFormat: .publicMessage, content: content, signature: signature)
        next.resumptionPSKs = []
        let message = try PublicMessageProtection.assemble(crypto, content: content, signature: signature, context: info.groupContext,
                                                           membershipKey: zeros, confirmationTag: tag)
        return (Group(crypto: crypto, config: config, state: next), MLSMessage(.publicMessage(message)))
    }
}
