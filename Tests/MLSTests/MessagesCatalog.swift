import Foundation
import MLS

/// One RFC 9420 message type under test: how to draw a random valid value, and generic checks over it.
struct MessageTypeCase {
    let name: String
    /// Encodings of `count` random values drawn with the sampler.
    let samples: (_ sampler: inout MessagesSampler, _ count: Int) -> [[UInt8]]
    /// Draws a value, encodes, decodes and re-encodes it; returns a failure description or nil.
    let roundTrip: (_ sampler: inout MessagesSampler) -> String?
    /// Runs `fuzzDecoder` for the type.
    let fuzz: (_ samples: [[UInt8]], _ seed: UInt64, _ cases: Int) -> [FuzzStrategy: FuzzOutcome]
    /// The field of `messages.json` whose bytes have this type, if any.
    let vectorField: String?

    static func of<T: WireCodable & Equatable>(_ type: T.Type, vectorField: String? = nil,
                                               _ draw: @escaping (inout MessagesSampler) -> T) -> MessageTypeCase {
        MessageTypeCase(
            name: "\(T.self)",
            samples: { sampler, count in (0..<count).map { _ in draw(&sampler).encoded() } },
            roundTrip: { sampler in
                let value = draw(&sampler)
                let bytes = value.encoded()
                do {
                    let decoded = try T.decode(bytes)
                    if decoded != value { return "\(T.self) decodes to a different value: \(decoded) vs \(value)" }
                    if decoded.encoded() != bytes { return "\(T.self) re-encodes differently" }
                    return nil
                } catch {
                    return "\(T.self) does not decode its own encoding \(hex(bytes)): \(error)"
                }
            },
            fuzz: { samples, seed, cases in fuzzDecoder(T.self, samples: samples, seed: seed, cases: cases) },
            vectorField: vectorField)
    }
}

