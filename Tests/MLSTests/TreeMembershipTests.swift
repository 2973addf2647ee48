import MLS
import MLSCrypto
import XCTest

/// Adding, updating, removing and truncating (RFC 9420 §7.7, §12.1), and the `ratchet_tree` encoding.
final class TreeMembershipTests: XCTestCase {
    func testAddsFillTheLeftmostBlankLeafAndDoubleWhenFull() throws {
        var group = try TreeTestGroup()
        XCTAssertEqual(group.tree.leafCount, 1)
        XCTAssertEqual(try group.add("b"), LeafIndex(1))
        XCTAssertEqual(group.tree.leafCount, 2)
        XCTAssertEqual(try group.add("c"), LeafIndex(2))
        XCTAssertEqual(group.tree.leafCount, 4)
        XCTAssertEqual(try group.add("d"), LeafIndex(3))
        XCTAssertEqual(try group.add("e"), LeafIndex(4))
        XCTAssertEqual(group.tree.leafCount, 8)
        try group.remove(LeafIndex(1))
        XCTAssertEqual(group.tree.leafCount, 8, "leaf 4 keeps the right half")
        XCTAssertEqual(try group.add("f"), LeafIndex(1), "the hole at leaf 1 is reused")
        XCTAssertEqual(group.tree.memberCount, 5)
    }

    func testAnAddIsUnmergedAtEveryNonBlankParentAbove() throws {
        var group = try TreeTestGroup()
        for name in ["b", "c", "d"] { try group.add(name) }
        try group.commit(from: LeafIndex(0))                 // Sets nodes 1 and 3.
        try group.remove(LeafIndex(3))                       // Blanks node 5 and 3 (its direct path).
        try group.commit(from: LeafIndex(1))                 // Sets nodes 1 and 3 again (node 5's copath has C).
        let added = try group.add("e")
        XCTAssertEqual(added, LeafIndex(3))
        XCTAssertEqual(group.tree.parentNode(at: NodeIndex(3))?.unmergedLeaves, [LeafIndex(3)])
        XCTAssertNil(group.tree.parentNode(at: NodeIndex(5)), "blank parents record nothing")
        XCTAssertEqual(group.tree.resolution(of: NodeIndex(3)), [NodeIndex(3), NodeIndex(6)])
        XCTAssertEqual(group.tree.resolution(of: NodeIndex(5)), [NodeIndex(4), NodeIndex(6)])
        try group.commit(from: LeafIndex(2))
        XCTAssertEqual(group.tree.parentNode(at: NodeIndex(3))?.unmergedLeaves, [], "a commit through the node merges it")
    }

    func testRemoveBlanksTheDirectPathAndTruncatesRepeatedly() throws {
        var group = try TreeTestGroup()
        for index in 1..<9 { try group.add("m\(index)") }
        XCTAssertEqual(group.tree.leafCount, 16)
        try group.commit(from: LeafIndex(8))
        XCTAssertNotNil(group.tree.parentNode(at: NodeIndex(15)))
        try group.remove(LeafIndex(8))
        XCTAssertEqual(group.tree.leafCount, 8, "16 → 8 once leaf 8 is gone")
        XCTAssertEqual(group.tree.memberCount, 8)
        for leaf in [7, 6, 5] { try group.remove(LeafIndex(UInt32(leaf))) }
        XCTAssertEqual(group.tree.leafCount, 8, "leaf 4 still holds the right half")
        try group.remove(LeafIndex(4))
        XCTAssertEqual(group.tree.leafCount, 4)
        for leaf in [3, 2] { try group.remove(LeafIndex(UInt32(leaf))) }
        XCTAssertEqual(group.tree.leafCount, 2)
        try group.remove(LeafIndex(1))
        XCTAssertEqual(group.tree.leafCount, 1)
        XCTAssertEqual(group.tree.memberCount, 1)
        try group.remove(LeafIndex(0))
        XCTAssertEqual(group.tree.leafCount, 1, "truncation stops at one leaf")
        XCTAssertThrowsError(try group.tree.encoded()) { XCTAssertEqual(($0 as? MLSError)?.code, .invalidTree) }
    }

