import MLS

/// Random valid values of every RFC 9420 message type, drawn from a seeded `SplitMix64`.
///
/// Values cover every enum case (sender types, leaf sources, PSK types, proposal types, wire formats),
/// unknown and GREASE registry codes, empty and long vectors. Same seed, same values.
struct MessagesSampler {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func bytes(_ range: ClosedRange<Int> = 0...40) -> [UInt8] { rng.bytes(rng.inRange(range)) }

    mutating func pick<T>(_ items: [T]) -> T { items[rng.below(items.count)] }

    mutating func u64() -> UInt64 { rng.next() }

    mutating func u32() -> UInt32 { UInt32(truncatingIfNeeded: rng.next()) }

    /// A registry code: usually a known value, sometimes GREASE or arbitrary.
    mutating func code<T: RegistryCode>(_ known: [UInt16]) -> T {
        switch rng.below(6) {
        case 0: T(rawValue: UInt16(truncatingIfNeeded: rng.next()))
        case 1: T(rawValue: pick([0x0a0a, 0x1a1a, 0x5a5a, 0xeaea]))
        default: T(rawValue: pick(known))
        }
    }

    mutating func credential() -> Credential {
        switch rng.below(4) {
        case 0, 1: .basic(identity: bytes(0...24))
        case 2: .x509(certificates: (0..<rng.inRange(0...3)).map { _ in Certificate(certData: bytes(1...60)) })
        default: .other(CredentialType(rawValue: UInt16(rng.inRange(3...0xffff))), body: bytes(0...30))
        }
    }

    mutating func capabilities() -> Capabilities {
        Capabilities(versions: (0..<rng.inRange(0...2)).map { _ in code([1]) },
                     cipherSuites: (0..<rng.inRange(0...4)).map { _ in code([1, 2, 3, 7]) },
                     extensions: (0..<rng.inRange(0...3)).map { _ in code([1, 2, 3, 4, 5]) },
                     proposals: (0..<rng.inRange(0...3)).map { _ in code([1, 2, 3, 4, 5, 6, 7]) },
                     credentials: (0..<rng.inRange(0...2)).map { _ in code([1, 2]) })
    }

    /// 0 to 3 extensions of distinct types; `typed` uses the RFC 9420 bodies (no ratchet tree, to stay small).
    mutating func extensionList() -> ExtensionList {
        var list = ExtensionList.empty
        for _ in 0..<rng.inRange(0...3) {
            switch rng.below(5) {
            case 0: list.set(.applicationID(bytes(0...16)))
            case 1: list.set(.requiredCapabilities(RequiredCapabilities(extensionTypes: [.externalSenders], proposalTypes: [code([1, 8])],
                                                                         credentialTypes: [.basic])))
            case 2: list.set(.externalPub(ExternalPub(externalPub: bytes(32...32))))
            case 3: list.set(.externalSenders([ExternalSender(signatureKey: bytes(32...32), credential: credential())]))
            default: list.set(Extension(type: ExtensionType(rawValue: UInt16(rng.inRange(6...0xffff))), data: bytes(0...20)))
            }
        }
        return list
    }

    mutating func leafSource() -> LeafNodeSource {
        switch rng.below(3) {
        case 0: .keyPackage(Lifetime(notBefore: u64(), notAfter: u64()))
        case 1: .update
        default: .commit(parentHash: bytes(0...32))
        }
    }

    mutating func leafNode(source: LeafNodeSource? = nil) -> LeafNode {
        let source = source ?? leafSource()
        return LeafNode(encryptionKey: bytes(32...32), signatureKey: bytes(32...32), credential: credential(),
                        capabilities: capabilities(), source: source, extensions: extensionList(), signature: bytes(64...64))
    }

    mutating func keyPackage() -> KeyPackage {
        KeyPackage(version: code([1]), cipherSuite: code([1, 2, 3]), initKey: bytes(32...32),
                   leafNode: leafNode(source: .keyPackage(Lifetime(notBefore: u64(), notAfter: u64()))),
                   extensions: extensionList(), signature: bytes(64...64))
    }

    mutating func hpkeCiphertext() -> HPKECiphertext { HPKECiphertext(kemOutput: bytes(32...32), ciphertext: bytes(16...64)) }

    mutating func updatePath() -> UpdatePath {
        UpdatePath(leafNode: leafNode(source: .commit(parentHash: bytes(32...32))),
                   nodes: (0..<rng.inRange(0...3)).map { _ in
                       UpdatePathNode(encryptionKey: bytes(32...32), encryptedPathSecret: (0..<rng.inRange(0...2)).map { _ in hpkeCiphertext() })
                   })
    }

    mutating func parentNode() -> ParentNode {
        ParentNode(encryptionKey: bytes(32...32), parentHash: bytes(0...32), unmergedLeaves: (0..<rng.inRange(0...3)).map { _ in LeafIndex(u32() % 64) })
    }

    mutating func ratchetTree() -> RatchetTreeNodes {
        let count = 2 * rng.inRange(0...4) + 1
        var nodes: [Node?] = (0..<count).map { index in
            guard !rng.oneIn(3) else { return nil }
            return index % 2 == 0 ? .leaf(leafNode()) : .parent(parentNode())
        }
        nodes[count - 1] = .leaf(leafNode())
        return try! RatchetTreeNodes(nodes: nodes)
    }

    mutating func pskID() -> PreSharedKeyID {
        let source: PSKSource = rng.oneIn(2)
            ? .external(pskID: bytes(0...16))
            : .resumption(usage: pick([.application, .reinit, .branch]), groupID: bytes(0...16), epoch: u64())
        return PreSharedKeyID(source: source, nonce: bytes(32...32))
    }

