import MLSCrypto

/// One proposal of a commit, with who proposed it and its reference when it came by reference.
struct ProposalEntry: Sendable {
    let proposal: Proposal
    let sender: Sender
    let reference: ProposalRef?
    /// True for proposals already validated on their own when they arrived (their signatures are not checked again).
    var validated = false
}

/// The effect of a commit's proposals on the group (RFC 9420 §12.3), computed on a copy of the tree.
struct AppliedProposals: Sendable {
    var tree: RatchetTree
    var extensions: ExtensionList
    var added: [(leaf: LeafIndex, keyPackage: KeyPackage)] = []
    var removed: [LeafIndex] = []
    var updated: [(leaf: LeafIndex, reference: ProposalRef?)] = []
    var psks: [PreSharedKeyID] = []
    var externalInit: ExternalInitProposal?
    var reInit: ReInitProposal?
    /// The AppDataUpdate proposals, in commit order.
    var appDataUpdates: [AppDataUpdate] = []
    var ordered: [Proposal] = []
    /// Whether the commit must carry an UpdatePath (§12.4).
    var pathRequired = false
}

/// Validation of proposals one by one (§12.1) and as a list (§12.2), and their application in the order
/// GroupContextExtensions, Update, Remove, Add (§12.3), then AppDataUpdate (draft-ietf-mls-extensions §4.7, after
/// every RFC 9420 proposal). Nothing here changes the group: it works on copies.
enum ProposalApplication {
    /// Validates `entries` as the proposal list of a commit by `committer` and applies them to the tree. With
    /// `standalone` (one proposal checked on its arrival), AppDataUpdate is only checked on its own: the component's
    /// handler runs when a commit applies the proposals together, in order.
    static func apply(_ entries: [ProposalEntry], committer: Sender, external: Bool, state: GroupState,
                      crypto: CryptoContext, config: GroupConfig, standalone: Bool = false) throws(MLSError) -> AppliedProposals {
        try checkList(entries, committer: committer, external: external, state: state)
        var result = AppliedProposals(tree: state.tree, extensions: state.context.extensions)
        let params = TreeValidationParameters(groupID: state.context.groupID, requiredCapabilities: requiredCapabilities(state.context.extensions),
                                              currentTime: config.currentTime)
        let all = entries
        func ofType(_ type: ProposalType) -> [ProposalEntry] { all.filter { $0.proposal.proposalType == type } }

        let withAppDataUpdates = all.contains { $0.proposal.proposalType == .appDataUpdate }
        for e in ofType(.groupContextExtensions) {
            guard case .groupContextExtensions(let gce) = e.proposal else { continue }
            try AppDataApplication.checkGroupContextExtensions(old: state.context.extensions, new: gce.extensions,
                                                              withAppDataUpdates: withAppDataUpdates)
            try checkExtensionsSupported(gce.extensions, tree: result.tree)
            result.extensions = gce.extensions
            result.ordered.append(e.proposal)
        }
        let updateParams = TreeValidationParameters(groupID: params.groupID, requiredCapabilities: requiredCapabilities(result.extensions),
                                                    currentTime: params.currentTime)
        for e in ofType(.update) {
            guard case .update(let update) = e.proposal, let leaf = e.sender.memberLeaf else {
                throw MLSError(.invalidProposal, "Update from \(e.sender), not a member")
            }
            guard let current = result.tree.leafNode(at: leaf) else { throw MLSError(.invalidProposal, "Update from blank \(leaf)") }
            if !e.validated { try update.leafNode.validate(at: leaf, expectedSource: .update, updateParams, crypto) }
            try result.tree.checkFits(update.leafNode, at: leaf)
            guard update.leafNode.encryptionKey != current.encryptionKey else {
                throw MLSError(.invalidProposal, "Update from \(leaf) keeps its encryption key")
            }
            try result.tree.updateLeaf(leaf, with: update.leafNode)
            result.updated.append((leaf, e.reference))
            result.ordered.append(e.proposal)
        }
        for e in ofType(.remove) {
            guard case .remove(let remove) = e.proposal else { continue }
            try result.tree.removeLeaf(remove.removed)
            result.removed.append(remove.removed)
            result.ordered.append(e.proposal)
        }
        for e in ofType(ProposalType.selfRemove) {
            guard case .selfRemove = e.proposal, let leaf = e.sender.memberLeaf else {
                throw MLSError(.invalidProposal, "SelfRemove from \(e.sender), not a member")
            }
            try result.tree.removeLeaf(leaf)
            result.removed.append(leaf)
            result.ordered.append(e.proposal)
        }
        for e in ofType(.add) {
            guard case .add(let add) = e.proposal else { continue }
            if !e.validated { try validateKeyPackage(add.keyPackage, state: state, params: updateParams, crypto: crypto) }
            let position = result.tree.leftmostBlankLeaf ?? LeafIndex(result.tree.leafCount)
            try result.tree.checkFits(add.keyPackage.leafNode, at: position)
            let leaf = try result.tree.addLeaf(add.keyPackage.leafNode)
            result.added.append((leaf, add.keyPackage))
            result.ordered.append(e.proposal)
        }
        for e in ofType(.psk) {
            guard case .preSharedKey(let p) = e.proposal else { continue }
            guard p.psk.nonce.count == crypto.suite.hashLength else {
                throw MLSError(.invalidProposal, "PSK nonce of \(p.psk.nonce.count) bytes; needs \(crypto.suite.hashLength)")
            }
            if case .resumption(let usage, _, _) = p.psk.source, usage != .application {
                throw MLSError(.invalidProposal, "resumption PSK proposal with usage \(usage)")
            }
            result.psks.append(p.psk)
            result.ordered.append(e.proposal)
        }
        for e in ofType(.externalInit) {
            guard case .externalInit(let ei) = e.proposal else { continue }
            result.externalInit = ei
            result.ordered.append(e.proposal)
        }
        for e in ofType(.reinit) {
            guard case .reInit(let r) = e.proposal else { continue }
            result.reInit = r
            result.ordered.append(e.proposal)
        }
        for e in ofType(.appDataUpdate) {
            guard case .appDataUpdate(let update) = e.proposal else { continue }
            result.appDataUpdates.append(update)
            result.ordered.append(e.proposal)
        }
        if !result.appDataUpdates.isEmpty {
            try AppDataApplication.checkSupported(by: result.tree, extensions: result.extensions)
            if standalone {
                for update in result.appDataUpdates {
                    try AppDataApplication.checkStandalone(update, extensions: result.extensions, handlers: config.appData)
                }
            } else {
                result.extensions = try AppDataApplication.apply(result.appDataUpdates, to: result.extensions, handlers: config.appData)
            }
        }
        let pathTypes: [ProposalType] = [.update, .remove, .externalInit, .groupContextExtensions, ProposalType.selfRemove]
        result.pathRequired = all.isEmpty || all.contains { pathTypes.contains($0.proposal.proposalType) }
        return result
    }

