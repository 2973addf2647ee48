import Foundation
import MLS
import MLSCrypto

/// Resident memory of one process holding every member of an N-member group (`bench mls --memory N`).
struct MLSMemoryBench {
    let suite: CipherSuite
    let members: Int

    struct Report: Codable {
        var members: Int
        var suite: UInt16
        var rss_mb_before: Double
        var rss_mb_after_join: Double
        var rss_mb_after_commit: Double
        var peak_rss_mb: Double
        var join_seconds: Double
        var machine: String
        var text: String {
            String(format: "%d members (suite %d) in one process: RSS %.1f MiB before, %.1f MiB after all joined, %.1f MiB after one commit processed by all; peak %.1f MiB; joins took %.1f s (%@)",
                   members, suite, rss_mb_before, rss_mb_after_join, rss_mb_after_commit, peak_rss_mb, join_seconds, machine as NSString)
        }
    }

    func run() throws -> Report {
        let meter = OperationMeter()
        let crypto = CryptoContext(suite: suite, actor: meter.actor("memory"), random: SeededRandom(seed: 1000))
        let before = ProcessMemory.rssMB()
        var creator = try Group.create(crypto, groupID: Array("memory".utf8), identity: try MemberIdentity(crypto, identity: [0]))
        let bundles = try (1..<members).map { i in try KeyPackageBundle(crypto, identity: try MemberIdentity(crypto, identity: Array("m\(i)".utf8))) }
        let out = try creator.commit(CommitOptions(inlineTree: false, proposals: bundles.map { .add(AddProposal(keyPackage: $0.keyPackage)) }))
        try creator.merge(out.staged)
        // Every joiner gets the tree out of band as one shared value, as a simulator's directory would serve it.
        let sharedTree = creator.tree
        let start = BenchTiming.now()
        var group: [Group] = [creator]
        group.reserveCapacity(members)
        for b in bundles { group.append(try Group.join(crypto, welcome: out.welcome!, keyPackage: b, ratchetTree: sharedTree)) }
        let joinSeconds = Double(BenchTiming.now() - start) / 1e9
        let afterJoin = ProcessMemory.rssMB()
        let commit = try group[1].commit(CommitOptions(forcePath: true))
        for i in group.indices {
            if i == 1 { try group[i].merge(commit.staged); continue }
            guard case .commit(let staged) = try group[i].process(commit.message) else { throw MLSError(.invalidCommit, "not a commit") }
            try group[i].merge(staged)
        }
        let auth = group[0].epochAuthenticator
        guard group.allSatisfy({ $0.epochAuthenticator == auth }) else { throw MLSError(.invalidCommit, "members disagree") }
        let afterCommit = ProcessMemory.rssMB()
        return Report(members: members, suite: suite.id, rss_mb_before: before, rss_mb_after_join: afterJoin, rss_mb_after_commit: afterCommit,
                      peak_rss_mb: ProcessMemory.peakRSSMB(), join_seconds: joinSeconds, machine: BenchMachine.line())
    }
}