/// Every self-delimiting RFC 9420 message and structure type (PrivateMessageContent, whose padding runs to
/// the end of the plaintext, and FramedContentAuthData, which needs a content type, have their own tests).
var messageTypeCases: [MessageTypeCase] { [
    .of(Sender.self) { $0.sender() },
    .of(Credential.self) { $0.credential() },
    .of(Extension.self) { Extension(type: ExtensionType(rawValue: UInt16(truncatingIfNeeded: $0.u64())), data: $0.bytes()) },
    .of(ExtensionList.self) { $0.extensionList() },
    .of(Capabilities.self) { $0.capabilities() },
    .of(Lifetime.self) { Lifetime(notBefore: $0.u64(), notAfter: $0.u64()) },
    .of(RequiredCapabilities.self) { RequiredCapabilities(extensionTypes: [$0.code([1, 2])], proposalTypes: [$0.code([1, 9])], credentialTypes: []) },
    .of(ExternalSender.self) { ExternalSender(signatureKey: $0.bytes(32...32), credential: $0.credential()) },
    .of(ExternalPub.self) { ExternalPub(externalPub: $0.bytes(32...65)) },
    .of(LeafNodeSource.self) { $0.leafSource() },
    .of(LeafNode.self) { $0.leafNode() },
    .of(LeafNodeTBS.self) { sampler in
        let leaf = sampler.leafNode()
        return LeafNodeTBS(leafNode: leaf, groupID: sampler.bytes(), leafIndex: LeafIndex(sampler.u32()))
    },
    .of(KeyPackage.self) { $0.keyPackage() },
    .of(KeyPackageTBS.self) { $0.keyPackage().tbs },
    .of(KeyPackageRef.self) { KeyPackageRef(bytes: $0.bytes(32...32)) },
    .of(ProposalRef.self) { ProposalRef(bytes: $0.bytes(32...32)) },
    .of(HPKECiphertext.self) { $0.hpkeCiphertext() },
    .of(UpdatePathNode.self) { sampler in
        UpdatePathNode(encryptionKey: sampler.bytes(32...32), encryptedPathSecret: [sampler.hpkeCiphertext(), sampler.hpkeCiphertext()])
    },
    .of(UpdatePath.self) { $0.updatePath() },
    .of(ParentNode.self) { $0.parentNode() },
    .of(Node.self) { $0.rng.oneIn(2) ? .leaf($0.leafNode()) : .parent($0.parentNode()) },
    .of(RatchetTreeNodes.self, vectorField: "ratchet_tree") { $0.ratchetTree() },
    .of(PreSharedKeyID.self) { $0.pskID() },
    .of(PSKLabel.self) { PSKLabel(id: $0.pskID(), index: UInt16(truncatingIfNeeded: $0.u64()), count: UInt16(truncatingIfNeeded: $0.u64())) },
    .of(AddProposal.self, vectorField: "add_proposal") { AddProposal(keyPackage: $0.keyPackage()) },
    .of(UpdateProposal.self, vectorField: "update_proposal") { UpdateProposal(leafNode: $0.leafNode(source: .update)) },
    .of(RemoveProposal.self, vectorField: "remove_proposal") { RemoveProposal(removed: LeafIndex($0.u32())) },
    .of(PreSharedKeyProposal.self, vectorField: "pre_shared_key_proposal") { PreSharedKeyProposal(psk: $0.pskID()) },
    .of(ReInitProposal.self, vectorField: "re_init_proposal") {
        ReInitProposal(groupID: $0.bytes(), version: $0.code([1]), cipherSuite: $0.code([1, 2, 3]), extensions: $0.extensionList())
    },
    .of(ExternalInitProposal.self, vectorField: "external_init_proposal") { ExternalInitProposal(kemOutput: $0.bytes(32...65)) },
    .of(GroupContextExtensionsProposal.self, vectorField: "group_context_extensions_proposal") {
        GroupContextExtensionsProposal(extensions: $0.extensionList())
    },
    .of(AppDataUpdate.self) { $0.appDataUpdate() },
    .of(AppDataDictionary.self) { $0.appDataDictionary() },
    .of(Proposal.self) { $0.proposal() },
    .of(ProposalOrRef.self) { $0.rng.oneIn(2) ? .proposal($0.proposal()) : .reference(ProposalRef(bytes: $0.bytes(32...32))) },
    .of(Commit.self, vectorField: "commit") { $0.commit() },
    .of(GroupContext.self) { $0.groupContext() },
    .of(FramedContent.self) { $0.framedContent() },
    .of(FramedContentTBS.self) { $0.framedContentTBS() },
    .of(AuthenticatedContent.self) { $0.authenticatedContent() },
    .of(AuthenticatedContentTBM.self) { sampler in
        let tbs = sampler.framedContentTBS()
        return try! AuthenticatedContentTBM(contentTBS: tbs, auth: sampler.auth(tbs.content.contentType))
    },
    .of(PublicMessage.self) { $0.publicMessage() },
    .of(PrivateMessage.self) { $0.privateMessage() },
    .of(PrivateContentAAD.self) { $0.privateMessage().contentAAD },
    .of(SenderData.self) { SenderData(leafIndex: LeafIndex($0.u32()), generation: $0.u32(), reuseGuard: $0.u32()) },
    .of(SenderDataAAD.self) { $0.privateMessage().senderDataAAD },
    .of(PathSecret.self) { PathSecret(pathSecret: $0.bytes(32...32)) },
    .of(GroupSecrets.self, vectorField: "group_secrets") { $0.groupSecrets() },
    .of(EncryptedGroupSecrets.self) {
        EncryptedGroupSecrets(newMember: KeyPackageRef(bytes: $0.bytes(32...32)), encryptedGroupSecrets: $0.hpkeCiphertext())
    },
    .of(Welcome.self) { $0.welcome() },
    .of(GroupInfo.self) { $0.groupInfo() },
    .of(GroupInfoTBS.self) { $0.groupInfo().tbs },
    .of(ConfirmedTranscriptHashInput.self) { sampler in
        let content = sampler.framedContent(.commit)
        return try! ConfirmedTranscriptHashInput(wireFormat: .publicMessage, content: content, signature: sampler.bytes(64...64))
    },
    .of(InterimTranscriptHashInput.self) { InterimTranscriptHashInput(confirmationTag: $0.bytes(32...32)) },
    .of(MLSMessage.self, vectorField: "mls_messages") { $0.mlsMessage() },
] }

/// Encodings from the official `messages.json`, when the shared vectors are present (first `limit` entries).
///
/// `mls_messages` collects the seven MLSMessage fields. Missing vectors give no samples; the generated
/// samples still run.
func officialMessageSamples(_ field: String, limit: Int = 4) -> [[UInt8]] {
    guard let entries = OfficialMessages.entries else { return [] }
    let fields = field == "mls_messages"
        ? ["mls_welcome", "mls_group_info", "mls_key_package", "public_message_application", "public_message_proposal",
           "public_message_commit", "private_message"]
        : [field]
    return entries.prefix(limit).flatMap { entry in fields.compactMap { entry[$0].flatMap(hexBytes) } }
}

private enum OfficialMessages {
    static let entries: [[String: String]]? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = ProcessInfo.processInfo.environment["MLS_TEST_VECTORS"].flatMap { $0.isEmpty ? nil : $0 }
            ?? root.deletingLastPathComponent().appendingPathComponent("shared/vectors/mls").path
        guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent("messages.json")) else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [[String: String]]
    }()
}

private func hexBytes(_ text: String) -> [UInt8]? {
    let utf8 = Array(text.utf8)
    guard utf8.count % 2 == 0 else { return nil }
    var out: [UInt8] = []
    var index = 0
    while index < utf8.count {
        guard let byte = UInt8(String(decoding: utf8[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
        out.append(byte)
        index += 2
    }
    return out
}
