import MLSCrypto

/// The single-call cost of every metered primitive, measured in the same process as the benchmark that
/// uses it, so Σ(count × cost) is the physical lower bound of an operation. Thread CPU time, like the
/// group operations it is compared with, so other load on the machine affects neither.
struct PrimitiveCosts {
    private(set) var nanos: [Primitive: Double] = [:]

    /// Measures each primitive with representative inputs (64-byte messages, 128-byte hash inputs).
    static func measure(_ suite: CipherSuite, batches: Int = 5, targetNanos: Double = 10e6) throws -> PrimitiveCosts {
        let meter = OperationMeter()
        let ctx = CryptoContext(suite: suite, actor: meter.actor("unit"), random: SeededRandom(seed: 3))
        let msg = [UInt8](repeating: 1, count: 64), h128 = [UInt8](repeating: 2, count: 128), k32 = [UInt8](repeating: 3, count: 32)
        let sig = try ctx.generateSignatureKey()
        let signature = try ctx.sign(msg, with: sig)
        let sk = try ctx.generateHPKEKey(), peer = try ctx.generateHPKEKey()
        let (enc, ct) = try ctx.hpkeSeal(to: peer.publicKey, info: msg, aad: [], plaintext: k32)
        let (xenc, _) = try ctx.hpkeExportSender(to: peer.publicKey, info: [], exporterContext: msg, length: 32)
        let aeadKey = [UInt8](repeating: 4, count: suite.aead.keyLength), nonce = [UInt8](repeating: 5, count: 12)
        let sealed = try ctx.aeadSeal(key: aeadKey, nonce: nonce, aad: msg, plaintext: msg)
        let bodies: [(Primitive, () -> Void)] = [
            (.sign, { _ = try! ctx.sign(msg, with: sig) }),
            (.verify, { try! ctx.verify(signature, of: msg, with: sig.publicKey) }),
            (.dh, { _ = try! ctx.dh(sk, peer.publicKey) }),
            (.keyGen, { _ = try! ctx.generateHPKEKey() }),
            (.deriveKeyPair, { _ = try! ctx.deriveHPKEKey(ikm: k32) }),
            (.hpkeSeal, { _ = try! ctx.hpkeSeal(to: peer.publicKey, info: msg, aad: [], plaintext: k32) }),
            (.hpkeOpen, { _ = try! ctx.hpkeOpen(enc: enc, with: peer, info: msg, aad: [], ciphertext: ct) }),
            (.hpkeExport, { _ = try! ctx.hpkeExportReceiver(enc: xenc, with: peer, info: [], exporterContext: msg, length: 32) }),
            (.aeadSeal, { _ = try! ctx.aeadSeal(key: aeadKey, nonce: nonce, aad: msg, plaintext: msg) }),
            (.aeadOpen, { _ = try! ctx.aeadOpen(key: aeadKey, nonce: nonce, aad: msg, ciphertext: sealed) }),
            (.hkdfExtract, { _ = ctx.extract(salt: k32, ikm: k32) }),
            (.hkdfExpand, { _ = try! ctx.expand(prk: k32, info: msg, length: 32) }),
            (.hash, { _ = ctx.hash(h128) }),
            (.mac, { _ = ctx.mac(key: k32, data: msg) }),
        ]
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
