/// A cipher suite bound to a meter actor and a random source: every primitive MLS calls goes through here
/// and is counted (and timed, when the meter's timing is on) for that actor.
public struct CryptoContext {
    /// The cipher suite.
    public let suite: CipherSuite
    /// The actor charged for each call.
    public let actor: MeterActor
    /// The source of random bytes.
    public let random: RandomSource
    /// Verifications shared with other contexts of this process (simulations), or nil.
    public var verificationCache: VerificationCache?
    /// AEAD decryptions and MACs shared with other contexts of this process (simulations), or nil.
    public var resultCache: ResultCache?
    /// Public keys already parsed (shared by `charging` copies; a simulation shares one across members).
    public var keys: ParsedKeyMemo
    /// Tables of derived secrets shared with other contexts of this process (simulations), or nil.
    public var sharedDerivations: SharedDerivations?

    /// A context for `suite`, charging `actor`, drawing from `random`.
    public init(suite: CipherSuite, actor: MeterActor, random: RandomSource) {
        self.init(suite: suite, actor: actor, random: random, keys: ParsedKeyMemo())
    }

    init(suite: CipherSuite, actor: MeterActor, random: RandomSource, keys: ParsedKeyMemo) {
        self.suite = suite
        self.actor = actor
        self.random = random
        self.keys = keys
    }

    /// The same suite and random source, charging another actor.
    public func charging(_ other: MeterActor) -> CryptoContext {
        var c = CryptoContext(suite: suite, actor: other, random: random, keys: keys)
        c.verificationCache = verificationCache
        c.resultCache = resultCache
        c.sharedDerivations = sharedDerivations
        return c
    }

    /// Charges this context's actor's calls that follow to the role named `role` and the job named `job`
    /// (nil keeps the current one) until `restore` (see `OperationMeter`); returns the scope to restore.
    public func enter(role: String?, job: String? = nil) -> MeterScope { actor.enter(role: role, job: job) }

    /// Charges the actor's calls to `scope` again (the value `enter(role:job:)` returned).
    public func restore(_ scope: MeterScope) { actor.restore(scope) }

    /// Counts `times` calls of `primitive` whose results came from a `SharedDerivations` table instead of being
    /// computed (never timed).
    public func count(_ primitive: Primitive, times: Int) {
        actor.meter.record(primitive, slot: actor.slot, times: UInt64(max(0, times)))
    }

    /// Counts `calls` as if this context's actor had made them (never timed).
    public func count(_ calls: CallCounts) {
        for (primitive, n) in calls.entries { actor.meter.record(primitive, slot: actor.slot, times: n) }
    }

    /// `compute()`'s value, computed once among the contexts sharing this context's `resultCache`: a value of `kind`
    /// with this context's suite kept in `memo` when the caller has one (the memo of an object every member received,
    /// found with no hashing), else stored under `first` and `second`, that `accepts` (the caller compares the rest of
    /// the inputs) is returned instead, and this context counts the calls its computation counted, as if it had run it.
    /// Without a cache, runs `compute`. `compute` must be a pure function of the inputs the key (or the memo's owner)
    /// and `accepts` cover, and must not enter another role or job; only values it returns are kept (a failure is
    /// recomputed every time).
    @inlinable
    package func shared<T, E: Error>(_ kind: String, _ first: [UInt8], _ second: [UInt8], size: (T) -> Int, in memo: SharedMemo? = nil,
                                     where accepts: (T) -> Bool, compute: () throws(E) -> T) throws(E) -> T {
        if memo != nil { return try shared(kind, in: memo, where: accepts, compute: compute) }
        guard let cache = resultCache else { return try compute() }
        let type = ObjectIdentifier(SharedValue<T>.self)
        return try sharedValue(find: { cache.find(kind, suite: suite.id, type, first, second, where: $0) },
                               keep: { cache.insert($0, calls: $1, size: size($2), kind: kind, suite: suite.id, type, first, second) },
                               where: accepts, compute: compute)
    }

