import MLSCrypto

extension Group {
    /// Joins from a Welcome (RFC 9420 §12.4.3.1): opens the group secrets with the KeyPackage's init key,
    /// decrypts and verifies the GroupInfo, validates the tree (from the Welcome's `ratchet_tree` extension or
    /// given out of band), installs the path secret, and checks the confirmation tag.
    public static func join(_ crypto: CryptoContext, welcome: Welcome, keyPackage bundle: KeyPackageBundle,
                            ratchetTree outOfBand: RatchetTree? = nil, config: GroupConfig = GroupConfig()) throws(MLSError) -> Group {
        let secrets = try WelcomeSecrets.open(crypto, welcome: welcome, keyPackageRef: bundle.reference, initKey: bundle.initKey)
        // PSKs in a Welcome: external ones from the config; resumption ones need the old group, which a joiner lacks.
        let pskSecret = try EpochTransition.pskSecret(crypto, ids: secrets.psks, groupID: [], state: nil, config: config)
        let welcomeSecret = try KeySchedule.welcomeSecret(crypto, joinerSecret: secrets.joinerSecret, pskSecret: pskSecret)
        let info = try WelcomeSecrets.openGroupInfo(crypto, welcome: welcome, welcomeSecret: welcomeSecret)
        guard info.groupContext.cipherSuite == CipherSuiteID(crypto.suite) else {
            throw MLSError(.welcomeNotForUs, "GroupInfo for another cipher suite")
        }
        var tree = try ratchetTree(from: info, outOfBand: outOfBand)
        let params = TreeValidationParameters(groupID: info.groupContext.groupID,
                                              requiredCapabilities: ProposalApplication.requiredCapabilities(info.groupContext.extensions),
                                              currentTime: config.currentTime)
        try tree.validate(params, expectedTreeHash: info.groupContext.treeHash, crypto)
        guard let signerLeaf = tree.leafNode(at: info.signer) else { throw MLSError(.invalidTree, "the GroupInfo signer \(info.signer) is blank") }
        do { try info.verifySignature(signerKey: signerLeaf.signatureKey, crypto: crypto) } catch { throw MLSError(error, context: "GroupInfo signature") }
        guard let myLeaf = tree.leafIndex(of: bundle.keyPackage.leafNode) else {
            throw MLSError(.welcomeNotForUs, "this KeyPackage's leaf node is not in the tree")
        }
        let epoch = try KeySchedule.fromJoiner(crypto, joinerSecret: secrets.joinerSecret, pskSecret: pskSecret,
                                               groupContext: info.groupContext.encoded())
        try TranscriptHash.verifyConfirmationTag(crypto, info.confirmationTag, confirmationKey: epoch.confirmationKey,
                                                 confirmed: info.groupContext.confirmedTranscriptHash)
        var privateTree = TreePrivateState(leaf: myLeaf, leafKey: bundle.encryptionKey)
        if let path = secrets.pathSecret {
            try privateTree.installPathSecret(path.pathSecret, from: info.signer, tree: tree, crypto)
        }
        let state = GroupState(context: info.groupContext, tree: tree, privateTree: privateTree, identity: bundle.identity,
                               interimTranscriptHash: TranscriptHash.interim(crypto, confirmed: info.groupContext.confirmedTranscriptHash,
                                                                             confirmationTag: info.confirmationTag),
                               confirmationTag: info.confirmationTag, secrets: epoch,
                               secretTree: try SecretTree(encryptionSecret: epoch.encryptionSecret, leafCount: tree.leafCount, sharing: crypto))
        return Group(crypto: crypto, config: config, state: state)
    }

    /// The tree of a GroupInfo's `ratchet_tree` extension, or the one given out of band.
    static func ratchetTree(from info: GroupInfo, outOfBand: RatchetTree?) throws(MLSError) -> RatchetTree {
        let inline: RatchetTreeNodes?
        do { inline = try info.extensions.ratchetTree() } catch { throw MLSError(error, context: "ratchet_tree extension") }
        if let inline { return try RatchetTree(inline) }
        guard let outOfBand else { throw MLSError(.invalidTree, "the GroupInfo has no ratchet_tree and none was given out of band") }
        return outOfBand
    }
}
