/// HPKE (RFC 9180) base mode on OpenSSL primitives: OpenSSL 3.0 has no HPKE, so this is written by hand.
///
/// Unmetered building blocks; `CryptoContext` meters the calls (one count per seal, open, export,
/// DeriveKeyPair), so the DH and HKDF calls inside are not counted twice.
public enum HPKE {
    static let modeBase: UInt8 = 0x00

    // MARK: Labeled KDF (RFC 9180 §4)

    static func labeledExtract(suiteID: [UInt8], salt: [UInt8], label: String, ikm: [UInt8]) -> [UInt8] {
        Digest.extract(salt: salt, ikm: Array("HPKE-v1".utf8) + suiteID + Array(label.utf8) + ikm)
    }

    static func labeledExpand(suiteID: [UInt8], prk: [UInt8], label: String, info: [UInt8], length: Int) throws(CryptoError) -> [UInt8] {
        guard length <= 0xffff else { throw CryptoError(.invalidLength, "HPKE LabeledExpand length \(length) over 65535") }
        let labeledInfo = bigEndian(UInt16(length)) + Array("HPKE-v1".utf8) + suiteID + Array(label.utf8) + info
        return try Digest.expand(prk: prk, info: labeledInfo, length: length)
    }

    static func kemSuiteID(_ kem: KEM) -> [UInt8] { Array("KEM".utf8) + bigEndian(kem.rawValue) }

    static func hpkeSuiteID(_ suite: CipherSuite) -> [UInt8] {
        Array("HPKE".utf8) + bigEndian(suite.kem.rawValue) + bigEndian(suite.kdfID) + bigEndian(suite.aead.rawValue)
    }

    // MARK: DHKEM (RFC 9180 §4.1, §7.1.3)

    /// DeriveKeyPair(ikm) of the suite's KEM.
    public static func deriveKeyPair(_ kem: KEM, ikm: [UInt8]) throws(CryptoError) -> HPKEPrivateKey {
        let sid = kemSuiteID(kem)
        let dkpPRK = labeledExtract(suiteID: sid, salt: [], label: "dkp_prk", ikm: ikm)
        switch kem {
        case .x25519:
            let sk = try labeledExpand(suiteID: sid, prk: dkpPRK, label: "sk", info: [], length: 32)
            return try HPKEPrivateKey(kem: kem, bytes: sk)
        case .p256:
            for counter in 0...255 {
                let candidate = try labeledExpand(suiteID: sid, prk: dkpPRK, label: "candidate", info: [UInt8(counter)], length: 32)
                // bitmask 0xff for P-256; accept 0 < sk < n.
                if candidate.contains(where: { $0 != 0 }) && candidate.lexicographicallyPrecedes(Algorithms.p256Order) {
                    return try HPKEPrivateKey(kem: kem, bytes: candidate)
                }
            }
            throw CryptoError(.deriveKeyPairFailed, "DeriveKeyPair found no P-256 scalar in 256 candidates")
        }
    }

    /// Encap(pkR) with the ephemeral key derived from `ikmE`: (shared_secret, enc).
    package static func encap(_ pkR: HPKEPublicKey, ikmE: [UInt8]) throws(CryptoError) -> (sharedSecret: [UInt8], enc: [UInt8]) {
        let skE = try deriveKeyPair(pkR.kem, ikm: ikmE)
        let dh = try DiffieHellman.agree(skE, pkR)
        let enc = skE.publicKey.bytes
        return (try extractAndExpand(pkR.kem, dh: dh, kemContext: enc + pkR.bytes), enc)
    }

    /// Decap(enc, skR): the shared secret.
    package static func decap(enc: [UInt8], _ skR: HPKEPrivateKey) throws(CryptoError) -> [UInt8] {
        let pkE = try HPKEPublicKey(kem: skR.kem, bytes: enc)
        let dh = try DiffieHellman.agree(skR, pkE)
        return try extractAndExpand(skR.kem, dh: dh, kemContext: enc + skR.publicKey.bytes)
    }

    private static func extractAndExpand(_ kem: KEM, dh: [UInt8], kemContext: [UInt8]) throws(CryptoError) -> [UInt8] {
        let sid = kemSuiteID(kem)
        let eaePRK = labeledExtract(suiteID: sid, salt: [], label: "eae_prk", ikm: dh)
        return try labeledExpand(suiteID: sid, prk: eaePRK, label: "shared_secret", info: kemContext, length: kem.secretLength)
    }

    // MARK: Key schedule (RFC 9180 §5.1), base mode

    static func keySchedule(_ suite: CipherSuite, sharedSecret: [UInt8], info: [UInt8]) throws(CryptoError) -> HPKEContext {
        try keySchedule(suite, sharedSecret: sharedSecret, infoHash: infoHash(suite, info: info))
    }

    /// LabeledExtract("", "info_hash", info): depends only on `info`, so sealing one `info` to many
    /// recipients computes it once (a Welcome's info holds the whole encrypted GroupInfo).
    static func infoHash(_ suite: CipherSuite, info: [UInt8]) -> [UInt8] {
        labeledExtract(suiteID: hpkeSuiteID(suite), salt: [], label: "info_hash", ikm: info)
    }

