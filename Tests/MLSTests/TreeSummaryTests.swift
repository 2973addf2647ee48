@testable import MLS
import MLSCrypto
import XCTest

/// The per-page summaries of the tree storage (keys, credential types, occupied leaves) against a
/// brute-force scan of every node, after random changes; and the queries built on them (`checkFits`,
/// `memberCount`, `leftmostBlankLeaf`, key lookups, empty resolutions) against the scans they replace.
final class TreeSummaryTests: XCTestCase {
    /// SplitMix64: a small seeded generator, so a failure replays.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Random synthetic nodes (unsigned: only the tree structure and its summaries are under test). Keys
    /// come from small pools so that repeated keys (an unvalidated tree may hold them) are common.
    struct NodeFactory {
        var random: Generator
        var fresh: UInt32 = 0
        let types: [CredentialType] = [.basic, .x509, CredentialType(rawValue: 0x0A0A)]

        mutating func key(_ tag: UInt8) -> [UInt8] {
            // One time in four a pooled key (likely repeated), otherwise a fresh one.
            if Int.random(in: 0..<4, using: &random) == 0 { return [tag, UInt8.random(in: 0..<12, using: &random)] }
            fresh += 1
            return [tag, 0xff] + withUnsafeBytes(of: fresh.bigEndian, Array.init)
        }

        mutating func leaf() -> LeafNode {
            let type = Int.random(in: 0..<10, using: &random) < 8 ? CredentialType.basic : types.randomElement(using: &random)!
            var supported: [CredentialType] = [type]
            for other in types where Int.random(in: 0..<3, using: &random) == 0 { supported.append(other) }
            if Int.random(in: 0..<10, using: &random) == 0 { supported.append(type) }   // a listed duplicate
            supported.shuffle(using: &random)
            return LeafNode(encryptionKey: key(1), signatureKey: key(2), credential: type == .x509 ? .x509(certificates: []) : .basic(identity: [0]),
                            capabilities: Capabilities(cipherSuites: [CipherSuiteID(rawValue: 1)], credentials: supported),
                            source: .keyPackage(Lifetime(notBefore: 0, notAfter: .max)))
        }

        mutating func parent() -> ParentNode { ParentNode(encryptionKey: key(1), parentHash: []) }
    }

    // MARK: References: the scans the summaries replace

    static func referenceCheckFits(_ tree: RatchetTree, _ candidate: LeafNode, at leaf: LeafIndex) -> String? {
        let own = leaf.nodeIndex
        for index in 0..<tree.leafCount where index != leaf.value {
            let other = LeafIndex(index)
            guard let member = tree.leafNode(at: other) else { continue }
            if !member.capabilities.credentials.contains(candidate.credential.credentialType) {
                return "\(other) does not support the credential type of \(leaf)"
            }
            if !candidate.capabilities.credentials.contains(member.credential.credentialType) {
                return "\(leaf) does not support the credential type of \(other)"
            }
            if member.signatureKey == candidate.signatureKey { return "\(leaf) uses the signature key of \(other)" }
        }
        for index in 0..<tree.nodeWidth where index != own.value && tree.encryptionKey(at: NodeIndex(index)) == candidate.encryptionKey {
            return "\(leaf) uses the encryption key of node \(index)"
        }
        return nil
    }

    static func referenceResolution(_ tree: RatchetTree, _ index: NodeIndex) -> [NodeIndex] {
        guard tree.size.contains(index) else { return [] }
        switch tree.node(at: index) {
        case .leaf?: return [index]
        case .parent(let parent)?: return [index] + parent.unmergedLeaves.map(\.nodeIndex)
        case nil:
            guard let left = index.left, let right = index.right else { return [] }
            return referenceResolution(tree, left) + referenceResolution(tree, right)
        }
    }

    static func referenceResolutionIsEmpty(_ tree: RatchetTree, _ index: NodeIndex) -> Bool {
        guard tree.size.contains(index) else { return true }
        if tree.node(at: index) != nil { return false }
        guard let left = index.left, let right = index.right else { return true }
        return referenceResolutionIsEmpty(tree, left) && referenceResolutionIsEmpty(tree, right)
    }

