import MLS
import MLSCrypto
import XCTest

/// Copy-on-write sharing of the public tree between members.
final class TreeStorageTests: XCTestCase {
    func testEqualTreesShareStorageUntilOneChanges() throws {
        var group = try TreeTestGroup()
        for index in 1..<200 { try group.add("m\(index)") }
        group.tree.computeTreeHashes(group.crypto)
        let original = group.tree
        var copy = original
        XCTAssertEqual(copy.pageCount, 9, "256 leaves: 8 subtree pages of 32 leaves and the upper page")
        XCTAssertEqual(copy.sharedPageCount(with: original), copy.pageCount, "a copy shares every page")

        try copy.removeLeaf(LeafIndex(70))
        XCTAssertEqual(copy.sharedPageCount(with: original), copy.pageCount - 2, "a change copies its subtree page and the upper page")
        XCTAssertNotEqual(copy, original)
        XCTAssertNotNil(original.leafNode(at: LeafIndex(70)), "the original is unchanged")

        // A commit touches two pages as well, and hashing the result writes only into the copied pages.
        var committed = original
        group.tree = committed
        try group.commit(from: LeafIndex(150))
        committed = group.tree
        XCTAssertEqual(committed.sharedPageCount(with: original), original.pageCount - 2)
    }

    func testIndependentlyBuiltEqualTreesCanBeDeduplicated() throws {
        var group = try TreeTestGroup()
        for index in 1..<100 { try group.add("m\(index)") }
        try group.commit(from: LeafIndex(3))
        let bytes = try group.tree.encoded()
        var first = try RatchetTree(decoding: bytes), second = try RatchetTree(decoding: bytes)
        first.computeTreeHashes(group.crypto)
        XCTAssertEqual(first, second)
        XCTAssertEqual(first.sharedPageCount(with: second), 0)
        second.shareStorage(with: first)
        XCTAssertEqual(second.sharedPageCount(with: first), first.pageCount)
        XCTAssertTrue(second.hasCachedTreeHash(NodeIndex(127)), "the adopted pages bring their cached hashes")

        // Unequal trees adopt only the pages that hold the same nodes (never the upper page).
        var third = try RatchetTree(decoding: bytes)
        try third.removeLeaf(LeafIndex(40))
        third.shareStorage(with: first)
        XCTAssertEqual(third.sharedPageCount(with: first), first.pageCount - 2)
        XCTAssertNil(third.leafNode(at: LeafIndex(40)))
        XCTAssertNotEqual(third, first)
    }
}
