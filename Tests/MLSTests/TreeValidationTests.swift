import MLS
import MLSCrypto
import XCTest

/// Validation of a tree on join (RFC 9420 §12.4.3.1): good trees pass, each kind of damage is caught.
final class TreeValidationTests: XCTestCase {
    /// Eight members, four commits, a removal and an add (an unmerged leaf at nodes 11 and 7, internal blanks).
    private func sampleGroup() throws -> TreeTestGroup {
        var group = try TreeTestGroup(seed: 11)
        for index in 1..<8 { try group.add("m\(index)") }
        try group.commit(from: LeafIndex(0))
        try group.commit(from: LeafIndex(5))
        try group.commit(from: LeafIndex(2))
        try group.remove(LeafIndex(6))
        try group.commit(from: LeafIndex(4))
        try group.add("n")
        return group
    }

    /// The group's tree with its nodes changed by `edit` (re-decoded, as a joiner would receive it).
    private func edited(_ group: TreeTestGroup, _ edit: (inout [Node?]) throws -> Void) throws -> RatchetTree {
        var nodes = try group.tree.ratchetTreeNodes().nodes
        try edit(&nodes)
        return try RatchetTree(try RatchetTreeNodes(nodes: nodes))
    }

    private func assertRejected(_ tree: RatchetTree, _ group: TreeTestGroup, code: MLSError.Code,
                                parameters: TreeValidationParameters? = nil, hash: [UInt8]? = nil,
                                file: StaticString = #filePath, line: UInt = #line) {
        var tree = tree
        XCTAssertThrowsError(try tree.validate(parameters ?? group.parameters, expectedTreeHash: hash, group.crypto), file: file, line: line) {
            XCTAssertEqual(($0 as? MLSError)?.code, code, "\($0)", file: file, line: line)
        }
    }

    func testAGroupBuiltByCommitsValidates() throws {
        var group = try sampleGroup()
        XCTAssertEqual(group.tree.parentNode(at: NodeIndex(11))?.unmergedLeaves, [LeafIndex(6)])
        let hash = group.tree.treeHash(group.crypto)
        var joined = try RatchetTree(decoding: try group.tree.encoded())
        XCTAssertNoThrow(try joined.validate(group.parameters, expectedTreeHash: hash, group.crypto))
    }

    func testAWrongTreeHashIsRejected() throws {
        let group = try sampleGroup()
        assertRejected(group.tree, group, code: .invalidTree, hash: Array(repeating: 0, count: 32))
    }

    func testAChangedParentHashOrParentKeyBreaksParentHashValidity() throws {
        let group = try sampleGroup()
        assertRejected(try edited(group) { nodes in
            guard case .parent(var parent)? = nodes[3] else { return XCTFail("node 3 is set") }
            parent.parentHash[0] ^= 1
            nodes[3] = .parent(parent)
        }, group, code: .invalidTree)
        let fresh = try group.crypto.generateHPKEKey().publicKey.bytes
        assertRejected(try edited(group) { nodes in
            guard case .parent(var parent)? = nodes[7] else { return XCTFail("node 7 is set") }
            parent.encryptionKey = fresh
            nodes[7] = .parent(parent)
        }, group, code: .invalidTree)
        // A parent node set out of thin air over blank children.
        assertRejected(try edited(group) { nodes in
            XCTAssertNil(nodes[13] ?? nil)
            nodes[13] = .parent(ParentNode(encryptionKey: fresh, parentHash: []))
        }, group, code: .invalidTree)
    }

    func testABrokenLeafSignatureIsRejected() throws {
        let group = try sampleGroup()
        assertRejected(try edited(group) { nodes in
            guard case .leaf(var leaf)? = nodes[8] else { return XCTFail("leaf 4 is set") }
            leaf.signature[5] ^= 1
            nodes[8] = .leaf(leaf)
        }, group, code: .invalidSignature)
        // The same tree under another group id: commit-source leaves sign the group id.
        assertRejected(group.tree, group, code: .invalidSignature, parameters: TreeValidationParameters(groupID: [9]))
    }

    func testDuplicateKeysAreRejected() throws {
        let group = try sampleGroup()
        let signing = try XCTUnwrap(group.signingKeys[3])
        for field in ["encryption", "signature"] {
            assertRejected(try edited(group) { nodes in
                guard case .leaf(var leaf)? = nodes[6], case .leaf(let other)? = nodes[2] else { return XCTFail("leaves 1 and 3 are set") }
                if field == "encryption" { leaf.encryptionKey = other.encryptionKey } else { leaf.signatureKey = other.signatureKey }
                try leaf.sign(with: field == "encryption" ? signing : try XCTUnwrap(group.signingKeys[1]), crypto: group.crypto,
                              groupID: group.groupID, leafIndex: LeafIndex(3))
                nodes[6] = .leaf(leaf)
            }, group, code: .invalidTree)
        }
    }

    func testInconsistentUnmergedLeavesAreRejected() throws {
        let group = try sampleGroup()
        for bad in [[LeafIndex(6), LeafIndex(6)], [LeafIndex(1)], [LeafIndex(7)], [LeafIndex(6), LeafIndex(4)]] {
            assertRejected(try edited(group) { nodes in
                guard case .parent(var parent)? = nodes[11] else { return XCTFail("node 11 is set") }
                parent.unmergedLeaves = bad
                nodes[11] = .parent(parent)
            }, group, code: .invalidTree)
        }
    }

    func testGroupRequirementsAndLifetimesAreEnforced() throws {
        let group = try sampleGroup()
        let required = RequiredCapabilities(extensionTypes: [ExtensionType(rawValue: 0xff00)])
        assertRejected(group.tree, group, code: .invalidTree,
                       parameters: TreeValidationParameters(groupID: group.groupID, requiredCapabilities: required))
        var keyPackageOnly = try TreeTestGroup(seed: 12)
        try keyPackageOnly.add("b")
        let expiredSoon = TreeValidationParameters(groupID: keyPackageOnly.groupID, currentTime: .max)
        var tree = keyPackageOnly.tree
        XCTAssertNoThrow(try tree.validate(keyPackageOnly.parameters, keyPackageOnly.crypto))
        XCTAssertNoThrow(try tree.validate(expiredSoon, keyPackageOnly.crypto), "notAfter is UInt64.max")
        var lifetimes = keyPackageOnly
        let (leaf, _, signing) = try TreeTestGroup.newMember(lifetimes.crypto, name: "c")
        var short = leaf
        short.source = .keyPackage(Lifetime(notBefore: 100, notAfter: 200))
        try short.sign(with: signing, crypto: lifetimes.crypto, groupID: [], leafIndex: LeafIndex(0))
        try lifetimes.tree.addLeaf(short)
        assertRejected(lifetimes.tree, lifetimes, code: .invalidTree, parameters: TreeValidationParameters(groupID: lifetimes.groupID, currentTime: 300))
        XCTAssertNoThrow(try lifetimes.tree.validate(TreeValidationParameters(groupID: lifetimes.groupID, currentTime: 150), lifetimes.crypto))
    }
}