    static func keySchedule(_ suite: CipherSuite, sharedSecret: [UInt8], infoHash: [UInt8]) throws(CryptoError) -> HPKEContext {
        let sid = hpkeSuiteID(suite)
        let pskIDHash = labeledExtract(suiteID: sid, salt: [], label: "psk_id_hash", ikm: [])
        let context = [modeBase] + pskIDHash + infoHash
        let secret = labeledExtract(suiteID: sid, salt: sharedSecret, label: "secret", ikm: [])
        let key = try labeledExpand(suiteID: sid, prk: secret, label: "key", info: context, length: suite.aead.keyLength)
        let nonce = try labeledExpand(suiteID: sid, prk: secret, label: "base_nonce", info: context, length: suite.aead.nonceLength)
        let exporter = try labeledExpand(suiteID: sid, prk: secret, label: "exp", info: context, length: suite.hashLength)
        return HPKEContext(suite: suite, keyScheduleContext: context, secret: secret, key: key, baseNonce: nonce, exporterSecret: exporter)
    }

    /// SetupBaseS with a given ephemeral ikm (deterministic; for tests and seeded runs).
    package static func setupBaseSender(_ suite: CipherSuite, pkR: HPKEPublicKey, info: [UInt8], ikmE: [UInt8]) throws(CryptoError) -> (enc: [UInt8], context: HPKEContext) {
        let (shared, enc) = try encap(pkR, ikmE: ikmE)
        return (enc, try keySchedule(suite, sharedSecret: shared, info: info))
    }

    /// SetupBaseR.
    package static func setupBaseReceiver(_ suite: CipherSuite, enc: [UInt8], skR: HPKEPrivateKey, info: [UInt8]) throws(CryptoError) -> HPKEContext {
        try keySchedule(suite, sharedSecret: try decap(enc: enc, skR), info: info)
    }
}

/// An HPKE encryption context (RFC 9180 §5.2): key, base nonce, sequence number, exporter secret.
public struct HPKEContext: Sendable {
    /// The suite whose AEAD and KDF the context uses.
    public let suite: CipherSuite
    /// mode ‖ psk_id_hash ‖ info_hash.
    public let keyScheduleContext: [UInt8]
    /// The key-schedule secret.
    public let secret: [UInt8]
    /// The AEAD key.
    public let key: [UInt8]
    /// The base nonce.
    public let baseNonce: [UInt8]
    /// The exporter secret.
    public let exporterSecret: [UInt8]
    /// The next sequence number.
    public private(set) var sequence: UInt64 = 0

    init(suite: CipherSuite, keyScheduleContext: [UInt8], secret: [UInt8], key: [UInt8], baseNonce: [UInt8], exporterSecret: [UInt8]) {
        self.suite = suite
        self.keyScheduleContext = keyScheduleContext
        self.secret = secret
        self.key = key
        self.baseNonce = baseNonce
        self.exporterSecret = exporterSecret
    }

    /// The nonce for the current sequence number (base_nonce XOR I2OSP(seq, Nn)).
    public func currentNonce() -> [UInt8] {
        var nonce = baseNonce
        var seq = sequence
        var i = nonce.count - 1
        while seq > 0 && i >= 0 {
            nonce[i] ^= UInt8(truncatingIfNeeded: seq)
            seq >>= 8
            i -= 1
        }
        return nonce
    }

    /// ContextS.Seal: encrypts and advances the sequence number.
    package mutating func seal(aad: [UInt8], plaintext: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard sequence < UInt64.max else { throw CryptoError(.messageLimitReached, "HPKE sequence number exhausted") }
        let ct = try AEADCipher.seal(suite.aead, key: key, nonce: currentNonce(), aad: aad, plaintext: plaintext)
        sequence += 1
        return ct
    }

    /// ContextR.Open: decrypts and advances the sequence number (unchanged on failure).
    package mutating func open(aad: [UInt8], ciphertext: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard sequence < UInt64.max else { throw CryptoError(.messageLimitReached, "HPKE sequence number exhausted") }
        let pt = try AEADCipher.open(suite.aead, key: key, nonce: currentNonce(), aad: aad, ciphertext: ciphertext)
        sequence += 1
        return pt
    }

    /// Context.Export(exporter_context, L).
    package func export(context exporterContext: [UInt8], length: Int) throws(CryptoError) -> [UInt8] {
        try HPKE.labeledExpand(suiteID: HPKE.hpkeSuiteID(suite), prk: exporterSecret, label: "sec", info: exporterContext, length: length)
    }

    /// Sets the sequence number (for checking vectors at a given position).
    package mutating func setSequence(_ value: UInt64) { sequence = value }
}

/// I2OSP of a 16-bit value.
@inline(__always) func bigEndian(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xff)] }
/// I2OSP of a 32-bit value.
@inline(__always) func bigEndian(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xff), UInt8((v >> 8) & 0xff), UInt8(v & 0xff)] }
