import XCTest
import MLS

/// Tree math against an independent recursive construction of full trees (RFC 9420 Appendix C).
final class TreeMathTests: XCTestCase {
    /// Parent, left and right of every node, built by splitting node ranges in half.
    private struct ReferenceTree {
        var parent: [Int?], left: [Int?], right: [Int?]
        var root = 0

        init(leaves: Int) {
            let width = 2 * leaves - 1
            parent = Array(repeating: nil, count: width)
            left = Array(repeating: nil, count: width)
            right = Array(repeating: nil, count: width)
            root = 0
            root = ReferenceTree.build(start: 0, width: width, into: &self)
        }

        private static func build(start: Int, width: Int, into tree: inout ReferenceTree) -> Int {
            let mid = start + width / 2
            guard width > 1 else { return mid }
            let l = build(start: start, width: width / 2, into: &tree)
            let r = build(start: mid + 1, width: width / 2, into: &tree)
            tree.left[mid] = l
            tree.right[mid] = r
            tree.parent[l] = mid
            tree.parent[r] = mid
            return mid
        }

        func ancestors(_ x: Int) -> [Int] {
            var out: [Int] = []
            var node = x
            while let p = parent[node] { out.append(p); node = p }
            return out
        }
    }

    func testEveryFunctionMatchesTheReferenceUpTo1024Leaves() throws {
        for depth in 0...10 {
            let leaves = 1 << depth
            let size = try XCTUnwrap(TreeSize(leafCount: UInt32(leaves)))
            let reference = ReferenceTree(leaves: leaves)
            XCTAssertEqual(size.nodeWidth, UInt64(2 * leaves - 1))
            XCTAssertEqual(size.root.value, UInt64(reference.root))
            XCTAssertEqual(size.depth, depth)
            XCTAssertEqual(TreeMath.root(leafCount: UInt32(leaves)), size.root)
            for x in 0..<(2 * leaves - 1) {
                let node = NodeIndex(UInt64(x))
                XCTAssertEqual(node.left?.value, reference.left[x].map(UInt64.init), "left \(x)")
                XCTAssertEqual(node.right?.value, reference.right[x].map(UInt64.init), "right \(x)")
                XCTAssertEqual(size.parent(of: node)?.value, reference.parent[x].map(UInt64.init), "parent \(x)")
                let expectedSibling = reference.parent[x].map { p in reference.left[p] == x ? reference.right[p]! : reference.left[p]! }
                XCTAssertEqual(size.sibling(of: node)?.value, expectedSibling.map(UInt64.init), "sibling \(x)")
                let path = reference.ancestors(x)
                XCTAssertEqual(size.directPath(of: node).map(\.value), path.map(UInt64.init), "direct path \(x)")
                let copath = (path.isEmpty ? [] : [x] + path.dropLast()).map { y in
                    let p = reference.parent[y]!
                    return reference.left[p] == y ? reference.right[p]! : reference.left[p]!
                }
                XCTAssertEqual(size.copath(of: node).map(\.value), copath.map(UInt64.init), "copath \(x)")
                XCTAssertEqual(node.level, path.isEmpty ? depth : depth - path.count, "level \(x)")
                XCTAssertEqual(node.isLeaf, x % 2 == 0)
                XCTAssertEqual(TreeMath.isLeaf(node), node.isLeaf)
                XCTAssertEqual(TreeMath.level(node), node.level)
            }
        }
    }

    func testCommonAncestorMatchesTheIntersectionOfPaths() throws {
        for leaves in [1, 2, 4, 16, 64] {
            let size = try XCTUnwrap(TreeSize(leafCount: UInt32(leaves)))
            let reference = ReferenceTree(leaves: leaves)
            for x in 0..<(2 * leaves - 1) {
                let xPath = [x] + reference.ancestors(x)
                for y in 0..<(2 * leaves - 1) {
                    let yPath = Set([y] + reference.ancestors(y))
                    let expected = xPath.first { yPath.contains($0) }!
                    XCTAssertEqual(size.commonAncestor(NodeIndex(UInt64(x)), NodeIndex(UInt64(y)))?.value, UInt64(expected), "\(x), \(y)")
                }
            }
        }
    }