    /// Every page's summary equals one computed from its slots, and every query agrees with its scan.
    static func verify(_ tree: RatchetTree, probes: [LeafNode], _ random: inout Generator,
                       file: StaticString = #filePath, line: UInt = #line) {
        let storage = tree.storage
        for (number, page) in storage.lower.enumerated() {
            XCTAssertEqual(page.summary, PageSummary(slots: page.slots, leafSlots: true), "lower page \(number)", file: file, line: line)
        }
        XCTAssertEqual(storage.upper.summary, PageSummary(slots: storage.upper.slots, leafSlots: false), "upper page", file: file, line: line)

        let occupied = (0..<tree.leafCount).map(LeafIndex.init).filter { tree.leafNode(at: $0) != nil }
        XCTAssertEqual(tree.occupiedLeaves, occupied, file: file, line: line)
        XCTAssertEqual(tree.memberCount, occupied.count, file: file, line: line)
        XCTAssertEqual(tree.leftmostBlankLeaf, (0..<tree.leafCount).map(LeafIndex.init).first { tree.leafNode(at: $0) == nil },
                       file: file, line: line)
        for index in 0..<tree.nodeWidth {
            let node = NodeIndex(index)
            XCTAssertEqual(tree.resolutionIsEmpty(node), referenceResolutionIsEmpty(tree, node), "\(node)", file: file, line: line)
            if node.level >= 4 {
                XCTAssertEqual(tree.resolution(of: node), referenceResolution(tree, node), "\(node)", file: file, line: line)
            }
        }
        if let someone = occupied.randomElement(using: &random), let node = tree.leafNode(at: someone) {
            XCTAssertEqual(tree.leafIndex(of: node), occupied.first { tree.leafNode(at: $0) == node }, file: file, line: line)
        }
        // Encryption-key lookups: keys of random nodes, and keys nowhere in the tree.
        var keySets: [[[UInt8]]] = [[[9, 9, 9]], []]
        for _ in 0..<3 {
            let index = UInt64.random(in: 0..<tree.nodeWidth, using: &random)
            keySets.append([tree.encryptionKey(at: NodeIndex(index)) ?? [1, 3], [1, UInt8.random(in: 0..<12, using: &random)]])
        }
        for keys in keySets {
            let excluded = Bool.random(using: &random) ? UInt64.random(in: 0..<tree.nodeWidth, using: &random) : nil
            let expected = (0..<tree.nodeWidth).first { index in
                index != excluded && tree.encryptionKey(at: NodeIndex(index)).map(keys.contains) == true
            }
            XCTAssertEqual(storage.firstNode(withEncryptionKeyIn: keys, excluding: excluded), expected, file: file, line: line)
        }
        // checkFits at member positions, blank positions and the position after the tree.
        var positions = [LeafIndex(tree.leafCount)]
        if let blank = tree.leftmostBlankLeaf { positions.append(blank) }
        for _ in 0..<3 { if let member = occupied.randomElement(using: &random) { positions.append(member) } }
        for position in positions {
            var candidates = probes
            if let member = occupied.randomElement(using: &random), let node = tree.leafNode(at: member) {
                candidates.append(node)   // reuses every key of a member
            }
            for candidate in candidates {
                let actual: String?
                do { try tree.checkFits(candidate, at: position); actual = nil } catch { actual = error.message }
                XCTAssertEqual(actual, referenceCheckFits(tree, candidate, at: position), "checkFits at \(position)", file: file, line: line)
            }
        }
    }

