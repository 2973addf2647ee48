import Glibc

/// The virtual-time cost of each primitive per cipher suite, in nanoseconds: what the simulator's
/// `calibrated` crypto-time mode charges per counted call. `mimisim calibrate` measures one on the
/// machine at hand; `builtIn` was measured on the reference machine (AMD EPYC, 2 cores, OpenSSL 3.0.19).
public struct CryptoCostTable: Codable, Sendable, Equatable {
    /// Where the table was measured.
    public var machine: String
    /// Cost in nanoseconds per call: suite id (as text) → primitive name (`Primitive.description`) → ns.
    public var suites: [String: [String: Double]]

    /// A table from its parts.
    public init(machine: String, suites: [String: [String: Double]]) {
        self.machine = machine
        self.suites = suites
    }

    /// The cost of one call of `primitive` in `suite`, in nanoseconds (0 when the table has no entry).
    public func nanos(_ primitive: Primitive, suite: UInt16) -> UInt64 {
        UInt64((suites[String(suite)]?[primitive.description] ?? 0).rounded())
    }

    /// Σ count × cost for a list of (primitive, count) pairs, in nanoseconds.
    public func cost(_ counts: [(primitive: Primitive, count: UInt64)], suite: UInt16) -> UInt64 {
        counts.reduce(0) { $0 &+ $1.count &* nanos($1.primitive, suite: suite) }
    }

    /// The reference table (medians of `mimisim bench crypto`, 64-byte inputs, 1 KiB AEAD).
    public static let builtIn = CryptoCostTable(machine: "reference: AMD EPYC, 2 cores, OpenSSL 3.0.19", suites: [
        "1": ["sign": 43_330, "verify": 103_960, "dh": 35_080, "keygen": 46_320, "derive_key_pair": 46_010, "hpke.seal": 96_320,
              "hpke.open": 60_470, "hpke.export": 100_330, "aead.seal": 880, "aead.open": 1_060, "hkdf.extract": 1_120,
              "hkdf.expand": 1_910, "hash": 360, "mac": 1_730],
        "2": ["sign": 26_210, "verify": 63_640, "dh": 102_360, "keygen": 80_850, "derive_key_pair": 60_160, "hpke.seal": 184_100,
              "hpke.open": 126_470, "hpke.export": 166_960, "aead.seal": 900, "aead.open": 1_180, "hkdf.extract": 1_070,
              "hkdf.expand": 1_250, "hash": 350, "mac": 1_780],
        "3": ["sign": 39_620, "verify": 105_270, "dh": 34_950, "keygen": 50_900, "derive_key_pair": 62_280, "hpke.seal": 126_790,
              "hpke.open": 74_730, "hpke.export": 131_830, "aead.seal": 970, "aead.open": 1_190, "hkdf.extract": 1_090,
              "hkdf.expand": 1_180, "hash": 260, "mac": 1_090],
    ])

    /// One representative call of every metered primitive of `suite` (64-byte messages and HPKE inputs,
    /// 1 KiB AEAD plaintexts, 32-byte keys), on a context of its own: what `measure` times, and what
    /// `mimisim bench mls` prices an operation's counts with.
    public static func representativeCalls(_ suite: CipherSuite) throws(CryptoError) -> [(Primitive, () throws(CryptoError) -> Void)] {
        let meter = OperationMeter()
        let ctx = CryptoContext(suite: suite, actor: meter.actor("calibrate"), random: SeededRandom(seed: 5))
        let msg = [UInt8](repeating: 1, count: 64), kib = [UInt8](repeating: 2, count: 1024), k32 = [UInt8](repeating: 3, count: 32)
        let sig = try ctx.generateSignatureKey()
        let signature = try ctx.sign(msg, with: sig)
        let sk = try ctx.generateHPKEKey(), peer = try ctx.generateHPKEKey()
        let (enc, ct) = try ctx.hpkeSeal(to: peer.publicKey, info: msg, aad: [], plaintext: msg)
        let (xenc, _) = try ctx.hpkeExportSender(to: peer.publicKey, info: [], exporterContext: msg, length: 32)
        let aeadKey = [UInt8](repeating: 4, count: suite.aead.keyLength), nonce = [UInt8](repeating: 5, count: 12)
        let sealed = try ctx.aeadSeal(key: aeadKey, nonce: nonce, aad: [], plaintext: kib)
        return [
            (.sign, { () throws(CryptoError) in _ = try ctx.sign(msg, with: sig) }),
            (.verify, { () throws(CryptoError) in try ctx.verify(signature, of: msg, with: sig.publicKey) }),
            (.dh, { () throws(CryptoError) in _ = try ctx.dh(sk, peer.publicKey) }),
            (.keyGen, { () throws(CryptoError) in _ = try ctx.generateHPKEKey() }),
            (.deriveKeyPair, { () throws(CryptoError) in _ = try ctx.deriveHPKEKey(ikm: k32) }),
            (.hpkeSeal, { () throws(CryptoError) in _ = try ctx.hpkeSeal(to: peer.publicKey, info: msg, aad: [], plaintext: msg) }),
            (.hpkeOpen, { () throws(CryptoError) in _ = try ctx.hpkeOpen(enc: enc, with: peer, info: msg, aad: [], ciphertext: ct) }),
            (.hpkeExport, { () throws(CryptoError) in _ = try ctx.hpkeExportReceiver(enc: xenc, with: peer, info: [], exporterContext: msg, length: 32) }),
            (.aeadSeal, { () throws(CryptoError) in _ = try ctx.aeadSeal(key: aeadKey, nonce: nonce, aad: [], plaintext: kib) }),
            (.aeadOpen, { () throws(CryptoError) in _ = try ctx.aeadOpen(key: aeadKey, nonce: nonce, aad: [], ciphertext: sealed) }),
            (.hkdfExtract, { () throws(CryptoError) in _ = ctx.extract(salt: k32, ikm: k32) }),
            (.hkdfExpand, { () throws(CryptoError) in _ = try ctx.expand(prk: k32, info: msg, length: 32) }),
            (.hash, { () throws(CryptoError) in _ = ctx.hash(msg) }),
            (.mac, { () throws(CryptoError) in _ = ctx.mac(key: k32, data: msg) }),
        ]
    }

    /// Measures every primitive of `suite` on this machine: the median over `batches` batches of the thread
    /// CPU time per call of its `representativeCalls`.
    public static func measure(_ suite: CipherSuite, batches: Int = 7, callsPerBatch: Int = 200) throws(CryptoError) -> [String: Double] {
        let bodies = try representativeCalls(suite)
        var out: [String: Double] = [:]
        for (primitive, body) in bodies {
            let calls = primitive == .hash || primitive == .mac || primitive == .hkdfExtract || primitive == .hkdfExpand
                || primitive == .aeadSeal || primitive == .aeadOpen ? callsPerBatch * 20 : callsPerBatch
            var samples: [Double] = []
            for _ in 0..<batches {
                let start = OperationMeter.threadCPUNanos()
                for _ in 0..<calls { try body() }
                samples.append(Double(OperationMeter.threadCPUNanos() - start) / Double(calls))
            }
            samples.sort()
            out[primitive.description] = (samples[samples.count / 2] * 10).rounded() / 10
        }
        return out
    }
}
