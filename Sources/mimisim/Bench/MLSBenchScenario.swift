import MLS
import MLSCrypto

/// The three measurements of `bench mls` at one group size.
struct MLSBenchScenario {
    let suite: CipherSuite
    let n: Int
    let reps: Int
    /// Unit costs, measured again right before each measurement so slow drift of a shared host hits both alike.
    let measureCosts: () throws -> PrimitiveCosts

    struct Timed<T> { let value: T; let ms: Double; let delta: CountDelta }

    /// Runs `body` with the meter's counts taken around it.
    func timed<T>(_ meter: OperationMeter, _ body: () throws -> T) rethrows -> Timed<T> {
        let before = meter.totals()
        let start = BenchTiming.cpuNow()
        let value = try body()
        let ms = Double(BenchTiming.cpuNow() - start) / 1e6
        return Timed(value: value, ms: ms, delta: CountDelta(before: before, after: meter.totals()))
    }

    func median(_ xs: [Double]) -> Double { BenchTiming.median(xs) }

    func run() throws -> [MLSBenchRow] {
        let meter = OperationMeter()
        let random = SeededRandom(seed: UInt64(n))
        let crypto = CryptoContext(suite: suite, actor: meter.actor("bench"), random: random)

        // (a) batch add of n-1 members.
        let costs = try measureCosts()
        var creates: [Timed<CommitOutput>] = [], joins: [Timed<Group>] = []
        var creator: Group!
        var bundles: [KeyPackageBundle] = []
        for _ in 0..<reps {
            var c = try Group.create(crypto, groupID: Array("bench-\(n)".utf8), identity: try MemberIdentity(crypto, identity: [0]))
            bundles = try (1..<n).map { i in try KeyPackageBundle(crypto, identity: try MemberIdentity(crypto, identity: Array("m\(i)".utf8))) }
            let adds = bundles.map { Proposal.add(AddProposal(keyPackage: $0.keyPackage)) }
            let create = try timed(meter) { try c.commit(CommitOptions(proposals: adds)) }
            let last = bundles[bundles.count - 1]
            let join = try timed(meter) { try Group.join(crypto, welcome: create.value.welcome!, keyPackage: last) }
            try c.merge(create.value.staged)
            creates.append(create)
            joins.append(join)
            creator = c
        }
        let batchCreate = creates[creates.count / 2], batchJoin = joins[joins.count / 2]
        var rows = [MLSBenchRow(
            scenario: "batch", suite: suite.id, n: n, create_ms: median(creates.map(\.ms)), process_ms: nil,
            bytes: batchCreate.value.message.encoded().count,
            create_bound_ratio: median(creates.map(\.ms)) / costs.boundMs(batchCreate.delta.counts), process_bound_ratio: nil,
            create_hash_ops: batchCreate.delta.count(.hash), process_hash_ops: nil,
            welcome_bytes: batchCreate.value.welcome!.encoded().count, join_ms: median(joins.map(\.ms)),
            join_bound_ratio: median(joins.map(\.ms)) / costs.boundMs(batchJoin.delta.counts),
            create_counts: batchCreate.delta.summary, process_counts: batchJoin.delta.summary)]

        // (c) sparse: right after the batch add; leaf 0 commits, the last leaf processes.
        var committer: Group = creator
        var receiver: Group = joins[joins.count - 1].value
        rows.append(try updatePathRow("sparse", meter: meter, committer: committer, receiver: receiver))

        // (b) dense: a path from one leaf of every pair makes every parent node non-blank.
        for pair in 0..<(n / 2) {
            var leaf = UInt32(2 * pair + 1)
            if leaf == receiver.myLeaf.value { leaf -= 1 }
            let out: CommitOutput
            if leaf == committer.myLeaf.value {
                out = try committer.commit(CommitOptions(forcePath: true))
                try committer.merge(out.staged)
            } else {
                let b = bundles[Int(leaf) - 1]
                let other = committer.impersonating(leaf: LeafIndex(leaf), identity: b.identity, leafKey: b.encryptionKey)
                out = try other.commit(CommitOptions(forcePath: true))
                guard case .commit(let staged) = try committer.process(out.message) else { throw MLSError(.invalidCommit, "not a commit") }
                try committer.merge(staged)
            }
            guard case .commit(let staged) = try receiver.process(out.message) else { throw MLSError(.invalidCommit, "not a commit") }
            try receiver.merge(staged)
        }
        rows.append(try updatePathRow("dense", meter: meter, committer: committer, receiver: receiver))
        return rows
    }

    /// One UpdatePath commit: created by `committer`, processed by `receiver` (on copies, so reps repeat the same work).
    func updatePathRow(_ name: String, meter: OperationMeter, committer: Group, receiver: Group) throws -> MLSBenchRow {
        let costs = try measureCosts()
        var creates: [Timed<CommitOutput>] = [], processes: [Timed<ProcessedMessage>] = []
        for _ in 0..<reps {
            let create = try timed(meter) { try committer.commit(CommitOptions(forcePath: true)) }
            var r = receiver
            let process = try timed(meter) { try r.process(create.value.message) }
            creates.append(create)
            processes.append(process)
        }
        let c = creates[creates.count / 2], p = processes[processes.count / 2]
        let cms = median(creates.map(\.ms)), pms = median(processes.map(\.ms))
        return MLSBenchRow(scenario: name, suite: suite.id, n: n, create_ms: cms, process_ms: pms, bytes: c.value.message.encoded().count,
                           create_bound_ratio: cms / costs.boundMs(c.delta.counts), process_bound_ratio: pms / costs.boundMs(p.delta.counts),
                           create_hash_ops: c.delta.count(.hash), process_hash_ops: p.delta.count(.hash), welcome_bytes: nil, join_ms: nil,
                           join_bound_ratio: nil, create_counts: c.delta.summary, process_counts: p.delta.summary)
    }
}