    /// The list rules of §12.2 (regular commits) and §12.4.3.2 (external commits).
    static func checkList(_ entries: [ProposalEntry], committer: Sender, external: Bool, state: GroupState) throws(MLSError) {
        let types = entries.map { $0.proposal.proposalType }
        if external {
            guard types.filter({ $0 == .externalInit }).count == 1 else {
                throw MLSError(.invalidProposal, "an external commit needs exactly one ExternalInit")
            }
            guard types.allSatisfy({ $0 == .externalInit || $0 == .remove || $0 == .psk || $0 == .appDataUpdate }) else {
                throw MLSError(.invalidProposal, "an external commit may hold only ExternalInit, Remove, PreSharedKey and AppDataUpdate")
            }
            guard types.filter({ $0 == .remove }).count <= 1 else { throw MLSError(.invalidProposal, "an external commit may remove at most one leaf") }
            guard entries.allSatisfy({ $0.reference == nil }) else { throw MLSError(.invalidProposal, "an external commit may not use references") }
        } else {
            guard !types.contains(.externalInit) else { throw MLSError(.invalidProposal, "ExternalInit outside an external commit") }
        }
        if types.contains(.reinit) && types.count > 1 { throw MLSError(.invalidProposal, "ReInit together with other proposals") }
        guard types.filter({ $0 == .groupContextExtensions }).count <= 1 else {
            throw MLSError(.invalidProposal, "more than one GroupContextExtensions")
        }
        try AppDataApplication.checkList(entries.compactMap { if case .appDataUpdate(let u) = $0.proposal { u } else { nil } })
        var touched: Set<LeafIndex> = []
        var addedKeys: Set<BytesKey> = []
        var membersWithAddedKeys: [BytesKey: LeafIndex]? = nil
        var pskIDs: [PreSharedKeyID] = []
        let removedLeaves = entries.compactMap { e -> LeafIndex? in
            switch e.proposal {
            case .remove(let r): r.removed
            case .selfRemove: e.sender.memberLeaf
            default: nil
            }
        }
        for e in entries {
            switch e.proposal {
            case .update:
                guard let leaf = e.sender.memberLeaf else { throw MLSError(.invalidProposal, "Update from a non-member") }
                if case .member(let c) = committer, c == leaf { throw MLSError(.invalidProposal, "the committer's own Update") }
                guard touched.insert(leaf).inserted else { throw MLSError(.invalidProposal, "two Update/Remove proposals for \(leaf)") }
            case .remove(let r):
                if case .member(let c) = committer, c == r.removed { throw MLSError(.invalidProposal, "the committer removes itself") }
                guard touched.insert(r.removed).inserted else { throw MLSError(.invalidProposal, "two Update/Remove proposals for \(r.removed)") }
                guard state.tree.leafNode(at: r.removed) != nil else { throw MLSError(.invalidProposal, "Remove of blank \(r.removed)") }
            case .selfRemove:
                guard let leaf = e.sender.memberLeaf else { throw MLSError(.invalidProposal, "SelfRemove from a non-member") }
                if case .member(let c) = committer, c == leaf { throw MLSError(.invalidProposal, "the committer commits its own SelfRemove") }
                guard touched.insert(leaf).inserted else { throw MLSError(.invalidProposal, "two Update/Remove proposals for \(leaf)") }
                guard state.tree.leafNode(at: leaf) != nil else { throw MLSError(.invalidProposal, "SelfRemove of blank \(leaf)") }
            case .add(let a):
                let key = BytesKey(a.keyPackage.leafNode.signatureKey)
                guard addedKeys.insert(key).inserted else { throw MLSError(.invalidProposal, "two Adds of the same client") }
                if membersWithAddedKeys == nil {
                    // Built once per list: the (last) current member holding each added signature key, found by comparing
                    // every member's key with the few added ones (no hashing of every member's key).
                    let added = entries.compactMap { if case .add(let a) = $0.proposal { a.keyPackage.leafNode.signatureKey } else { nil } }
                    var found: [BytesKey: LeafIndex] = [:]
                    for leaf in state.tree.occupiedLeaves {
                        guard let k = state.tree.signatureKey(at: leaf), added.contains(where: { sameBytes($0, k) }) else { continue }
                        found[BytesKey(k)] = leaf
                    }
                    membersWithAddedKeys = found
                }
                if let leaf = membersWithAddedKeys?[key], !removedLeaves.contains(leaf) {
                    throw MLSError(.invalidProposal, "Add of a client already in the group at \(leaf)")
                }
            case .preSharedKey(let p):
                guard !pskIDs.contains(p.psk) else { throw MLSError(.invalidProposal, "duplicate PSK id") }
                pskIDs.append(p.psk)
            default:
                break
            }
        }
    }

