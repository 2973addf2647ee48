import MLSCrypto

extension Group {
    /// Creates a one-member group at epoch 0 (RFC 9420 §11) with this member at leaf 0.
    public static func create(_ crypto: CryptoContext, groupID: [UInt8], identity: MemberIdentity, config: GroupConfig = GroupConfig(),
                              extensions: ExtensionList = .empty, lifetime: Lifetime = .forever) throws(MLSError) -> Group {
        let leafKey: HPKEPrivateKey
        do { leafKey = try crypto.generateHPKEKey() } catch { throw MLSError(error, context: "leaf key") }
        var leaf = LeafNode(encryptionKey: leafKey.publicKey.bytes, signatureKey: identity.signer.publicKey.bytes,
                            credential: identity.credential, capabilities: identity.capabilities, source: .keyPackage(lifetime))
        do { try leaf.sign(with: identity.signer, crypto: crypto, groupID: groupID, leafIndex: LeafIndex(0)) }
        catch { throw MLSError(error, context: "leaf signature") }
        var tree = RatchetTree(creator: leaf)
        let context = GroupContext(cipherSuite: CipherSuiteID(crypto.suite), groupID: groupID, epoch: 0,
                                   treeHash: tree.treeHash(crypto), confirmedTranscriptHash: [], extensions: extensions)
        let zeros = KeySchedule.zeros(crypto)
        let secrets = try KeySchedule.epoch(crypto, initSecret: crypto.random.bytes(crypto.suite.hashLength), commitSecret: zeros,
                                            pskSecret: zeros, groupContext: context.encoded())
        let tag = TranscriptHash.confirmationTag(crypto, confirmationKey: secrets.confirmationKey, confirmed: [])
        let state = GroupState(context: context, tree: tree, privateTree: TreePrivateState(leaf: LeafIndex(0), leafKey: leafKey),
                               identity: identity, interimTranscriptHash: TranscriptHash.interim(crypto, confirmed: [], confirmationTag: tag),
                               confirmationTag: tag, secrets: secrets,
                               secretTree: try SecretTree(encryptionSecret: secrets.encryptionSecret, leafCount: 1, sharing: crypto))
        return Group(crypto: crypto, config: config, state: state)
    }
}