    func testPageSummariesMatchAScanAfterRandomChanges() throws {
        var factory = NodeFactory(random: Generator(state: 42))
        var random = Generator(state: 7)
        var tree = RatchetTree(creator: factory.leaf())
        for _ in 0..<140 { try tree.addLeaf(factory.leaf()) }
        var checked = 0
        for step in 0..<260 {
            let occupied = tree.occupiedLeaves
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<3:
                try tree.addLeaf(factory.leaf())
            case 3..<5 where occupied.count > 1:
                try tree.removeLeaf(occupied.randomElement(using: &random)!)
            case 5:
                try tree.updateLeaf(occupied.randomElement(using: &random)!, with: factory.leaf())
            case 6..<8:
                // A commit-like path: the parents above a member get (possibly repeated) keys.
                let leaf = occupied.randomElement(using: &random)!
                for parent in tree.size.directPath(of: leaf.nodeIndex) where Bool.random(using: &random) {
                    tree.setNode(parent, .parent(factory.parent()))
                }
            case 8:
                // A copy written to: the original's pages and summaries must not change.
                let before = tree
                var copy = tree
                try copy.addLeaf(factory.leaf())
                if let victim = occupied.last, occupied.count > 1 { try copy.removeLeaf(victim) }
                XCTAssertEqual(tree, before)
                Self.verify(copy, probes: [factory.leaf()], &random)
            default:
                tree.blankDirectPath(of: occupied.randomElement(using: &random)!)
            }
            if step % 3 == 0 {
                Self.verify(tree, probes: [factory.leaf(), factory.leaf()], &random)
                checked += 1
            }
        }
        XCTAssertGreaterThan(tree.leafCount, 128, "the tree spans several pages")
        XCTAssertGreaterThan(checked, 80)
    }

    func testSmallTreesFromOneLeaf() throws {
        var factory = NodeFactory(random: Generator(state: 13))
        var random = Generator(state: 17)
        var tree = RatchetTree(creator: factory.leaf())
        Self.verify(tree, probes: [factory.leaf()], &random)
        for _ in 0..<40 {
            try tree.addLeaf(factory.leaf())
            Self.verify(tree, probes: [factory.leaf()], &random)
        }
        while tree.memberCount > 1 {
            try tree.removeLeaf(tree.occupiedLeaves.last!)
            Self.verify(tree, probes: [factory.leaf()], &random)
        }
        XCTAssertEqual(tree.leafCount, 1)
    }

    func testCommitsAddsAndRemovesKeepSummariesExact() throws {
        var group = try TreeTestGroup()
        var random = Generator(state: 3)
        var factory = NodeFactory(random: Generator(state: 5))
        for index in 1..<70 { try group.add("m\(index)") }
        try group.commit(from: LeafIndex(0))
        try group.commit(from: LeafIndex(40))
        for leaf in [3, 33, 34, 68] { try group.remove(LeafIndex(UInt32(leaf))) }
        try group.commit(from: LeafIndex(65))
        let joiners = [try group.add("late-1"), try group.add("late-2")]
        XCTAssertEqual(joiners, [LeafIndex(3), LeafIndex(33)], "adds fill the leftmost blank leaves")
        try group.commit(from: LeafIndex(1), joiners: joiners)
        Self.verify(group.tree, probes: [factory.leaf()], &random)

        // Removing every member of the right half truncates the tree.
        for leaf in group.tree.occupiedLeaves where leaf.value >= 64 { try group.remove(leaf) }
        XCTAssertEqual(group.tree.leafCount, 64)
        Self.verify(group.tree, probes: [factory.leaf()], &random)
    }

    func testEveryPageCopyKeepsItsOwnSummary() throws {
        var factory = NodeFactory(random: Generator(state: 11))
        var tree = RatchetTree(creator: factory.leaf())
        for _ in 0..<95 { try tree.addLeaf(factory.leaf()) }
        let original = tree
        let countBefore = original.memberCount
        try tree.removeLeaf(LeafIndex(40))
        // No hash is cached and no parent above leaf 40 is set: only the leaf's own page is copied.
        XCTAssertEqual(tree.sharedPageCount(with: original), tree.pageCount - 1, "a change copies only the page it writes")
        XCTAssertEqual(original.memberCount, countBefore)
        XCTAssertEqual(tree.memberCount, countBefore - 1)
        XCTAssertEqual(tree.leftmostBlankLeaf, LeafIndex(40))
        XCTAssertEqual(original.leftmostBlankLeaf, LeafIndex(96))
        let key = try XCTUnwrap(original.leafNode(at: LeafIndex(40))).encryptionKey
        XCTAssertEqual(original.storage.firstNode(withEncryptionKeyIn: [key]).map { $0 <= 80 }, true)
        XCTAssertEqual(tree.storage.firstNode(withEncryptionKeyIn: [key]),
                       (0..<tree.nodeWidth).first { tree.encryptionKey(at: NodeIndex($0)) == key }, "the copy no longer counts the removed key")
    }
}
