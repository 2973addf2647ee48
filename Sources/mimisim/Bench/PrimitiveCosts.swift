import MLSCrypto

/// The single-call cost of every metered primitive, measured in the same process as the benchmark that
/// uses it, so Σ(count × cost) is the physical lower bound of an operation. Thread CPU time, like the
/// group operations it is compared with, so other load on the machine affects neither.
struct PrimitiveCosts {
    private(set) var nanos: [Primitive: Double] = [:]

    /// Measures each primitive's representative call (`CryptoCostTable.representativeCalls`: the calibration's inputs).
    static func measure(_ suite: CipherSuite, batches: Int = 5, targetNanos: Double = 10e6) throws -> PrimitiveCosts {
        let bodies = try CryptoCostTable.representativeCalls(suite).map { call in (call.0, { try! call.1() }) }
        var costs = PrimitiveCosts()
        for (p, body) in bodies {
            let n = BenchTiming.iterations(targetNanos: targetNanos, body)
            costs.nanos[p] = BenchTiming.nanosPerOp(batches: batches, iterations: n, cpu: true, body)
        }
        return costs
    }

    /// Σ count × unit cost, in milliseconds, for the given counts.
    func boundMs(_ counts: [(Primitive, UInt64)]) -> Double {
        counts.reduce(0) { $0 + Double($1.1) * (nanos[$1.0] ?? 0) } / 1e6
    }
}

/// The meter's counts of one operation: the difference of two totals.
struct CountDelta {
    let counts: [(Primitive, UInt64)]

    init(before: [(primitive: Primitive, count: UInt64, cpuNanos: UInt64)], after: [(primitive: Primitive, count: UInt64, cpuNanos: UInt64)]) {
        counts = zip(before, after).map { ($0.primitive, $1.count - $0.count) }.filter { $0.1 > 0 }
    }

    func count(_ p: Primitive) -> UInt64 { counts.first { $0.0 == p }?.1 ?? 0 }

    /// `sign=1 verify=3 hpke.seal=10 ...` in primitive order.
    var summary: String { counts.map { "\($0.0)=\($0.1)" }.joined(separator: " ") }
}