    func testLeafAndNodeConversions() {
        XCTAssertEqual(LeafIndex(5).nodeIndex, NodeIndex(10))
        XCTAssertEqual(NodeIndex(leaf: LeafIndex(0)), NodeIndex(0))
        XCTAssertEqual(NodeIndex(10).leafIndex, LeafIndex(5))
        XCTAssertNil(NodeIndex(11).leafIndex)
        XCTAssertEqual(LeafIndex(.max).nodeIndex.value, 0x1_ffff_fffe)
        XCTAssertEqual(LeafIndex(.max).nodeIndex.leafIndex, LeafIndex(.max))
        XCTAssertNil(NodeIndex(0x2_0000_0000).leafIndex)
        XCTAssertEqual([UInt64(0), 1, 3, 7, 15, 2, 5, 11].map { TreeMath.level(NodeIndex($0)) }, [0, 1, 2, 3, 4, 0, 1, 2])
    }

    func testOnlyFullTreesAreTreeSizes() {
        XCTAssertNil(TreeSize(leafCount: 0))
        XCTAssertNil(TreeSize(leafCount: 3))
        XCTAssertNil(TreeSize(leafCount: .max))
        XCTAssertNotNil(TreeSize(leafCount: TreeSize.maxLeafCount))
        let covering: [(UInt32, UInt32?)] = [(0, 1), (1, 1), (2, 2), (3, 4), (5, 8), (1000, 1024), (1 << 31, 1 << 31), ((1 << 31) + 1, nil)]
        for (leaves, expected) in covering {
            XCTAssertEqual(TreeSize(coveringLeaves: leaves)?.leafCount, expected, "covering \(leaves)")
        }
    }

    func testTheLargestTreeHasNoOverflow() throws {
        let size = try XCTUnwrap(TreeSize(leafCount: TreeSize.maxLeafCount))
        XCTAssertEqual(size.nodeWidth, 0xffff_ffff)
        XCTAssertEqual(size.root.value, 0x7fff_ffff)
        let lastLeaf = LeafIndex(TreeSize.maxLeafCount - 1).nodeIndex
        XCTAssertTrue(size.contains(lastLeaf))
        XCTAssertEqual(size.directPath(of: lastLeaf).count, 31)
        XCTAssertEqual(size.directPath(of: lastLeaf).last, size.root)
        XCTAssertEqual(size.copath(of: lastLeaf).first, NodeIndex(0xffff_fffc))
        XCTAssertEqual(size.commonAncestor(NodeIndex(0), lastLeaf), size.root)
    }

    func testNodesOutsideTheTreeGiveNilOrEmpty() throws {
        let size = try XCTUnwrap(TreeSize(leafCount: 4))
        for outside in [NodeIndex(7), NodeIndex(8), NodeIndex(.max)] {
            XCTAssertFalse(size.contains(outside))
            XCTAssertNil(size.parent(of: outside))
            XCTAssertNil(size.sibling(of: outside))
            XCTAssertEqual(size.directPath(of: outside), [])
            XCTAssertEqual(size.copath(of: outside), [])
            XCTAssertNil(size.commonAncestor(outside, NodeIndex(0)))
        }
        XCTAssertNil(size.parent(of: size.root))
        XCTAssertEqual(size.directPath(of: size.root), [])
        XCTAssertFalse(size.contains(LeafIndex(4)))
        XCTAssertTrue(size.contains(LeafIndex(3)))
        // Children of absurd indices must not trap.
        _ = NodeIndex(.max).left
        _ = NodeIndex(.max).right
    }

    func testAppendixCFormulasForAnyLeafCount() {
        let expected: [(UInt32, UInt64, UInt64)] = [(0, 0, 0), (1, 1, 0), (2, 3, 1), (3, 5, 3), (5, 9, 7), (8, 15, 7), (9, 17, 15)]
        for (leaves, width, root) in expected {
            XCTAssertEqual(TreeMath.nodeWidth(leafCount: leaves), width, "width of \(leaves)")
            XCTAssertEqual(TreeMath.root(leafCount: leaves).value, root, "root of \(leaves)")
        }
    }

    func testLeafIndexIsAUInt32OnTheWire() throws {
        XCTAssertEqual(try LeafIndex.decode([0, 0, 1, 0]), LeafIndex(256))
        XCTAssertThrowsCodecError(.truncated) { _ = try LeafIndex.decode([0, 1]) }
    }
}