    /// The steps every way of sharing work takes: a value `find` gives that `accepts` is returned with its calls
    /// counted; otherwise `compute` runs and `keep` gets its value (boxed), the calls it counted and the value.
    /// Values are found by their `SharedValue<T>` class, so the one found is always of that class.
    @inlinable
    func sharedValue<T, E: Error>(find: ((AnyObject) -> Bool) -> (value: AnyObject, calls: CallCounts)?,
                                  keep: (AnyObject, CallCounts, T) -> Void,
                                  where accepts: (T) -> Bool, compute: () throws(E) -> T) throws(E) -> T {
        let found = withoutActuallyEscaping(accepts) { accepts in find { accepts(unsafeDowncast($0, to: SharedValue<T>.self).value) } }
        if let known = found {
            count(known.calls)
            return unsafeDowncast(known.value, to: SharedValue<T>.self).value
        }
        let before = actor.meter.counts(of: actor)
        let value = try compute()
        keep(SharedValue(value), CallCounts(from: before, to: actor.meter.counts(of: actor)), value)
        return value
    }

    // MARK: Hash, MAC, KDF

    /// Hash(data).
    public func hash(_ data: [UInt8]) -> [UInt8] {
        actor.measureInfallible(.hash) { Digest.sha256(data) }
    }

    /// MAC(key, data) = HMAC with the suite's hash (RFC 9420 §5.2).
    public func mac(key: [UInt8], data: [UInt8]) -> [UInt8] {
        actor.measureInfallible(.mac) {
            guard let cache = resultCache else { return Digest.hmac(key: key, data: data) }
            return cache.result("mac", suite: suite.id, key: key, inputs: [data]) { () -> [UInt8] in Digest.hmac(key: key, data: data) }
        }
    }

    /// HKDF-Extract(salt, ikm).
    public func extract(salt: [UInt8], ikm: [UInt8]) -> [UInt8] {
        actor.measureInfallible(.hkdfExtract) { Digest.extract(salt: salt, ikm: ikm) }
    }

    /// HKDF-Expand(prk, info, length).
    public func expand(prk: [UInt8], info: [UInt8], length: Int) throws(CryptoError) -> [UInt8] {
        try actor.measure(.hkdfExpand) { () throws(CryptoError) in try Digest.expand(prk: prk, info: info, length: length) }
    }

    // MARK: AEAD

    /// AEAD.Seal(key, nonce, aad, plaintext) → ciphertext ‖ tag.
    public func aeadSeal(key: [UInt8], nonce: [UInt8], aad: [UInt8], plaintext: [UInt8]) throws(CryptoError) -> [UInt8] {
        try actor.measure(.aeadSeal) { () throws(CryptoError) in
            try AEADCipher.seal(suite.aead, key: key, nonce: nonce, aad: aad, plaintext: plaintext)
        }
    }

    /// AEAD.Open(key, nonce, aad, ciphertext ‖ tag); throws `decryptionFailed` on a bad tag.
    public func aeadOpen(key: [UInt8], nonce: [UInt8], aad: [UInt8], ciphertext: [UInt8]) throws(CryptoError) -> [UInt8] {
        try actor.measure(.aeadOpen) { () throws(CryptoError) in
            let open = { () throws(CryptoError) in try AEADCipher.open(suite.aead, key: key, nonce: nonce, aad: aad, ciphertext: ciphertext) }
            guard let cache = resultCache else { return try open() }
            return try cache.result("aead.open", suite: suite.id, key: key, nonce: nonce, inputs: [aad, ciphertext], compute: open)
        }
    }

    // MARK: Signatures

    /// A fresh signature key pair from the random source.
    public func generateSignatureKey() throws(CryptoError) -> SignaturePrivateKey {
        try actor.measure(.keyGen) { () throws(CryptoError) in
            switch suite.signature {
            case .ed25519:
                return try SignaturePrivateKey(scheme: .ed25519, bytes: random.bytes(32))
            case .ecdsaP256Sha256:
                // A valid scalar by the same rejection sampling as HPKE's DeriveKeyPair.
                let sk = try HPKE.deriveKeyPair(.p256, ikm: random.bytes(32))
                return try SignaturePrivateKey(scheme: .ecdsaP256Sha256, bytes: sk.bytes)
            }
        }
    }

    /// Signature over `message`.
    public func sign(_ message: [UInt8], with key: SignaturePrivateKey) throws(CryptoError) -> [UInt8] {
        try actor.measure(.sign) { () throws(CryptoError) in try Signer.sign(message, with: key) }
    }

