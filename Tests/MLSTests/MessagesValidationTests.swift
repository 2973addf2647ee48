import XCTest
import MLS

/// What the RFC 9420 message decoders reject, and the unknown values they keep.
final class MessagesValidationTests: XCTestCase {
    func testClosedEnumsRejectUndefinedValues() {
        XCTAssertThrowsCodecError(.invalidValue, at: 0) { _ = try Sender.decode([0]) }
        XCTAssertThrowsCodecError(.invalidValue, at: 0) { _ = try Sender.decode([5, 0, 0, 0, 0]) }
        XCTAssertThrowsCodecError(.invalidValue, at: 0) { _ = try LeafNodeSource.decode([4]) }
        XCTAssertThrowsCodecError(.invalidValue, at: 0) { _ = try Node.decode([3]) }
        XCTAssertThrowsCodecError(.invalidValue, at: 0) { _ = try PreSharedKeyID.decode([0, 0, 0]) }
        XCTAssertThrowsCodecError(.invalidValue, at: 1) { _ = try PreSharedKeyID.decode([2, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) }
        XCTAssertThrowsCodecError(.invalidValue, at: 0) { _ = try ProposalOrRef.decode([3, 0]) }
        XCTAssertThrowsCodecError(.invalidValue, at: 9) { _ = try PrivateMessage.decode([0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0]) }
    }

    func testUnknownProposalTypesCannotBeParsed() {
        for type: UInt16 in [0, 9, 0x0a0a, 0xffff] {  // 9: AppEphemeral, not implemented
            XCTAssertThrowsCodecError(.invalidValue, at: 0) { _ = try Proposal.decode([UInt8(type >> 8), UInt8(type & 0xff), 0]) }
        }
        // Inside a commit the offset points at the proposal type.
        XCTAssertThrowsCodecError(.invalidValue, at: 2) { _ = try Commit.decode([4, 1, 0, 9, 0, 0]) }
    }

    func testUnknownRegistryValuesAreKept() throws {
        let capabilities = Capabilities(versions: [ProtocolVersion(rawValue: 0x0a0a)], cipherSuites: [CipherSuiteID(rawValue: 0x1a1a)],
                                        extensions: [ExtensionType(rawValue: 0xbeef)], proposals: [ProposalType(rawValue: 0x2a2a)],
                                        credentials: [CredentialType(rawValue: 0x3a3a)])
        XCTAssertEqual(try Capabilities.decode(capabilities.encoded()), capabilities)
        XCTAssertTrue(capabilities.versions[0].isGREASE)
        XCTAssertFalse(capabilities.extensions[0].isGREASE)
        XCTAssertFalse(CipherSuiteID(rawValue: 0xfafa).isGREASE)
        XCTAssertNil(capabilities.cipherSuites[0].suite)
        XCTAssertEqual(CipherSuiteID(rawValue: 2).suite?.id, 2)
        let unknown = Extension(type: ExtensionType(rawValue: 0x0a0a), data: [1, 2, 3])
        XCTAssertEqual(try Extension.decode(unknown.encoded()), unknown)
    }

    func testDuplicateExtensionTypesAreRejected() {
        let duplicate = [Extension(type: .applicationID, data: [0]), Extension(type: .externalPub, data: [0]), Extension(type: .applicationID, data: [0])]
        XCTAssertThrowsCodecError(.invalidValue) { _ = try ExtensionList(duplicate) }
        var writer = WireWriter()
        writer.writeArray(duplicate)
        XCTAssertThrowsCodecError(.invalidValue, at: 0) { _ = try ExtensionList.decode(writer.bytes) }
        var list = ExtensionList.empty
        list.set(.applicationID([1]))
        list.set(.applicationID([2]))
        XCTAssertEqual(list.count, 1)
        XCTAssertEqual(try list.applicationID(), [2])
        list.remove(.applicationID)
        XCTAssertTrue(list.isEmpty)
    }

    func testMalformedTypedExtensionDataIsACodecError() throws {
        let list = try ExtensionList([Extension(type: .externalPub, data: [5, 1]), Extension(type: .ratchetTree, data: [0])])
        XCTAssertThrowsCodecError(.truncated) { _ = try list.externalPub() }
        XCTAssertThrowsCodecError(.invalidValue) { _ = try list.ratchetTree() }
    }

    func testRatchetTreeRules() throws {
        let leaf = Node.leaf(LeafNode(encryptionKey: [1], signatureKey: [2], credential: .basic(identity: []),
                                      capabilities: Capabilities(cipherSuites: []), source: .update))
        let parent = Node.parent(ParentNode(encryptionKey: [3], parentHash: []))
        XCTAssertNoThrow(try RatchetTreeNodes(nodes: [leaf, parent, leaf]))
        XCTAssertNoThrow(try RatchetTreeNodes(nodes: [leaf, nil, nil, nil, leaf]))
        XCTAssertEqual(try RatchetTreeNodes(nodes: [leaf, nil, nil, nil, leaf]).leafCount, 4)
        XCTAssertThrowsCodecError(.invalidValue) { _ = try RatchetTreeNodes(nodes: []) }
        XCTAssertThrowsCodecError(.invalidValue) { _ = try RatchetTreeNodes(nodes: [leaf, nil, nil]) }
        XCTAssertThrowsCodecError(.invalidValue) { _ = try RatchetTreeNodes(nodes: [parent]) }
        XCTAssertThrowsCodecError(.invalidValue) { _ = try RatchetTreeNodes(nodes: [leaf, leaf, leaf]) }
        // The same rules at decode: [leaf, blank] on the wire.
        var writer = WireWriter()
        writer.writeArray([leaf, nil] as [Node?])
        XCTAssertThrowsCodecError(.invalidValue, at: 0) { _ = try RatchetTreeNodes.decode(writer.bytes) }
    }

    func testConfirmationTagIsPresentExactlyForCommits() throws {
        let proposal = FramedContent(groupID: [], epoch: 0, sender: .member(LeafIndex(0)), body: .proposal(.remove(RemoveProposal(removed: LeafIndex(1)))))
        let commit = FramedContent(groupID: [], epoch: 0, sender: .member(LeafIndex(0)), body: .commit(Commit(proposals: [])))
        XCTAssertThrowsCodecError(.invalidValue) {
            _ = try AuthenticatedContent(wireFormat: .publicMessage, content: proposal, auth: FramedContentAuthData(signature: [], confirmationTag: [1]))
        }
        XCTAssertThrowsCodecError(.invalidValue) {
            _ = try AuthenticatedContent(wireFormat: .publicMessage, content: commit, auth: FramedContentAuthData(signature: []))
        }
        XCTAssertThrowsCodecError(.invalidValue) {
            _ = try PublicMessage(content: commit, auth: FramedContentAuthData(signature: []), membershipTag: [1])
        }
        let withTag = try AuthenticatedContent(wireFormat: .publicMessage, content: commit, auth: FramedContentAuthData(signature: [1], confirmationTag: [2]))
        XCTAssertEqual(try AuthenticatedContent.decode(withTag.encoded()), withTag)
        // Dropping the tag's bytes from a commit is a truncation, not a silent success.
        XCTAssertThrowsCodecError(.truncated) { _ = try AuthenticatedContent.decode(Array(withTag.encoded().dropLast(2))) }
    }

    func testMembershipTagIsPresentExactlyForMemberSenders() throws {
        let auth = FramedContentAuthData(signature: [1])
        for sender in [Sender.member(LeafIndex(0)), .external(senderIndex: 0), .newMemberProposal] {
            let content = FramedContent(groupID: [], epoch: 0, sender: sender, body: .proposal(.remove(RemoveProposal(removed: LeafIndex(1)))))
            let isMember = sender.senderType == .member
            XCTAssertThrowsCodecError(.invalidValue) { _ = try PublicMessage(content: content, auth: auth, membershipTag: isMember ? nil : [1]) }
            let message = try PublicMessage(content: content, auth: auth, membershipTag: isMember ? [9] : nil)
            XCTAssertEqual(try PublicMessage.decode(message.encoded()), message)
        }
    }

    func testMLSMessageNeedsVersionMLS10AndAKnownWireFormat() {
        XCTAssertThrowsCodecError(.invalidValue, at: 0) { _ = try MLSMessage.decode([0, 2, 0, 3, 0, 1, 0, 0, 0]) }
        XCTAssertThrowsCodecError(.invalidValue, at: 0) { _ = try MLSMessage.decode([0, 0, 0, 3, 0, 1, 0, 0, 0]) }
        XCTAssertThrowsCodecError(.invalidValue, at: 2) { _ = try MLSMessage.decode([0, 1, 0, 6, 0]) }
        XCTAssertThrowsCodecError(.invalidValue, at: 2) { _ = try MLSMessage.decode([0, 1, 0, 0]) }
        // A minimal Welcome: suite 1, no secrets, empty encrypted group info.
        XCTAssertEqual(try MLSMessage.decode([0, 1, 0, 3, 0, 1, 0, 0]).wireFormat, .welcome)
        XCTAssertThrowsCodecError(.truncated) { _ = try MLSMessage.decode([0, 1, 0, 3, 0, 1, 0]) }
        XCTAssertThrowsCodecError(.trailingBytes) { _ = try MLSMessage.decode([0, 1, 0, 3, 0, 1, 0, 0, 0]) }
    }

    func testAFailedDecodeLeavesTheReaderWhereItWas() throws {
        var sampler = MessagesSampler(seed: 3)
        let good = MLSMessage(.groupInfo(sampler.groupInfo())).encoded()
        var reader = WireReader(Array(good.dropLast()))
        XCTAssertThrowsError(try reader.read(MLSMessage.self))
        XCTAssertEqual(reader.offset, 0)
    }
}
