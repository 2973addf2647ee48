import XCTest
import MLS

/// Byte-exact encodings of RFC 9420 structures, written out by hand from the RFC's TLS definitions.
final class MessagesEncodingTests: XCTestCase {
    func testSenderEncodings() throws {
        XCTAssertEqual(Sender.member(LeafIndex(0x0102_0304)).encoded(), [1, 1, 2, 3, 4])
        XCTAssertEqual(Sender.external(senderIndex: 7).encoded(), [2, 0, 0, 0, 7])
        XCTAssertEqual(Sender.newMemberProposal.encoded(), [3])
        XCTAssertEqual(Sender.newMemberCommit.encoded(), [4])
        XCTAssertEqual(try Sender.decode([1, 0, 0, 0, 9]), .member(LeafIndex(9)))
    }

    func testCredentialEncodings() throws {
        XCTAssertEqual(Credential.basic(identity: [0x61, 0x62]).encoded(), [0, 1, 2, 0x61, 0x62])
        let chain = Credential.x509(certificates: [Certificate(certData: [0x30]), Certificate(certData: [0x30, 0x31])])
        XCTAssertEqual(chain.encoded(), [0, 2, 5, 1, 0x30, 2, 0x30, 0x31])
        XCTAssertEqual(try Credential.decode([0, 2, 5, 1, 0x30, 2, 0x30, 0x31]), chain)
    }

    func testUnknownCredentialTypeIsKeptAsOneOpaqueVector() throws {
        let bytes: [UInt8] = [0x0a, 0x0a, 3, 0xde, 0xad, 0xbe]
        let credential = try Credential.decode(bytes)
        XCTAssertEqual(credential, .other(CredentialType(rawValue: 0x0a0a), body: [0xde, 0xad, 0xbe]))
        XCTAssertTrue(credential.credentialType.isGREASE)
        XCTAssertEqual(credential.encoded(), bytes)
    }

    func testLeafNodeEncodingFollowsTheFieldOrder() throws {
        let leaf = LeafNode(encryptionKey: [0xe1], signatureKey: [0x51], credential: .basic(identity: [0x41]),
                            capabilities: Capabilities(versions: [.mls10], cipherSuites: [CipherSuiteID(rawValue: 1)], extensions: [],
                                                       proposals: [], credentials: [.basic]),
                            source: .keyPackage(Lifetime(notBefore: 1, notAfter: 2)), extensions: .empty, signature: [0x99])
        let expected: [UInt8] = [1, 0xe1, 1, 0x51, 0, 1, 1, 0x41,
                                 2, 0, 1, 2, 0, 1, 0, 0, 2, 0, 1,
                                 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2,
                                 0, 1, 0x99]
        XCTAssertEqual(leaf.encoded(), expected)
        XCTAssertEqual(try LeafNode.decode(expected), leaf)
    }

    func testLeafNodeTBSAddsTheGroupPositionOnlyForUpdateAndCommitSources() throws {
        var leaf = LeafNode(encryptionKey: [1], signatureKey: [2], credential: .basic(identity: []),
                            capabilities: Capabilities(cipherSuites: []), source: .update, signature: [7, 7, 7])
        let updateTBS = leaf.tbs(groupID: [0xaa, 0xbb], leafIndex: LeafIndex(5))
        var content = leaf
        content.signature = []
        let unsigned = Array(content.encoded().dropLast()) // Without the empty signature vector.
        XCTAssertEqual(updateTBS.encoded(), unsigned + [2, 0xaa, 0xbb, 0, 0, 0, 5])
        XCTAssertEqual(try LeafNodeTBS.decode(updateTBS.encoded()), updateTBS)

        leaf.source = .keyPackage(Lifetime(notBefore: 0, notAfter: 0))
        let keyPackageTBS = leaf.tbs(groupID: [0xaa, 0xbb], leafIndex: LeafIndex(5))
        XCTAssertNil(keyPackageTBS.groupID)
        XCTAssertNil(keyPackageTBS.leafIndex)
        content.source = leaf.source
        XCTAssertEqual(keyPackageTBS.encoded(), Array(content.encoded().dropLast()))
    }

