import MLSCrypto

/// The move from one epoch to the next that committer and receivers compute alike (RFC 9420 §8, §12.4):
/// confirmed transcript hash, new GroupContext, key schedule, confirmation tag, interim hash, secret tree.
enum EpochTransition {
    /// The next epoch's state and its confirmation tag.
    ///
    /// With `sharing` (a receiver of a commit) and the context's result cache (simulations), the confirmed transcript
    /// hash and the epoch's secrets are computed once for the members that receive the same commit
    /// (`CryptoContext.shared`): the hash is found by the interim transcript hash and the signature and shared only for
    /// an equal wire format and content; the secrets by the init and commit secrets, and shared only for the same PSK
    /// secret and a byte-equal group context. (The committer's content is another copy of the same value; leaving it
    /// out keeps the receivers' comparisons to arrays they share.)
    static func advance(_ crypto: CryptoContext, config: GroupConfig, from old: GroupState, tree: RatchetTree,
                        privateTree: TreePrivateState, extensions: ExtensionList, commitSecret: [UInt8], initSecret: [UInt8],
                        pskSecret: [UInt8], wireFormat: WireFormat, content: FramedContent,
                        signature: [UInt8], sharing: Bool = false) throws(MLSError) -> (state: GroupState, confirmationTag: [UInt8]) {
        var tree = tree
        let hashInput = { () throws(MLSError) -> ConfirmedHash in
            let input: ConfirmedTranscriptHashInput
            do throws(CodecError) { input = try ConfirmedTranscriptHashInput(wireFormat: wireFormat, content: content, signature: signature) }
            catch { throw MLSError(error, context: "ConfirmedTranscriptHashInput") }
            return ConfirmedHash(wireFormat: wireFormat, content: content, hash: crypto.hash(old.interimTranscriptHash + input.encoded()))
        }
        let confirmed: [UInt8]
        if sharing {
            confirmed = try crypto.shared("confirmed transcript hash", old.interimTranscriptHash, signature, size: { (_: ConfirmedHash) in 1024 },
                                          where: { (known: ConfirmedHash) in known.wireFormat == wireFormat && known.content == content },
                                          compute: hashInput).hash
        } else {
            confirmed = try hashInput().hash
        }
        var context = old.context
        context.epoch += 1
        context.treeHash = tree.treeHash(crypto)
        context.confirmedTranscriptHash = confirmed
        context.extensions = extensions
        let schedule = { [context] () throws(MLSError) -> ScheduledEpoch in
            ScheduledEpoch(pskSecret: pskSecret, context: context,
                           secrets: try KeySchedule.epoch(crypto, initSecret: initSecret, commitSecret: commitSecret, pskSecret: pskSecret,
                                                          groupContext: context.encoded()))
        }
        let secrets: EpochSecrets
        if sharing {
            secrets = try crypto.shared("epoch secrets", initSecret, commitSecret, size: { (_: ScheduledEpoch) in 1024 },
                                        where: { (known: ScheduledEpoch) in sameBytes(known.pskSecret, pskSecret) && known.context.sameBytes(as: context) },
                                        compute: schedule).secrets
        } else {
            secrets = try schedule().secrets
        }
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

    /// A confirmed transcript hash and the wire format and content it covers (with the interim hash and signature it is found by).
    struct ConfirmedHash {
        let wireFormat: WireFormat
        let content: FramedContent
        let hash: [UInt8]
    }

    /// An epoch's secrets and the PSK secret and group context they were derived with (with the init and commit
    /// secrets they are found by).
    struct ScheduledEpoch {
        let pskSecret: [UInt8]
        let context: GroupContext
        let secrets: EpochSecrets
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