    mutating func proposal() -> Proposal {
        switch rng.below(9) {
        case 0: .add(AddProposal(keyPackage: keyPackage()))
        case 1: .update(UpdateProposal(leafNode: leafNode(source: .update)))
        case 2: .remove(RemoveProposal(removed: LeafIndex(u32())))
        case 3: .preSharedKey(PreSharedKeyProposal(psk: pskID()))
        case 4: .reInit(ReInitProposal(groupID: bytes(), version: .mls10, cipherSuite: code([1, 2, 3]), extensions: extensionList()))
        case 5: .externalInit(ExternalInitProposal(kemOutput: bytes(32...32)))
        case 6: .selfRemove(SelfRemoveProposal())
        case 7: .appDataUpdate(appDataUpdate())
        default: .groupContextExtensions(GroupContextExtensionsProposal(extensions: extensionList()))
        }
    }

    mutating func appDataUpdate() -> AppDataUpdate {
        let id = ComponentID(rawValue: UInt16(truncatingIfNeeded: u64()))
        return rng.oneIn(3) ? AppDataUpdate(removing: id) : AppDataUpdate(componentID: id, update: bytes())
    }

    mutating func appDataDictionary() -> AppDataDictionary {
        var dictionary = AppDataDictionary()
        for _ in 0..<rng.inRange(0...3) { dictionary.set(ComponentID(rawValue: UInt16(truncatingIfNeeded: u64())), bytes()) }
        return dictionary
    }

    mutating func commit() -> Commit {
        Commit(proposals: (0..<rng.inRange(0...3)).map { _ in
                   rng.oneIn(2) ? .proposal(proposal()) : .reference(ProposalRef(bytes: bytes(32...32)))
               },
               path: rng.oneIn(2) ? updatePath() : nil)
    }

    mutating func groupContext() -> GroupContext {
        GroupContext(cipherSuite: code([1, 2, 3]), groupID: bytes(), epoch: u64(), treeHash: bytes(32...32),
                     confirmedTranscriptHash: bytes(0...32), extensions: extensionList())
    }

    mutating func sender() -> Sender {
        switch rng.below(4) {
        case 0: .member(LeafIndex(u32()))
        case 1: .external(senderIndex: u32())
        case 2: .newMemberProposal
        default: .newMemberCommit
        }
    }

    mutating func body(_ type: ContentType? = nil) -> FramedContentBody {
        switch type ?? pick([.application, .proposal, .commit]) {
        case .application: .application(bytes(0...100))
        case .proposal: .proposal(proposal())
        case .commit: .commit(commit())
        }
    }

    mutating func framedContent(_ type: ContentType? = nil, sender: Sender? = nil) -> FramedContent {
        FramedContent(groupID: bytes(), epoch: u64(), sender: sender ?? self.sender(), authenticatedData: bytes(0...10), body: body(type))
    }

    mutating func auth(_ type: ContentType) -> FramedContentAuthData {
        FramedContentAuthData(signature: bytes(64...64), confirmationTag: type == .commit ? bytes(32...32) : nil)
    }

    mutating func authenticatedContent() -> AuthenticatedContent {
        let content = framedContent()
        return try! AuthenticatedContent(wireFormat: pick([.publicMessage, .privateMessage]), content: content, auth: auth(content.contentType))
    }

    mutating func framedContentTBS() -> FramedContentTBS {
        try! FramedContentTBS(wireFormat: pick([.publicMessage, .privateMessage]), content: framedContent(), context: groupContext())
    }

    mutating func publicMessage() -> PublicMessage {
        let content = framedContent()
        return try! PublicMessage(content: content, auth: auth(content.contentType),
                                  membershipTag: content.sender.senderType == .member ? bytes(32...32) : nil)
    }

    mutating func privateMessage() -> PrivateMessage {
        PrivateMessage(groupID: bytes(), epoch: u64(), contentType: pick([.application, .proposal, .commit]), authenticatedData: bytes(0...10),
                       encryptedSenderData: bytes(0...40), ciphertext: bytes(0...120))
    }

    mutating func privateMessageContent() -> PrivateMessageContent {
        let body = body()
        return try! PrivateMessageContent(body: body, auth: auth(body.contentType), paddingLength: rng.inRange(0...20))
    }

    mutating func groupSecrets() -> GroupSecrets {
        GroupSecrets(joinerSecret: bytes(32...32), pathSecret: rng.oneIn(2) ? PathSecret(pathSecret: bytes(32...32)) : nil,
                     psks: (0..<rng.inRange(0...2)).map { _ in pskID() })
    }

    mutating func welcome() -> Welcome {
        Welcome(cipherSuite: code([1, 2, 3]),
                secrets: (0..<rng.inRange(0...3)).map { _ in
                    EncryptedGroupSecrets(newMember: KeyPackageRef(bytes: bytes(32...32)), encryptedGroupSecrets: hpkeCiphertext())
                },
                encryptedGroupInfo: bytes(0...120))
    }

    mutating func groupInfo() -> GroupInfo {
        GroupInfo(groupContext: groupContext(), extensions: extensionList(), confirmationTag: bytes(32...32), signer: LeafIndex(u32()),
                  signature: bytes(64...64))
    }

    mutating func mlsMessage() -> MLSMessage {
        switch rng.below(5) {
        case 0: MLSMessage(.publicMessage(publicMessage()))
        case 1: MLSMessage(.privateMessage(privateMessage()))
        case 2: MLSMessage(.welcome(welcome()))
        case 3: MLSMessage(.groupInfo(groupInfo()))
        default: MLSMessage(.keyPackage(keyPackage()))
        }
    }
}