    /// Verifies `signature` over `message`; throws `invalidSignature` when it does not verify.
    public func verify(_ signature: [UInt8], of message: [UInt8], with key: SignaturePublicKey) throws(CryptoError) {
        try actor.measure(.verify) { () throws(CryptoError) in
            guard let cache = verificationCache else { return try Signer.verify(signature, of: message, with: key) }
            if cache.contains(key, signature, message) { return }
            try Signer.verify(signature, of: message, with: key)
            cache.insert(key, signature, message)
        }
    }

    /// Verify(signature, message) of the message made of `pieces` one after another; counts as one `verify`.
    /// With a verification cache, a repeat is recognized by comparing the pieces with the remembered message,
    /// so the message is assembled (copied) only when OpenSSL must verify it.
    public func verify(_ signature: [UInt8], ofConcatenation pieces: [[UInt8]], with key: SignaturePublicKey) throws(CryptoError) {
        try actor.measure(.verify) { () throws(CryptoError) in
            if let cache = verificationCache, cache.contains(key, signature, pieces: pieces) { return }
            var message = [UInt8]()
            message.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
            for piece in pieces { message += piece }
            try Signer.verify(signature, of: message, with: key)
            verificationCache?.insert(key, signature, pieces: pieces)
        }
    }

    // MARK: HPKE

    /// A fresh HPKE key pair (GenerateKeyPair: DeriveKeyPair over random bytes).
    public func generateHPKEKey() throws(CryptoError) -> HPKEPrivateKey {
        try actor.measure(.keyGen) { () throws(CryptoError) in try HPKE.deriveKeyPair(suite.kem, ikm: random.bytes(32)) }
    }

    /// DeriveKeyPair(ikm).
    public func deriveHPKEKey(ikm: [UInt8]) throws(CryptoError) -> HPKEPrivateKey {
        try actor.measure(.deriveKeyPair) { () throws(CryptoError) in try HPKE.deriveKeyPair(suite.kem, ikm: ikm) }
    }

    /// Parses a serialized HPKE public key of the suite's KEM.
    public func hpkePublicKey(_ bytes: [UInt8]) throws(CryptoError) -> HPKEPublicKey {
        try keys.hpkeKey(bytes, kem: suite.kem)
    }

    /// Checks that bytes are a valid HPKE public key of the suite's KEM without keeping a parsed key: for
    /// X25519 every 32-byte string is a public key (RFC 7748 §5), so only the length is checked; P-256
    /// points are parsed and checked on the curve.
    public func checkHPKEPublicKey(_ bytes: [UInt8]) throws(CryptoError) {
        switch suite.kem {
        case .x25519:
            guard bytes.count == 32 else { throw CryptoError(.invalidKey, "X25519 public key of \(bytes.count) bytes; needs 32") }
        case .p256:
            _ = try hpkePublicKey(bytes)
        }
    }

    /// Parses a serialized HPKE private key of the suite's KEM.
    public func hpkePrivateKey(_ bytes: [UInt8]) throws(CryptoError) -> HPKEPrivateKey {
        try HPKEPrivateKey(kem: suite.kem, bytes: bytes)
    }

    /// Parses a serialized signature public key of the suite's scheme.
    public func signaturePublicKey(_ bytes: [UInt8]) throws(CryptoError) -> SignaturePublicKey {
        try keys.signatureKey(bytes, scheme: suite.signature)
    }

    /// Parses a serialized signature private key of the suite's scheme.
    public func signaturePrivateKey(_ bytes: [UInt8]) throws(CryptoError) -> SignaturePrivateKey {
        try SignaturePrivateKey(scheme: suite.signature, bytes: bytes)
    }

    /// DH(sk, pk), counted as one `dh`.
    public func dh(_ sk: HPKEPrivateKey, _ pk: HPKEPublicKey) throws(CryptoError) -> [UInt8] {
        try actor.measure(.dh) { () throws(CryptoError) in try DiffieHellman.agree(sk, pk) }
    }