    /// KeyPackage validation (§10.1): version, suite, signature, leaf node (source key_package), init key ≠ leaf key.
    static func validateKeyPackage(_ kp: KeyPackage, state: GroupState, params: TreeValidationParameters, crypto: CryptoContext) throws(MLSError) {
        guard kp.version == .mls10 else { throw MLSError(.invalidKeyPackage, "KeyPackage version \(kp.version)") }
        guard kp.cipherSuite == state.context.cipherSuite else { throw MLSError(.invalidKeyPackage, "KeyPackage for another cipher suite") }
        do { try kp.verifySignature(crypto: crypto) } catch { throw MLSError(error, context: "KeyPackage signature") }
        try kp.leafNode.validate(at: LeafIndex(0), expectedSource: .keyPackage, params, crypto)
        guard kp.initKey != kp.leafNode.encryptionKey else { throw MLSError(.invalidKeyPackage, "init key equals the leaf's encryption key") }
        do { _ = try crypto.hpkePublicKey(kp.initKey) } catch { throw MLSError(.invalidKeyPackage, "init key: \(error)") }
    }

    /// The group's required capabilities, if the extension is present and well-formed.
    static func requiredCapabilities(_ extensions: ExtensionList) -> RequiredCapabilities? {
        (try? extensions.requiredCapabilities()) ?? nil
    }

    /// Every member must support every non-default extension type, and the required capabilities.
    static func checkExtensionsSupported(_ extensions: ExtensionList, tree: RatchetTree) throws(MLSError) {
        let required = requiredCapabilities(extensions)
        for leaf in tree.occupiedLeaves {
            guard let node = tree.leafNode(at: leaf) else { continue }
            for type in extensions.types where !DefaultCapabilities.isDefault(type) && !node.capabilities.extensions.contains(type) {
                throw MLSError(.invalidProposal, "\(leaf) does not support extension \(type)")
            }
            if let required {
                for t in required.extensionTypes where !DefaultCapabilities.isDefault(t) && !node.capabilities.extensions.contains(t) {
                    throw MLSError(.invalidProposal, "\(leaf) lacks required extension \(t)")
                }
                for t in required.proposalTypes where !DefaultCapabilities.isDefault(t) && !node.capabilities.proposals.contains(t) {
                    throw MLSError(.invalidProposal, "\(leaf) lacks required proposal \(t)")
                }
                for t in required.credentialTypes where !node.capabilities.credentials.contains(t) {
                    throw MLSError(.invalidProposal, "\(leaf) lacks required credential \(t)")
                }
            }
        }
    }
}
