import MLS
@testable import MIMI

/// A seeded SplitMix64 generator: same seed, same samples.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }
}

/// Valid samples of every MIMI request and response type, built from seeded random MLS messages.
struct WireSamples {
    var rng: SplitMix64
    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func bytes(_ n: Int) -> [UInt8] { rng.bytes(n) }
    mutating func uri(_ kind: String) -> IdentifierURI { IdentifierURI("mimi://\(["a", "b", "c"][rng.below(3)]).example/\(kind)/\(rng.below(1000))") }
    mutating func credential() -> Credential { .basic(identity: bytes(8)) }

    mutating func keyPackage() -> KeyPackage {
        let leaf = LeafNode(encryptionKey: bytes(32), signatureKey: bytes(32), credential: credential(),
                            capabilities: Capabilities(versions: [.mls10], cipherSuites: [CipherSuiteID(rawValue: 1)], extensions: [],
                                                       proposals: [], credentials: [.basic]),
                            source: .keyPackage(Lifetime(notBefore: 1, notAfter: 2)), extensions: .empty, signature: bytes(64))
        return KeyPackage(version: .mls10, cipherSuite: CipherSuiteID(rawValue: 1), initKey: bytes(32), leafNode: leaf,
                          extensions: .empty, signature: bytes(64))
    }

    mutating func groupContext() -> GroupContext {
        GroupContext(cipherSuite: CipherSuiteID(rawValue: 1), groupID: bytes(16), epoch: rng.next(), treeHash: bytes(32),
                     confirmedTranscriptHash: bytes(32), extensions: .empty)
    }

    mutating func groupInfo() -> GroupInfo {
        GroupInfo(groupContext: groupContext(), extensions: .empty, confirmationTag: bytes(32), signer: LeafIndex(UInt32(rng.below(8))),
                  signature: bytes(64))
    }

    mutating func welcome() -> Welcome {
        Welcome(cipherSuite: CipherSuiteID(rawValue: 1),
                secrets: [EncryptedGroupSecrets(newMember: KeyPackageRef(bytes: bytes(32)),
                                                encryptedGroupSecrets: HPKECiphertext(kemOutput: bytes(32), ciphertext: bytes(48)))],
                encryptedGroupInfo: bytes(80))
    }

    mutating func privateMessage(_ type: ContentType) -> MLSMessage {
        MLSMessage(.privateMessage(PrivateMessage(groupID: bytes(16), epoch: rng.next(), contentType: type, authenticatedData: bytes(4),
                                                  encryptedSenderData: bytes(20), ciphertext: bytes(60))))
    }

    mutating func publicMessage(_ type: ContentType) -> MLSMessage {
        let body: FramedContentBody = switch type {
        case .commit: .commit(Commit(proposals: [.reference(ProposalRef(bytes: bytes(32)))], path: nil))
        case .proposal: .proposal(.remove(RemoveProposal(removed: LeafIndex(UInt32(rng.below(8))))))
        case .application: .application(bytes(10))
        }
        let content = FramedContent(groupID: bytes(16), epoch: rng.next(), sender: .member(LeafIndex(0)), authenticatedData: [], body: body)
        let auth = FramedContentAuthData(signature: bytes(64), confirmationTag: type == .commit ? bytes(32) : nil)
        return MLSMessage(.publicMessage(try! PublicMessage(content: content, auth: auth, membershipTag: bytes(32))))
    }

    mutating func handshake(_ type: ContentType) -> MLSMessage { rng.below(2) == 0 ? publicMessage(type) : privateMessage(type) }

    mutating func ratchetTreeOption() -> RatchetTreeOption {
        switch rng.below(4) {
        case 0: .full(try! RatchetTreeNodes(nodes: [.leaf(keyPackage().leafNode)]))
        case 1: .httpsURI(url: "https://hub.example/tree/\(rng.below(99))", treeSignature: bytes(64))
        case 2: .outOfBand(treeSignature: bytes(64))
        default: .distributionService
        }
    }

    mutating func frank() -> Frank {
        try! Frank(serverFrank: bytes(32), frankingSignatureCipherSuite: CipherSuiteID(rawValue: 1), frankingIntegritySignature: bytes(64))
    }

    mutating func keyMaterialRequest() -> KeyMaterialRequest {
        try! KeyMaterialRequest(requestingUser: uri("u"), targetUser: uri("u"), roomID: uri("r"),
                                acceptableCipherSuites: [CipherSuiteID(rawValue: 1), CipherSuiteID(rawValue: 3)],
                                requiredCapabilities: RequiredCapabilities(extensionTypes: [.appDataDictionary], proposalTypes: [.selfRemove]),
                                requesterSignatureKey: bytes(32), requesterCredential: credential(), signature: bytes(64))
    }

    mutating func keyMaterialResponse() -> KeyMaterialResponse {
        switch rng.below(3) {
        case 0: try! KeyMaterialResponse(userStatus: .success, userURI: uri("u"),
                                         clients: [ClientKeyMaterial(clientURI: uri("d"), outcome: .success(keyPackage()))])
        case 1: try! KeyMaterialResponse(userStatus: .partialSuccess, userURI: uri("u"),
                                         clients: [ClientKeyMaterial(clientURI: uri("d"), outcome: .success(keyPackage())),
                                                   ClientKeyMaterial(clientURI: uri("d"), outcome: .keyMaterialExhausted),
                                                   ClientKeyMaterial(clientURI: uri("d"), outcome: .nothingCompatible(nil))])
        default: try! KeyMaterialResponse(userStatus: .noConsent, userURI: uri("u"))
        }
    }