    /// Single-shot base-mode SealBase(pkR, info, aad, pt) → (enc, ct).
    public func hpkeSeal(to pkR: HPKEPublicKey, info: [UInt8], aad: [UInt8], plaintext: [UInt8]) throws(CryptoError) -> (enc: [UInt8], ciphertext: [UInt8]) {
        try hpkeSealEach(to: [pkR], info: info, aad: aad, plaintexts: [plaintext])[0]
    }

    /// SealBase of one `info` to several recipients (one plaintext each), hashing `info` once; each seal
    /// counts as one `hpke.seal`.
    public func hpkeSealEach(to keys: [HPKEPublicKey], info: [UInt8], aad: [UInt8], plaintexts: [[UInt8]]) throws(CryptoError) -> [(enc: [UInt8], ciphertext: [UInt8])] {
        guard keys.count == plaintexts.count else { throw CryptoError(.invalidLength, "\(keys.count) keys for \(plaintexts.count) plaintexts") }
        var infoHash: [UInt8]?   // computed inside the first measured seal, so timing includes it once
        var out: [(enc: [UInt8], ciphertext: [UInt8])] = []
        out.reserveCapacity(keys.count)
        for (key, plaintext) in zip(keys, plaintexts) {
            out.append(try actor.measure(.hpkeSeal) { () throws(CryptoError) in
                let (shared, enc) = try HPKE.encap(key, ikmE: random.bytes(32))
                let hash = infoHash ?? HPKE.infoHash(suite, info: info)
                infoHash = hash
                var ctx = try HPKE.keySchedule(suite, sharedSecret: shared, infoHash: hash)
                return (enc, try ctx.seal(aad: aad, plaintext: plaintext))
            })
        }
        return out
    }

    /// Single-shot base-mode OpenBase(enc, skR, info, aad, ct); throws `decryptionFailed` or `invalidKey`.
    public func hpkeOpen(enc: [UInt8], with skR: HPKEPrivateKey, info: [UInt8], aad: [UInt8], ciphertext: [UInt8]) throws(CryptoError) -> [UInt8] {
        try actor.measure(.hpkeOpen) { () throws(CryptoError) in
            let open = { () throws(CryptoError) in
                var ctx = try HPKE.setupBaseReceiver(suite, enc: enc, skR: skR, info: info)
                return try ctx.open(aad: aad, ciphertext: ciphertext)
            }
            // Members holding the same node key open the same path secret: found by enc and the private key.
            guard let cache = resultCache else { return try open() }
            return try cache.result("hpke.open", suite: suite.id, key: enc, nonce: skR.bytes, inputs: [info, aad, ciphertext], compute: open)
        }
    }

    /// SendExport: SetupBaseS(pkR, info) then Export(exporterContext, length) → (enc, secret).
    public func hpkeExportSender(to pkR: HPKEPublicKey, info: [UInt8], exporterContext: [UInt8], length: Int) throws(CryptoError) -> (enc: [UInt8], secret: [UInt8]) {
        try actor.measure(.hpkeExport) { () throws(CryptoError) in
            let (enc, ctx) = try HPKE.setupBaseSender(suite, pkR: pkR, info: info, ikmE: random.bytes(32))
            return (enc, try ctx.export(context: exporterContext, length: length))
        }
    }

    /// ReceiveExport: SetupBaseR(enc, skR, info) then Export(exporterContext, length).
    public func hpkeExportReceiver(enc: [UInt8], with skR: HPKEPrivateKey, info: [UInt8], exporterContext: [UInt8], length: Int) throws(CryptoError) -> [UInt8] {
        try actor.measure(.hpkeExport) { () throws(CryptoError) in
            let ctx = try HPKE.setupBaseReceiver(suite, enc: enc, skR: skR, info: info)
            return try ctx.export(context: exporterContext, length: length)
        }
    }
}

extension MeterActor {
    /// `measure` for bodies that cannot fail.
    @inline(__always)
    package func measureInfallible<T>(_ primitive: Primitive, _ body: () -> T) -> T {
        meter.record(primitive, slot: slot)
        guard meter.timing else { return body() }
        let start = OperationMeter.threadCPUNanos()
        defer { meter.addTime(primitive, slot: slot, nanos: OperationMeter.threadCPUNanos() &- start) }
        return body()
    }
}