    func testProposalsCarryTheirTypeAndBody() throws {
        XCTAssertEqual(Proposal.remove(RemoveProposal(removed: LeafIndex(3))).encoded(), [0, 3, 0, 0, 0, 3])
        XCTAssertEqual(Proposal.externalInit(ExternalInitProposal(kemOutput: [1, 2])).encoded(), [0, 6, 2, 1, 2])
        XCTAssertEqual(Proposal.groupContextExtensions(GroupContextExtensionsProposal(extensions: .empty)).encoded(), [0, 7, 0])
        let psk = PreSharedKeyID(source: .resumption(usage: .branch, groupID: [0x67], epoch: 0x0102), nonce: [0x4e])
        XCTAssertEqual(Proposal.preSharedKey(PreSharedKeyProposal(psk: psk)).encoded(),
                       [0, 4, 2, 3, 1, 0x67, 0, 0, 0, 0, 0, 0, 1, 2, 1, 0x4e])
        let external = PreSharedKeyID(source: .external(pskID: [0x11, 0x22]), nonce: [])
        XCTAssertEqual(external.encoded(), [1, 2, 0x11, 0x22, 0])
        XCTAssertEqual(PSKLabel(id: external, index: 1, count: 2).encoded(), [1, 2, 0x11, 0x22, 0, 0, 1, 0, 2])
        for proposal in [Proposal.remove(RemoveProposal(removed: LeafIndex(3))), .preSharedKey(PreSharedKeyProposal(psk: psk))] {
            XCTAssertEqual(try Proposal.decode(proposal.encoded()), proposal)
            XCTAssertEqual(proposal.proposalType, type(of: proposal.body).proposalType)
        }
    }

    func testCommitWithAReferenceAndNoPath() throws {
        let commit = Commit(proposals: [.reference(ProposalRef(bytes: [0xab, 0xcd])), .proposal(.remove(RemoveProposal(removed: LeafIndex(1))))])
        XCTAssertEqual(commit.encoded(), [11, 2, 2, 0xab, 0xcd, 1, 0, 3, 0, 0, 0, 1, 0])
        XCTAssertEqual(try Commit.decode(commit.encoded()), commit)
    }

    func testPublicMessageFromAMemberCarriesAMembershipTag() throws {
        let content = FramedContent(groupID: [0x67], epoch: 1, sender: .member(LeafIndex(2)), authenticatedData: [], body: .application([0x68]))
        let message = try PublicMessage(content: content, auth: FramedContentAuthData(signature: [0x53]), membershipTag: [0x4d])
        let framed: [UInt8] = [1, 0x67, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 2, 0, 1, 1, 0x68]
        XCTAssertEqual(message.encoded(), framed + [1, 0x53, 1, 0x4d])
        let envelope = MLSMessage(.publicMessage(message))
        XCTAssertEqual(envelope.encoded(), [0, 1, 0, 1] + framed + [1, 0x53, 1, 0x4d])
        XCTAssertEqual(try MLSMessage.decode(envelope.encoded()), envelope)
        XCTAssertEqual(message.authenticatedContent.encoded(), [0, 1] + framed + [1, 0x53])
    }

    func testFramedContentTBSIncludesTheGroupContextForMemberAndNewMemberCommitSenders() throws {
        let context = GroupContext(cipherSuite: CipherSuiteID(rawValue: 1), groupID: [0x67], epoch: 1, treeHash: [], confirmedTranscriptHash: [])
        let contextBytes = context.encoded()
        XCTAssertEqual(contextBytes, [0, 1, 0, 1, 1, 0x67, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0])
        for sender in [Sender.member(LeafIndex(0)), .external(senderIndex: 0), .newMemberProposal, .newMemberCommit] {
            let content = FramedContent(groupID: [0x67], epoch: 1, sender: sender, body: .proposal(.remove(RemoveProposal(removed: LeafIndex(0)))))
            let tbs = try FramedContentTBS(wireFormat: .publicMessage, content: content, context: context)
            let expected = [0, 1, 0, 1] + content.encoded() + (sender.signsGroupContext ? contextBytes : [])
            XCTAssertEqual(tbs.encoded(), expected, "\(sender)")
            XCTAssertEqual(try FramedContentTBS.decode(expected), tbs)
            if sender.signsGroupContext {
                XCTAssertThrowsCodecError(.invalidValue) { _ = try FramedContentTBS(wireFormat: .publicMessage, content: content, context: nil) }
            }
        }
    }

    func testTranscriptHashInputs() throws {
        let content = FramedContent(groupID: [], epoch: 0, sender: .member(LeafIndex(0)), body: .commit(Commit(proposals: [])))
        let authenticated = try AuthenticatedContent(wireFormat: .privateMessage, content: content,
                                                     auth: FramedContentAuthData(signature: [0x51], confirmationTag: [0x7a]))
        let input = try ConfirmedTranscriptHashInput(authenticated)
        XCTAssertEqual(input.encoded(), [0, 2] + content.encoded() + [1, 0x51])
        XCTAssertEqual(InterimTranscriptHashInput(confirmationTag: [0x7a]).encoded(), [1, 0x7a])
        let proposal = FramedContent(groupID: [], epoch: 0, sender: .member(LeafIndex(0)), body: .application([]))
        XCTAssertThrowsCodecError(.invalidValue) { _ = try ConfirmedTranscriptHashInput(wireFormat: .publicMessage, content: proposal, signature: []) }
        XCTAssertThrowsCodecError(.invalidValue, at: 2) { _ = try ConfirmedTranscriptHashInput.decode([0, 1] + proposal.encoded() + [0]) }
    }

