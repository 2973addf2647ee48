import MLSCrypto

/// The crypto benchmark of one suite: each MLSCrypto primitive against its raw-EVP twin.
struct CryptoBenchSuite {
    let suite: CipherSuite
    let batches: Int
    let targetNanos: Double

    func run() throws -> [CryptoBenchRow] {
        let meter = OperationMeter()
        let ctx = CryptoContext(suite: suite, actor: meter.actor("bench"), random: SeededRandom(seed: 1))
        let raw = RawEVP(suite: suite)
        let msg64 = [UInt8](repeating: 0x5a, count: 64)
        let kib = [UInt8](repeating: 0xa5, count: 1024)
        let key32 = [UInt8](repeating: 7, count: 32)
        let aeadKey = [UInt8](repeating: 3, count: suite.aead.keyLength)
        let nonce = [UInt8](repeating: 9, count: 12)
        let info = Array("MLS 1.0 bench".utf8)

        let sigKey = try ctx.generateSignatureKey()
        let signature = try ctx.sign(msg64, with: sigKey)
        let rawSignature = raw.sign(msg64)
        let kemKey = try ctx.generateHPKEKey()
        let kemPeer = try ctx.generateHPKEKey()
        let (enc, sealed) = try ctx.hpkeSeal(to: kemPeer.publicKey, info: info, aad: [], plaintext: msg64)
        let rawSealed = raw.hpkeSeal(info: info, plaintext: msg64)
        let aeadSealed = try ctx.aeadSeal(key: aeadKey, nonce: nonce, aad: [], plaintext: kib)
        let rawAeadSealed = raw.aeadSeal(key: aeadKey, nonce: nonce, plaintext: kib)
        let prk = ctx.extract(salt: key32, ikm: key32)

        let sigName = suite.signature == .ed25519 ? "ed25519" : "ecdsa-p256"
        let kemName = suite.kem == .x25519 ? "x25519" : "p256"
        let aeadName = suite.aead == .aes128Gcm ? "aes128gcm" : "chacha20poly1305"

        typealias Case = (name: String, baseline: String, ours: () -> Void, raw: () -> Void)
        let cases: [Case] = [
            ("sha256.64B", "EVP_Digest", { _ = ctx.hash(msg64) }, { _ = raw.hash(msg64) }),
            ("hmac.64B", "EVP_MAC HMAC", { _ = ctx.mac(key: key32, data: msg64) }, { _ = raw.hmac(key: key32, data: msg64) }),
            ("hkdf.extract", "EVP_KDF HKDF extract", { _ = ctx.extract(salt: key32, ikm: key32) }, { _ = raw.hkdf(mode: 1, key: key32, saltOrInfo: key32, length: 32) }),
            ("hkdf.expand.32B", "EVP_KDF HKDF expand", { _ = try! ctx.expand(prk: prk, info: msg64, length: 32) }, { _ = raw.hkdf(mode: 2, key: prk, saltOrInfo: msg64, length: 32) }),
            ("\(sigName).sign", "EVP_DigestSign", { _ = try! ctx.sign(msg64, with: sigKey) }, { _ = raw.sign(msg64) }),
            ("\(sigName).verify", "EVP_DigestVerify", { try! ctx.verify(signature, of: msg64, with: sigKey.publicKey) }, { precondition(raw.verify(rawSignature, msg64)) }),
            ("\(sigName).keygen", "EVP_PKEY_generate", { _ = try! ctx.generateSignatureKey() }, { EVP_free(raw.signKeygen()) }),
            ("\(kemName).dh", "EVP_PKEY_derive", { _ = try! ctx.dh(kemKey, kemPeer.publicKey) }, { _ = raw.dh(raw.kemKey, raw.kemPeer) }),
            ("\(kemName).keygen", "EVP_PKEY_generate", { _ = try! ctx.generateHPKEKey() }, { EVP_free(raw.kemKeygen()) }),
            ("\(kemName).derive_key_pair", "EVP_PKEY_generate", { _ = try! ctx.deriveHPKEKey(ikm: key32) }, { EVP_free(raw.kemKeygen()) }),
            ("hpke.seal.64B", "RFC 9180 from EVP calls", { _ = try! ctx.hpkeSeal(to: kemPeer.publicKey, info: info, aad: [], plaintext: msg64) }, { _ = raw.hpkeSeal(info: info, plaintext: msg64) }),
            ("hpke.open.64B", "RFC 9180 from EVP calls", { _ = try! ctx.hpkeOpen(enc: enc, with: kemPeer, info: info, aad: [], ciphertext: sealed) }, { precondition(raw.hpkeOpen(enc: rawSealed.enc, info: info, ct: rawSealed.ct) != nil) }),
            ("hpke.export", "RFC 9180 from EVP calls", { _ = try! ctx.hpkeExportSender(to: kemPeer.publicKey, info: info, exporterContext: msg64, length: 32) }, { _ = raw.hpkeExport(info: info, context: msg64) }),
            ("\(aeadName).seal.1KiB", "EVP_EncryptInit_ex2..Final", { _ = try! ctx.aeadSeal(key: aeadKey, nonce: nonce, aad: [], plaintext: kib) }, { _ = raw.aeadSeal(key: aeadKey, nonce: nonce, plaintext: kib) }),
            ("\(aeadName).open.1KiB", "EVP_DecryptInit_ex2..Final", { _ = try! ctx.aeadOpen(key: aeadKey, nonce: nonce, aad: [], ciphertext: aeadSealed) }, { precondition(raw.aeadOpen(key: aeadKey, nonce: nonce, ciphertext: rawAeadSealed) != nil) }),
        ]
        return cases.map { c in
            let (ours, base) = compareInterleaved(batches: batches, targetNanos: targetNanos, c.ours, c.raw)
            return CryptoBenchRow(suite: suite.id, primitive: c.name, us_per_op: ours / 1000, ops_per_s: 1e9 / ours,
                                  raw_us_per_op: base / 1000, ratio: ours / base, raw_baseline: c.baseline)
        }
    }
}

import COpenSSL

/// Frees a key made by the raw baseline.
@inline(__always) func EVP_free(_ key: OpaquePointer) { EVP_PKEY_free(key) }
