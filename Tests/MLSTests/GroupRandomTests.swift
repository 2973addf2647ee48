import XCTest
import MLSCrypto
@testable import MLS

/// Seeded random group evolution (issue 3 acceptance): groups of up to 64 members over suites 1–3 run
/// 500 epochs of adds, removes, updates, external joins, PSKs and application messages. After every epoch
/// all members agree on the epoch authenticator and read a message from a random member.
final class GroupRandomTests: XCTestCase {
    /// A simulated population: the members' groups, in one array (their trees share storage).
    struct Population {
        let suite: CipherSuite
        let meter = OperationMeter()
        let random: SeededRandom
        var rng: SplitMix64
        var members: [Group] = []
        var nextName = 0
        var config = GroupConfig()
        let pskID = Array("shared-psk".utf8)

        init(suite: CipherSuite, seed: UInt64) throws {
            self.suite = suite
            random = SeededRandom(seed: seed)
            rng = SplitMix64(seed: seed)
            config.externalPSKs[pskID] = Array("a secret every member knows".utf8)
            let c = crypto()
            var creator = try Group.create(c, groupID: Array("room-\(suite.id)".utf8), identity: try MemberIdentity(c, identity: Array("m0".utf8)), config: config)
            creator.config = config
            members = [creator]
        }

        func crypto() -> CryptoContext { CryptoContext(suite: suite, actor: meter.actor("member"), random: random) }

        mutating func newIdentity() throws -> MemberIdentity {
            nextName += 1
            return try MemberIdentity(crypto(), identity: Array("m\(nextName)".utf8))
        }

        /// Sends a commit from member `c` to all others; merges everywhere; drops removed members.
        mutating func deliver(_ out: CommitOutput, from c: Int) throws {
            var next: [Group] = []
            for (i, var g) in members.enumerated() {
                if i == c {
                    try g.merge(out.staged)
                } else {
                    guard case .commit(let staged) = try g.process(out.message) else { throw MLSError(.invalidCommit, "not a commit") }
                    if staged.removesMe { continue }
                    try g.merge(staged)
                }
                next.append(g)
            }
            members = next
        }

        mutating func broadcastProposal(_ message: MLSMessage, from p: Int) throws {
            for i in members.indices where i != p {
                guard case .proposal = try members[i].process(message) else { throw MLSError(.invalidProposal, "not a proposal") }
            }
        }

        /// One random epoch.
        mutating func step() throws -> String {
            let format: HandshakeFormat = rng.below(2) == 0 ? .publicMessage : .privateMessage
            for i in members.indices { members[i].config.handshakeFormat = format }
            let c = rng.below(members.count)
            let roll = rng.below(100)
            if members.count < 3 || (roll < 30 && members.count < 64) {
                let k = 1 + rng.below(min(4, 64 - members.count))
                var bundles: [KeyPackageBundle] = []
                for _ in 0..<k { bundles.append(try KeyPackageBundle(crypto(), identity: try newIdentity())) }
                let inline = rng.below(2) == 0
                let out = try members[c].commit(CommitOptions(inlineTree: inline, proposals: bundles.map { .add(AddProposal(keyPackage: $0.keyPackage)) }))
                try deliver(out, from: c)
                let committerTree = members[0].tree
                for b in bundles {
                    members.append(try Group.join(crypto(), welcome: out.welcome!, keyPackage: b, ratchetTree: inline ? nil : committerTree, config: config))
                }
                return "add \(k)"
            } else if roll < 45 && members.count > 3 {
                var victims: [LeafIndex] = []
                for _ in 0..<(1 + rng.below(2)) {
                    let v = rng.below(members.count)
                    if v != c && !victims.contains(members[v].myLeaf) { victims.append(members[v].myLeaf) }
                }
                let out = try members[c].commit(CommitOptions(proposals: victims.map { .remove(RemoveProposal(removed: $0)) }))
                try deliver(out, from: c)
                return "remove \(victims.count)"
            } else if roll < 60 {
                let p = (c + 1 + rng.below(members.count - 1)) % members.count
                let sent = try members[p].proposeUpdate()
                try broadcastProposal(sent.message, from: p)
                let out = try members[c].commit()
                try deliver(out, from: c)
                return "update"
            } else if roll < 72 && members.count < 64 {
                let info = try members[c].groupInfo()
                let (joined, commit) = try Group.joinExternally(crypto(), groupInfo: info, identity: try newIdentity(), config: config)
                for i in members.indices {
                    guard case .commit(let staged) = try members[i].process(commit) else { throw MLSError(.invalidCommit, "not a commit") }
                    try members[i].merge(staged)
                }
                members.append(joined)
                return "external join"
            } else if roll < 84 {
                let p = rng.below(members.count)
                let source: PSKSource = rng.below(2) == 0 ? .external(pskID: pskID)
                    : .resumption(usage: .application, groupID: members[p].groupID, epoch: members[p].epoch)
                let sent = try members[p].proposePSK(source)
                try broadcastProposal(sent.message, from: p)
                let out = try members[c].commit(CommitOptions(forcePath: rng.below(2) == 0))
                try deliver(out, from: c)
                return "psk"
            } else {
                let out = try members[c].commit(CommitOptions(forcePath: true))
                try deliver(out, from: c)
                return "path"
            }
        }

        /// All members agree, and every member reads a message from a random sender.
        mutating func check(epoch: Int) throws -> Bool {
            let auth = members[0].epochAuthenticator
            guard members.allSatisfy({ $0.epochAuthenticator == auth && $0.epoch == members[0].epoch }) else { return false }
            let s = rng.below(members.count)
            let text = Array("epoch \(epoch) from \(s)".utf8)
            let msg = try members[s].encrypt(text)
            for i in members.indices where i != s {
                guard case .application(let data, _, _) = try members[i].process(msg), data == text else { return false }
            }
            return true
        }
    }

    func testFiveHundredRandomEpochsAcrossSuites() throws {
        var total = 0
        var kinds: [String: Int] = [:]
        var maxMembers = 0
        for (index, suite) in CipherSuite.supported.enumerated() {
            var population = try Population(suite: suite, seed: 0x6d6c73 + UInt64(index))
            let epochs = index == 0 ? 168 : 166
            for e in 0..<epochs {
                let kind = try population.step()
                kinds[kind.split(separator: " ").first.map(String.init) ?? kind, default: 0] += 1
                XCTAssertTrue(try population.check(epoch: e), "suite \(suite.id) epoch \(e) after \(kind): members disagree")
                maxMembers = max(maxMembers, population.members.count)
                total += 1
            }
        }
        XCTAssertEqual(total, 500)
        XCTAssertLessThanOrEqual(maxMembers, 64)
        for kind in ["add", "remove", "update", "external", "psk", "path"] {
            XCTAssertGreaterThan(kinds[kind] ?? 0, 10, "too few \(kind) epochs")
        }
        print("random epochs: \(total), max members \(maxMembers), kinds \(kinds.sorted { $0.key < $1.key })")
    }
}