    func testUpdateReplacesTheLeafAndBlanksItsPath() throws {
        var group = try TreeTestGroup()
        for name in ["b", "c", "d"] { try group.add(name) }
        try group.commit(from: LeafIndex(2))
        let (leaf, _, _) = try TreeTestGroup.newMember(group.crypto, name: "c2")
        try group.tree.updateLeaf(LeafIndex(2), with: leaf)
        XCTAssertEqual(group.tree.leafNode(at: LeafIndex(2)), leaf)
        XCTAssertNil(group.tree.parentNode(at: NodeIndex(5)))
        XCTAssertNil(group.tree.parentNode(at: NodeIndex(3)))
    }

    func testBadArgumentsThrowAndChangeNothing() throws {
        var group = try TreeTestGroup()
        for name in ["b", "c"] { try group.add(name) }
        try group.commit(from: LeafIndex(0))
        let before = group.tree
        let (leaf, _, _) = try TreeTestGroup.newMember(group.crypto, name: "x")
        for failing in [
            { (tree: inout RatchetTree) throws in try tree.removeLeaf(LeafIndex(3)) },            // Blank.
            { (tree: inout RatchetTree) throws in try tree.removeLeaf(LeafIndex(40)) },           // Outside.
            { (tree: inout RatchetTree) throws in try tree.updateLeaf(LeafIndex(3), with: leaf) },
            { (tree: inout RatchetTree) throws in try tree.updateLeaf(LeafIndex(1000), with: leaf) },
        ] {
            var tree = group.tree
            XCTAssertThrowsError(try failing(&tree)) { XCTAssertEqual(($0 as? MLSError)?.code, .invalidProposal) }
            XCTAssertEqual(tree, before)
        }
    }

    func testRatchetTreeEncodingRoundTripsAndLeavesOutTrailingBlanks() throws {
        var group = try TreeTestGroup()
        for name in ["b", "c", "d", "e"] { try group.add(name) }
        try group.commit(from: LeafIndex(1))
        try group.remove(LeafIndex(4))
        try group.add("f")
        try group.remove(LeafIndex(3))
        let nodes = try group.tree.ratchetTreeNodes()
        XCTAssertNotNil(nodes.nodes.last ?? nil, "the encoding ends in a non-blank node")
        XCTAssertLessThan(UInt64(nodes.nodes.count), group.tree.nodeWidth)
        var decoded = try RatchetTree(decoding: try group.tree.encoded())
        XCTAssertEqual(decoded, group.tree)
        XCTAssertEqual(decoded.treeHash(group.crypto), group.tree.treeHash(group.crypto))
    }

    func testMalformedRatchetTreesAreTypedErrors() throws {
        let group = try TreeTestGroup()
        let good = try group.tree.encoded()
        // A trailing blank node: a one-leaf tree followed by a blank parent and a blank leaf.
        var writer = WireWriter()
        writer.writeArray([Node.leaf(try XCTUnwrap(group.tree.leafNode(at: LeafIndex(0)))), nil, nil])
        let trailing = writer.bytes
        let cases: [(String, [UInt8])] = [
            ("empty vector", [0]),
            ("trailing blanks", trailing),
            ("truncated", Array(good.dropLast())),
            ("trailing garbage", good + [7]),
            ("bad presence byte", [1, 2]),
            ("parent at a leaf position", [0x05, 0x01, 0x02, 0x00, 0x00, 0x00]),
        ]
        for (name, bytes) in cases {
            XCTAssertThrowsError(try RatchetTree(decoding: bytes), name) { error in
                XCTAssertEqual((error as? MLSError)?.code, .malformed, name)
                XCTAssertNotNil((error as? MLSError)?.codecError, name)
            }
        }
    }
}
