import XCTest
import MLSCrypto
@testable import MLS

/// End-to-end group operations: create, add by Welcome, update, remove, external join, application data.
final class GroupTests: XCTestCase {
    struct World {
        let meter = OperationMeter()
        let random: SeededRandom
        let suite: CipherSuite
        init(suite: CipherSuite, seed: UInt64) { self.suite = suite; random = SeededRandom(seed: seed) }
        func crypto(_ name: String) -> CryptoContext { CryptoContext(suite: suite, actor: meter.actor(name), random: random) }
        func bundle(_ name: String) throws -> KeyPackageBundle {
            let c = crypto(name)
            return try KeyPackageBundle(c, identity: try MemberIdentity(c, identity: Array(name.utf8)))
        }
    }

    /// Delivers a commit to everyone but the committer, who merges its staged commit.
    func deliver(_ output: CommitOutput, committer: Int, to groups: inout [Group?]) throws {
        for i in groups.indices {
            guard var g = groups[i] else { continue }
            if i == committer {
                try g.merge(output.staged)
            } else {
                guard case .commit(let staged) = try g.process(output.message) else { XCTFail("not a commit"); continue }
                if staged.removesMe { groups[i] = nil; continue }
                try g.merge(staged)
            }
            groups[i] = g
        }
    }

    func assertAgree(_ groups: [Group?], file: StaticString = #filePath, line: UInt = #line) {
        let live = groups.compactMap { $0 }
        guard let first = live.first else { return }
        for g in live {
            XCTAssertEqual(g.epoch, first.epoch, file: file, line: line)
            XCTAssertEqual(g.epochAuthenticator, first.epochAuthenticator, "epoch authenticators differ", file: file, line: line)
        }
    }

    func testAddUpdateRemoveExternalJoinAndMessages() throws {
        for suite in CipherSuite.supported {
            let w = World(suite: suite, seed: UInt64(suite.id))
            let creator = w.crypto("alice")
            var groups: [Group?] = [try Group.create(creator, groupID: [7], identity: try MemberIdentity(creator, identity: Array("alice".utf8)))]
            // Add three members in one commit.
            let bundles = try ["bob", "carol", "dave"].map { try w.bundle($0) }
            let add = try groups[0]!.commit(CommitOptions(proposals: bundles.map { .add(AddProposal(keyPackage: $0.keyPackage)) }))
            try groups[0]!.merge(add.staged)
            for b in bundles { groups.append(try Group.join(w.crypto(String(decoding: b.identity.credential.identityBytes, as: UTF8.self)), welcome: add.welcome!, keyPackage: b)) }
            assertAgree(groups)
            XCTAssertEqual(groups[0]!.memberCount, 4)

            // Bob proposes an update; Carol commits it with a path.
            var g1 = groups[1]!
            let proposal = try g1.proposeUpdate().message
            groups[1] = g1
            for i in [0, 2, 3] { var g = groups[i]!; _ = try g.process(proposal); groups[i] = g }
            let commit = try groups[2]!.commit()
            try deliver(commit, committer: 2, to: &groups)
            assertAgree(groups)

            // Messages in every direction.
            for sender in groups.indices {
                var s = groups[sender]!
                let msg = try s.encrypt(Array("hello from \(sender)".utf8), authenticatedData: [1])
                groups[sender] = s
                for r in groups.indices where r != sender {
                    var g = groups[r]!
                    guard case .application(let data, let from, let ad) = try g.process(msg) else { XCTFail(); continue }
                    XCTAssertEqual(data, Array("hello from \(sender)".utf8)); XCTAssertEqual(from, s.myLeaf); XCTAssertEqual(ad, [1])
                    groups[r] = g
                }
            }

            // Dave removes Bob (with a path).
            let remove = try groups[3]!.commit(CommitOptions(proposals: [.remove(RemoveProposal(removed: groups[1]!.myLeaf))]))
            try deliver(remove, committer: 3, to: &groups)
            XCTAssertNil(groups[1])
            assertAgree(groups)

            // Erin joins by external commit from Alice's GroupInfo.
            let erinCrypto = w.crypto("erin")
            let info = try groups[0]!.groupInfo()
            let (erin, externalCommit) = try Group.joinExternally(erinCrypto, groupInfo: info, identity: try MemberIdentity(erinCrypto, identity: Array("erin".utf8)))
            for i in groups.indices {
                guard var g = groups[i] else { continue }
                guard case .commit(let staged) = try g.process(externalCommit) else { XCTFail(); continue }
                try g.merge(staged)
                groups[i] = g
            }
            groups.append(erin)
            assertAgree(groups)
            XCTAssertEqual(groups.compactMap { $0 }.count, 4)

            // An empty commit (path only) from Erin.
            let empty = try groups[4]!.commit()
            try deliver(empty, committer: 4, to: &groups)
            assertAgree(groups)
        }
    }
}

extension Credential {
    var identityBytes: [UInt8] { if case .basic(let id) = self { return id } else { return [] } }
}