    mutating func updateRequest() -> UpdateRequest {
        if rng.below(2) == 0 {
            let group: GroupInfoOption = rng.below(2) == 0 ? .full(groupInfo())
                : .partial(try! PartialGroupInfo(ratchetTreePresence: .present, groupInfoExtensions: .empty, signature: bytes(64)))
            return UpdateRequest(bundle: .commit(try! CommitBundle(commit: handshake(.commit), welcome: rng.below(2) == 0 ? welcome() : nil,
                                                                   groupInfo: group, ratchetTree: ratchetTreeOption())))
        }
        return UpdateRequest(bundle: .proposals(try! ProposalBundle(proposal: handshake(.proposal), moreProposals: [handshake(.proposal)])))
    }

    mutating func updateRoomResponse() -> UpdateRoomResponse {
        switch rng.below(4) {
        case 0: UpdateRoomResponse(.success(acceptedTimestamp: rng.next()))
        case 1: UpdateRoomResponse(.wrongEpoch(currentEpoch: rng.next()), errorDescription: "epoch moved")
        case 2: UpdateRoomResponse(.notAllowed, errorDescription: "role lacks canAddParticipant")
        default: UpdateRoomResponse(.invalidProposal([ProposalRef(bytes: bytes(32))]))
        }
    }

    mutating func submitRequest() -> SubmitMessageRequest { try! SubmitMessageRequest(appMessage: privateMessage(.application), sendingURI: uri("u")) }

    mutating func submitResponse() -> SubmitMessageResponse {
        switch rng.below(3) {
        case 0: SubmitMessageResponse(.accepted(acceptedTimestamp: rng.next(), frank: rng.below(2) == 0 ? frank() : nil))
        case 1: SubmitMessageResponse(.notAllowed)
        default: SubmitMessageResponse(.epochTooOld(currentEpoch: rng.next()))
        }
    }

    mutating func fanout() -> FanoutMessage {
        let payload: FanoutMessage.Payload = switch rng.below(4) {
        case 0: .application(privateMessage(.application), frank: rng.below(2) == 0 ? frank() : nil)
        case 1: .welcome(welcome(), ratchetTree: ratchetTreeOption())
        case 2: .proposals(try! ProposalBundle(proposal: handshake(.proposal), moreProposals: []))
        default: .commit(handshake(.commit), externalProposals: [publicMessage(.proposal)])
        }
        return try! FanoutMessage(timestamp: rng.next(), payload: payload)
    }

    mutating func groupInfoRequest() -> GroupInfoRequest {
        GroupInfoRequest(cipherSuite: CipherSuiteID(rawValue: 1), requestingSignatureKey: bytes(32), requestingCredential: credential(),
                         groupInfoPublicKey: bytes(32), joiningCode: rng.below(2) == 0 ? bytes(6) : nil, signature: bytes(64))
    }

    mutating func groupInfoResponse() -> GroupInfoResponse {
        if rng.below(2) == 0 { return try! GroupInfoResponse(roomID: bytes(12), failure: .notAuthorized) }
        return GroupInfoResponse(roomID: bytes(12), grant: GroupInfoGrant(
            cipherSuite: CipherSuiteID(rawValue: 1), hubSender: ExternalSender(signatureKey: bytes(32), credential: credential()),
            encryptedGroupInfoAndTree: HPKECiphertext(kemOutput: bytes(32), ciphertext: bytes(90)), signature: bytes(64)))
    }

    /// One encoded sample of each type, with a decoder that reports `MIMIError`.
    mutating func all() -> [(name: String, bytes: [UInt8], decode: ([UInt8]) throws(MIMIError) -> Any)] {
        [
            ("KeyMaterialRequest", keyMaterialRequest().encoded(), { b throws(MIMIError) in try MIMIWire.decode(KeyMaterialRequest.self, from: b) }),
            ("KeyMaterialResponse", keyMaterialResponse().encoded(), { b throws(MIMIError) in try MIMIWire.decode(KeyMaterialResponse.self, from: b) }),
            ("UpdateRequest", updateRequest().encoded(), { b throws(MIMIError) in try MIMIWire.decode(UpdateRequest.self, from: b) }),
            ("UpdateRoomResponse", updateRoomResponse().encoded(), { b throws(MIMIError) in try MIMIWire.decode(UpdateRoomResponse.self, from: b) }),
            ("SubmitMessageRequest", submitRequest().encoded(), { b throws(MIMIError) in try MIMIWire.decode(SubmitMessageRequest.self, from: b) }),
            ("SubmitMessageResponse", submitResponse().encoded(), { b throws(MIMIError) in try MIMIWire.decode(SubmitMessageResponse.self, from: b) }),
            ("FanoutMessage", fanout().encoded(), { b throws(MIMIError) in try MIMIWire.decode(FanoutMessage.self, from: b) }),
            ("GroupInfoRequest", groupInfoRequest().encoded(), { b throws(MIMIError) in try MIMIWire.decode(GroupInfoRequest.self, from: b) }),
            ("GroupInfoResponse", groupInfoResponse().encoded(), { b throws(MIMIError) in try MIMIWire.decode(GroupInfoResponse.self, from: b) }),
        ]
    }
}
