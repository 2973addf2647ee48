import MLSCrypto

/// The move from one epoch to the next that committer and receivers compute alike (RFC 9420 §8, §12.4):
/// confirmed transcript hash, new GroupContext, key schedule, confirmation tag, interim hash, secret tree.
enum EpochTransition {
    /// The next epoch's state and its confirmation tag.
    static func advance(_ crypto: CryptoContext, config: GroupConfig, from old: GroupState, tree: RatchetTree,
                        privateTree: TreePrivateState, extensions: ExtensionList, commitSecret: [UInt8], initSecret: [UInt8],
                        pskSecret: [UInt8], wireFormat: WireFormat, content: FramedContent,
                        signature: [UInt8]) throws(MLSError) -> (state: GroupState, confirmationTag: [UInt8]) {
        var tree = tree
        let input: ConfirmedTranscriptHashInput
        do { input = try ConfirmedTranscriptHashInput(wireFormat: wireFormat, content: content, signature: signature) }
        catch { throw MLSError(error, context: "ConfirmedTranscriptHashInput") }
        let confirmed = crypto.hash(old.interimTranscriptHash + input.encoded())
        var context = old.context
        context.epoch += 1
        context.treeHash = tree.treeHash(crypto)
        context.confirmedTranscriptHash = confirmed
        context.extensions = extensions
        let secrets = try KeySchedule.epoch(crypto, initSecret: initSecret, commitSecret: commitSecret, pskSecret: pskSecret,
                                            groupContext: context.encoded())
        let tag = TranscriptHash.confirmationTag(crypto, confirmationKey: secrets.confirmationKey, confirmed: confirmed)
        var next = old
        next.rememberResumptionPSK(limit: config.resumptionHistory)
        next.context = context
        next.tree = tree
        next.privateTree = privateTree
        next.secrets = secrets
        next.confirmationTag = tag
        next.interimTranscriptHash = TranscriptHash.interim(crypto, confirmed: confirmed, confirmationTag: tag)
        next.secretTree = try SecretTree(encryptionSecret: secrets.encryptionSecret, leafCount: tree.leafCount, sharing: crypto)
        next.proposals = []
        next.ownUpdates = []
        return (next, tag)
    }

    /// The PSK secret of a commit or Welcome: external PSKs from the config, resumption PSKs of this group
    /// from its history (§8.4, §8.6). A PSK this member does not have gives `missingPSK`.
    static func pskSecret(_ crypto: CryptoContext, ids: [PreSharedKeyID], groupID: [UInt8], state: GroupState?,
                          config: GroupConfig) throws(MLSError) -> [UInt8] {
        var inputs: [(encodedID: [UInt8], value: [UInt8])] = []
        for id in ids {
            switch id.source {
            case .external(let pskID):
                guard let value = config.externalPSKs[pskID] else { throw MLSError(.missingPSK, "external PSK \(OpaqueBytes(pskID)) is unknown") }
                inputs.append((id.encoded(), value))
            case .resumption(_, let pskGroup, let epoch):
                guard pskGroup == groupID, let state else { throw MLSError(.missingPSK, "resumption PSK of another group") }
                let value: [UInt8]?
                if epoch == state.context.epoch { value = state.secrets.resumptionPSK }
                else { value = state.resumptionPSKs.first { $0.epoch == epoch }?.psk }
                guard let value else { throw MLSError(.missingPSK, "no resumption PSK for epoch \(epoch)") }
                inputs.append((id.encoded(), value))
            }
        }
        return try PSKSecret.derive(crypto, psks: inputs)
    }
}

/// Signed GroupInfo of an epoch (§12.4.3).
enum GroupInfoBuilder {
    static func make(_ crypto: CryptoContext, state: GroupState, includeTree: Bool, includeExternalPub: Bool) throws(MLSError) -> GroupInfo {
        var extensions: [Extension] = []
        if includeTree { extensions.append(.ratchetTree(try state.tree.ratchetTreeNodes())) }
        if includeExternalPub {
            let external = try KeySchedule.externalKeyPair(crypto, externalSecret: state.secrets.externalSecret)
            extensions.append(.externalPub(ExternalPub(externalPub: external.publicKey.bytes)))
        }
        do {
            var info = GroupInfo(groupContext: state.context, extensions: try ExtensionList(extensions),
                                 confirmationTag: state.confirmationTag, signer: state.myLeaf, signature: [])
            try info.sign(with: state.identity.signer, crypto: crypto)
            return info
        } catch let error as CodecError {
            throw MLSError(error, context: "GroupInfo")
        } catch let error as CryptoError {
            throw MLSError(error, context: "GroupInfo signature")
        } catch { throw MLSError(.crypto, "\(error)") }
    }
}
