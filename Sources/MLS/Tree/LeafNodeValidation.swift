import MLSCrypto

/// The group parameters a leaf node and a tree are validated against (RFC 9420 §7.3, §12.4.3.1).
public struct TreeValidationParameters: Equatable, Sendable {
    /// The group's id (signed by update- and commit-source leaves).
    public var groupID: [UInt8]
    /// The group's `required_capabilities`, if the GroupContext has one.
    public var requiredCapabilities: RequiredCapabilities?
    /// The current time in seconds since the Unix epoch for lifetime checks, or nil to skip them (§7.3
    /// makes the check only recommended for received leaves; simulations pass virtual time).
    public var currentTime: UInt64?

    /// Parameters for a group.
    public init(groupID: [UInt8], requiredCapabilities: RequiredCapabilities? = nil, currentTime: UInt64? = nil) {
        self.groupID = groupID
        self.requiredCapabilities = requiredCapabilities
        self.currentTime = currentTime
    }
}

/// Proposal and extension types every client supports without listing them (§7.2).
enum DefaultCapabilities {
    static func isDefault(_ type: ExtensionType) -> Bool { (1...5).contains(type.rawValue) }
    static func isDefault(_ type: ProposalType) -> Bool { (1...7).contains(type.rawValue) }
}

extension LeafNode {
    /// Validates the leaf on its own (§7.3): signature (with group id and leaf index for update and
    /// commit sources), source, lifetime, its own extensions and credential type listed in its
    /// capabilities, and the group's required capabilities. Tree-wide checks are `RatchetTree.checkFits`.
    public func validate(at leaf: LeafIndex, expectedSource: LeafNodeSourceType? = nil,
                         _ parameters: TreeValidationParameters, _ crypto: CryptoContext) throws(MLSError) {
        if let expectedSource, source.sourceType != expectedSource {
            throw MLSError(.invalidTree, "\(leaf): leaf_node_source is \(source.sourceType), expected \(expectedSource)")
        }
        do {
            try verifySignature(crypto: crypto, groupID: parameters.groupID, leafIndex: leaf)
        } catch {
            throw MLSError(error, context: "\(leaf): leaf node signature")
        }
        if case .keyPackage(let lifetime) = source, let now = parameters.currentTime, !lifetime.contains(now) {
            throw MLSError(.invalidTree, "\(leaf): lifetime \(lifetime.notBefore)...\(lifetime.notAfter) does not contain \(now)")
        }
        guard capabilities.credentials.contains(credential.credentialType) else {
            throw MLSError(.invalidTree, "\(leaf): credential type \(credential.credentialType) not in its capabilities")
        }
        for type in extensions.types where !DefaultCapabilities.isDefault(type) && !capabilities.extensions.contains(type) {
            throw MLSError(.invalidTree, "\(leaf): extension \(type) not in its capabilities")
        }
        if let required = parameters.requiredCapabilities {
            for type in required.extensionTypes where !DefaultCapabilities.isDefault(type) && !capabilities.extensions.contains(type) {
                throw MLSError(.invalidTree, "\(leaf): does not support required extension \(type)")
            }
            for type in required.proposalTypes where !DefaultCapabilities.isDefault(type) && !capabilities.proposals.contains(type) {
                throw MLSError(.invalidTree, "\(leaf): does not support required proposal \(type)")
            }
            for type in required.credentialTypes where !capabilities.credentials.contains(type) {
                throw MLSError(.invalidTree, "\(leaf): does not support required credential \(type)")
            }
        }
    }
}

extension RatchetTree {
    /// Checks that `leafNode` can sit at `leaf` among the other members (§7.3): its credential type is
    /// supported by every other member, it supports theirs, and its encryption and signature keys appear
    /// in no other node (the node at `leaf` itself is ignored, so an Update may keep its signature key).
    ///
    /// Pages whose summaries show no conflict are passed over; the first page that may hold one (and the
    /// page of `leaf` itself) is checked leaf by leaf, so the error names the leftmost offending member as a
    /// scan of every leaf would. O(pages) summary checks; no node is read on success.
    public func checkFits(_ candidate: LeafNode, at leaf: LeafIndex) throws(MLSError) {
        let candidateType = candidate.credential.credentialType
        let supported = candidate.capabilities.credentials
        let signatureKey = KeyFingerprint.of(candidate.signatureKey)
        for (firstLeaf, page) in storage.leafPages where page.summary.occupiedLeaves != 0 {
            let summary = page.summary
            // The node at `leaf` itself is left out: its contributions are taken off this page's counts.
            var own: LeafNode?, ownOffset = -1
            if leaf.value >= firstLeaf, leaf.value - firstLeaf < UInt32(page.leafCapacity) {
                ownOffset = Int(leaf.value - firstLeaf)
                if case .leaf(let node)? = page.slots[ownOffset * 2].node { own = node }
            }
            let others = summary.occupiedLeafCount - (own == nil ? 0 : 1)
            guard others > 0 else { continue }
            var supporting = summary.supportedCredentialTypes[candidateType] ?? 0
            if let own, own.capabilities.credentials.contains(candidateType) { supporting -= 1 }
            let clean = supporting == others
                && !summary.signatureKeys.enumerated().contains { $0.offset != ownOffset && $0.element == signatureKey }
                && summary.credentialTypes.allSatisfy { type, count in
                    supported.contains(type) || count == 1 && own?.credential.credentialType == type
                }
            if clean { continue }
            var mask = summary.occupiedLeaves
            while mask != 0 {
                let offset = UInt32(mask.trailingZeroBitCount)
                mask &= mask - 1
                let other = LeafIndex(firstLeaf + offset)
                guard other != leaf, case .leaf(let member)? = page.slots[Int(offset) * 2].node else { continue }
                try Self.check(candidate, at: leaf, against: member, at: other)
            }
        }
        if let index = storage.firstNode(withEncryptionKeyIn: [candidate.encryptionKey], excluding: leaf.nodeIndex.value) {
            throw MLSError(.invalidTree, "\(leaf) uses the encryption key of node \(index)")
        }
    }

    /// The pairwise checks of `checkFits` between the candidate and one other member.
    private static func check(_ candidate: LeafNode, at leaf: LeafIndex, against member: LeafNode, at other: LeafIndex) throws(MLSError) {
        guard member.capabilities.credentials.contains(candidate.credential.credentialType) else {
            throw MLSError(.invalidTree, "\(other) does not support the credential type of \(leaf)")
        }
        guard candidate.capabilities.credentials.contains(member.credential.credentialType) else {
            throw MLSError(.invalidTree, "\(leaf) does not support the credential type of \(other)")
        }
        guard member.signatureKey != candidate.signatureKey else {
            throw MLSError(.invalidTree, "\(leaf) uses the signature key of \(other)")
        }
    }
}