    func testPrivateMessageHeaderAndAADs() throws {
        let message = PrivateMessage(groupID: [0x67], epoch: 2, contentType: .commit, authenticatedData: [0xad],
                                     encryptedSenderData: [0xe5], ciphertext: [0xc1, 0xc2])
        XCTAssertEqual(message.encoded(), [1, 0x67, 0, 0, 0, 0, 0, 0, 0, 2, 3, 1, 0xad, 1, 0xe5, 2, 0xc1, 0xc2])
        XCTAssertEqual(message.contentAAD.encoded(), [1, 0x67, 0, 0, 0, 0, 0, 0, 0, 2, 3, 1, 0xad])
        XCTAssertEqual(message.senderDataAAD.encoded(), [1, 0x67, 0, 0, 0, 0, 0, 0, 0, 2, 3])
        let senderData = SenderData(leafIndex: LeafIndex(1), generation: 2, reuseGuard: 0xdead_beef)
        XCTAssertEqual(senderData.encoded(), [0, 0, 0, 1, 0, 0, 0, 2, 0xde, 0xad, 0xbe, 0xef])
        XCTAssertEqual(senderData.reuseGuardBytes, [0xde, 0xad, 0xbe, 0xef])
    }

    func testWelcomeAndGroupSecrets() throws {
        let secrets = GroupSecrets(joinerSecret: [0x4a], pathSecret: PathSecret(pathSecret: [0x50]), psks: [])
        XCTAssertEqual(secrets.encoded(), [1, 0x4a, 1, 1, 0x50, 0])
        XCTAssertEqual(GroupSecrets(joinerSecret: [], pathSecret: nil, psks: []).encoded(), [0, 0, 0])
        let welcome = Welcome(cipherSuite: CipherSuiteID(rawValue: 3),
                              secrets: [EncryptedGroupSecrets(newMember: KeyPackageRef(bytes: [0x52]),
                                                              encryptedGroupSecrets: HPKECiphertext(kemOutput: [0x4b], ciphertext: [0x43]))],
                              encryptedGroupInfo: [0x47])
        XCTAssertEqual(welcome.encoded(), [0, 3, 6, 1, 0x52, 1, 0x4b, 1, 0x43, 1, 0x47])
        XCTAssertEqual(welcome.secrets(for: KeyPackageRef(bytes: [0x52]))?.encryptedGroupSecrets.ciphertext, [0x43])
        XCTAssertNil(welcome.secrets(for: KeyPackageRef(bytes: [0x53])))
    }

    func testTypedExtensionsRoundTripThroughTheList() throws {
        let tree = try RatchetTreeNodes(nodes: [.leaf(LeafNode(encryptionKey: [1], signatureKey: [2], credential: .basic(identity: [3]),
                                                               capabilities: Capabilities(cipherSuites: []), source: .update))])
        let senders = [ExternalSender(signatureKey: [0x5a], credential: .basic(identity: [0x69]))]
        let required = RequiredCapabilities(extensionTypes: [.externalSenders], proposalTypes: [], credentialTypes: [.x509])
        let list = try ExtensionList([.applicationID([0x41, 0x42]), .ratchetTree(tree), .requiredCapabilities(required),
                                      .externalPub(ExternalPub(externalPub: [0x70])), .externalSenders(senders),
                                      Extension(type: ExtensionType(rawValue: 0xff00), data: [1])])
        XCTAssertEqual(list[.applicationID]?.extensionData, [2, 0x41, 0x42])
        XCTAssertEqual(try list.applicationID(), [0x41, 0x42])
        XCTAssertEqual(try list.ratchetTree(), tree)
        XCTAssertEqual(try list.requiredCapabilities(), required)
        XCTAssertEqual(try list.externalPub(), ExternalPub(externalPub: [0x70]))
        XCTAssertEqual(try list.externalSenders(), senders)
        XCTAssertEqual(try ExtensionList.decode(list.encoded()), list)
        XCTAssertNil(try ExtensionList.empty.ratchetTree())
        XCTAssertEqual(list[.externalPub]?.extensionType.description, "external_pub")
        XCTAssertEqual(list[5].extensionType.description, "unknown(0xff00)")
    }
}
