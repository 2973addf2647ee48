import COpenSSL
import MLSCrypto

/// The physical limit for `mimisim bench crypto`: each primitive called straight through OpenSSL's EVP API,
/// with algorithm handles fetched once, exactly as a careful C program would.
/// HPKE has no EVP form in OpenSSL 3.0, so its baseline is RFC 9180 composed from raw EVP calls
/// (EVP keygen for the ephemeral key, EVP_PKEY_derive, OpenSSL's own HKDF via EVP_KDF, EVP AEAD).
final class RawEVP {
    let suite: CipherSuite
    let md: OpaquePointer
    let mac: OpaquePointer
    let kdf: OpaquePointer
    let cipher: OpaquePointer
    let signKey: OpaquePointer
    let kemKey: OpaquePointer
    let kemPeer: OpaquePointer
    private var kemPeerBytes: [UInt8] = []

    init(suite: CipherSuite) {
        self.suite = suite
        md = EVP_MD_fetch(nil, "SHA256", nil)!
        mac = EVP_MAC_fetch(nil, "HMAC", nil)!
        kdf = EVP_KDF_fetch(nil, "HKDF", nil)!
        cipher = EVP_CIPHER_fetch(nil, suite.aead == .aes128Gcm ? "AES-128-GCM" : "ChaCha20-Poly1305", nil)!
        signKey = RawEVP.generate(suite.signature == .ed25519 ? "ED25519" : "EC")
        kemKey = RawEVP.generate(suite.kem == .x25519 ? "X25519" : "EC")
        kemPeer = RawEVP.generate(suite.kem == .x25519 ? "X25519" : "EC")
        kemPeerBytes = publicBytes(kemPeer)
    }

    deinit {
        EVP_PKEY_free(signKey); EVP_PKEY_free(kemKey); EVP_PKEY_free(kemPeer)
        EVP_MD_free(md); EVP_MAC_free(mac); EVP_KDF_free(kdf); EVP_CIPHER_free(cipher)
    }

    /// EVP_PKEY_generate for an algorithm ("EC" means P-256).
    static func generate(_ name: String) -> OpaquePointer {
        let ctx = EVP_PKEY_CTX_new_from_name(nil, name, nil)!
        defer { EVP_PKEY_CTX_free(ctx) }
        precondition(EVP_PKEY_keygen_init(ctx) == 1)
        if name == "EC" { precondition(EVP_PKEY_CTX_set_group_name(ctx, RawNames.p256) == 1) }
        var key: OpaquePointer?
        precondition(EVP_PKEY_generate(ctx, &key) == 1)
        return key!
    }

    func publicBytes(_ key: OpaquePointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 65)
        var n = 0
        precondition(EVP_PKEY_get_octet_string_param(key, RawNames.encodedPub, &out, 65, &n) == 1)
        return Array(out.prefix(n))
    }

    func hash(_ data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var n: UInt32 = 0
        _ = EVP_Digest(data, data.count, &out, &n, md, nil)
        return out
    }

    func hmac(key: [UInt8], data: [UInt8]) -> [UInt8] {
        let ctx = EVP_MAC_CTX_new(mac)!
        defer { EVP_MAC_CTX_free(ctx) }
        var params = [OSSL_PARAM_construct_utf8_string(RawNames.digest, RawNames.sha256, 0), OSSL_PARAM_construct_end()]
        _ = EVP_MAC_init(ctx, key, key.count, &params)
        _ = EVP_MAC_update(ctx, data, data.count)
        var out = [UInt8](repeating: 0, count: 32)
        var n = 0
        _ = EVP_MAC_final(ctx, &out, &n, 32)
        return out
    }

    /// OpenSSL's HKDF in extract-only (mode 1) or expand-only (mode 2) form.
    func hkdf(mode: Int32, key: [UInt8], saltOrInfo: [UInt8], length: Int) -> [UInt8] {
        let ctx = EVP_KDF_CTX_new(kdf)!
        defer { EVP_KDF_CTX_free(ctx) }
        var out = [UInt8](repeating: 0, count: length)
        var m = mode
        var k = key, s = saltOrInfo
        if k.isEmpty { k = [0] }
        if s.isEmpty { s = [0] }
        let ok = k.withUnsafeMutableBytes { kp in
            s.withUnsafeMutableBytes { sp -> Int32 in
                var params = [
                    OSSL_PARAM_construct_utf8_string(RawNames.digest, RawNames.sha256, 0),
                    OSSL_PARAM_construct_int(RawNames.mode, &m),
                    OSSL_PARAM_construct_octet_string(RawNames.key, kp.baseAddress, key.count),
                    OSSL_PARAM_construct_octet_string(mode == 1 ? RawNames.salt : RawNames.info, sp.baseAddress, saltOrInfo.count),
                    OSSL_PARAM_construct_end(),
                ]
                return EVP_KDF_derive(ctx, &out, length, &params)
            }
        }
        precondition(ok == 1, "EVP_KDF_derive failed")
        return out
    }

    func sign(_ message: [UInt8]) -> [UInt8] {
        let ctx = EVP_MD_CTX_new()!
        defer { EVP_MD_CTX_free(ctx) }
        _ = EVP_DigestSignInit(ctx, nil, suite.signature == .ed25519 ? nil : md, nil, signKey)
        var out = [UInt8](repeating: 0, count: 80)
        var n = 80
        precondition(EVP_DigestSign(ctx, &out, &n, message, message.count) == 1)
        return Array(out.prefix(n))
    }

    func verify(_ signature: [UInt8], _ message: [UInt8]) -> Bool {
        let ctx = EVP_MD_CTX_new()!
        defer { EVP_MD_CTX_free(ctx) }
        _ = EVP_DigestVerifyInit(ctx, nil, suite.signature == .ed25519 ? nil : md, nil, signKey)
        return EVP_DigestVerify(ctx, signature, signature.count, message, message.count) == 1
    }

    func dh(_ sk: OpaquePointer, _ pk: OpaquePointer) -> [UInt8] {
        let ctx = EVP_PKEY_CTX_new(sk, nil)!
        defer { EVP_PKEY_CTX_free(ctx) }
        var out = [UInt8](repeating: 0, count: 32)
        var n = 32
        precondition(EVP_PKEY_derive_init(ctx) == 1 && EVP_PKEY_derive_set_peer(ctx, pk) == 1 && EVP_PKEY_derive(ctx, &out, &n) == 1)
        return out
    }

    func kemKeygen() -> OpaquePointer { RawEVP.generate(suite.kem == .x25519 ? "X25519" : "EC") }
    func signKeygen() -> OpaquePointer { RawEVP.generate(suite.signature == .ed25519 ? "ED25519" : "EC") }

    /// A public key from its encoding, the EVP way (raw for X25519, encoded point onto P-256 parameters).
    func parsePublic(_ bytes: [UInt8]) -> OpaquePointer {
        if suite.kem == .x25519 { return EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nil, bytes, 32)! }
        let key = EVP_PKEY_new()!
        precondition(EVP_PKEY_copy_parameters(key, kemPeer) == 1)
        precondition(EVP_PKEY_set1_encoded_public_key(key, bytes, bytes.count) == 1)
        return key
    }

    func aeadSeal(key: [UInt8], nonce: [UInt8], plaintext: [UInt8]) -> [UInt8] {
        let ctx = EVP_CIPHER_CTX_new()!
        defer { EVP_CIPHER_CTX_free(ctx) }
        var out = [UInt8](repeating: 0, count: plaintext.count + 16)
        var n: Int32 = 0, m: Int32 = 0
        _ = EVP_EncryptInit_ex2(ctx, cipher, key, nonce, nil)
        _ = EVP_EncryptUpdate(ctx, &out, &n, plaintext, Int32(plaintext.count))
        out.withUnsafeMutableBufferPointer { o in
            _ = EVP_EncryptFinal_ex(ctx, o.baseAddress! + Int(n), &m)
            _ = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, o.baseAddress! + plaintext.count)
        }
        return out
    }

    func aeadOpen(key: [UInt8], nonce: [UInt8], ciphertext: [UInt8]) -> [UInt8]? {
        let ctx = EVP_CIPHER_CTX_new()!
        defer { EVP_CIPHER_CTX_free(ctx) }
        let body = ciphertext.count - 16
        var out = [UInt8](repeating: 0, count: body)
        var n: Int32 = 0, m: Int32 = 0
        _ = EVP_DecryptInit_ex2(ctx, cipher, key, nonce, nil)
        _ = EVP_DecryptUpdate(ctx, &out, &n, ciphertext, Int32(body))
        var tag = Array(ciphertext[body...])
        _ = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 16, &tag)
        let ok = out.withUnsafeMutableBufferPointer { EVP_DecryptFinal_ex(ctx, $0.baseAddress! + Int(n), &m) }
        return ok == 1 ? out : nil
    }

    // MARK: HPKE base mode composed from raw EVP calls (RFC 9180 §4.1, §5.1)

    private func suiteIDs() -> (kem: [UInt8], hpke: [UInt8]) {
        let k = suite.kem.rawValue, a = suite.aead.rawValue
        return (Array("KEM".utf8) + [UInt8(k >> 8), UInt8(k & 0xff)],
                Array("HPKE".utf8) + [UInt8(k >> 8), UInt8(k & 0xff), 0, 1, UInt8(a >> 8), UInt8(a & 0xff)])
    }

    private func labeledExtract(_ sid: [UInt8], _ salt: [UInt8], _ label: String, _ ikm: [UInt8]) -> [UInt8] {
        hkdf(mode: 1, key: Array("HPKE-v1".utf8) + sid + Array(label.utf8) + ikm, saltOrInfo: salt, length: 32)
    }

    private func labeledExpand(_ sid: [UInt8], _ prk: [UInt8], _ label: String, _ info: [UInt8], _ length: Int) -> [UInt8] {
        hkdf(mode: 2, key: prk, saltOrInfo: [UInt8(length >> 8), UInt8(length & 0xff)] + Array("HPKE-v1".utf8) + sid + Array(label.utf8) + info, length: length)
    }

    private func schedule(_ shared: [UInt8], info: [UInt8]) -> (key: [UInt8], nonce: [UInt8], exporter: [UInt8]) {
        let sid = suiteIDs().hpke
        let context = [0] + labeledExtract(sid, [], "psk_id_hash", []) + labeledExtract(sid, [], "info_hash", info)
        let secret = labeledExtract(sid, shared, "secret", [])
        return (labeledExpand(sid, secret, "key", context, suite.aead.keyLength),
                labeledExpand(sid, secret, "base_nonce", context, 12),
                labeledExpand(sid, secret, "exp", context, 32))
    }

    private func sharedSecret(dh: [UInt8], enc: [UInt8], pkR: [UInt8]) -> [UInt8] {
        let sid = suiteIDs().kem
        let prk = labeledExtract(sid, [], "eae_prk", dh)
        return labeledExpand(sid, prk, "shared_secret", enc + pkR, 32)
    }

    /// SealBase to the peer key.
    func hpkeSeal(info: [UInt8], plaintext: [UInt8]) -> (enc: [UInt8], ct: [UInt8]) {
        let eph = kemKeygen()
        defer { EVP_PKEY_free(eph) }
        let enc = publicBytes(eph)
        let shared = sharedSecret(dh: dh(eph, kemPeer), enc: enc, pkR: kemPeerBytes)
        let ks = schedule(shared, info: info)
        return (enc, aeadSeal(key: ks.key, nonce: ks.nonce, plaintext: plaintext))
    }

    /// OpenBase with the peer's private key.
    func hpkeOpen(enc: [UInt8], info: [UInt8], ct: [UInt8]) -> [UInt8]? {
        let pkE = parsePublic(enc)
        defer { EVP_PKEY_free(pkE) }
        let shared = sharedSecret(dh: dh(kemPeer, pkE), enc: enc, pkR: kemPeerBytes)
        let ks = schedule(shared, info: info)
        return aeadOpen(key: ks.key, nonce: ks.nonce, ciphertext: ct)
    }

    /// SendExport to the peer key.
    func hpkeExport(info: [UInt8], context: [UInt8]) -> [UInt8] {
        let eph = kemKeygen()
        defer { EVP_PKEY_free(eph) }
        let enc = publicBytes(eph)
        let ks = schedule(sharedSecret(dh: dh(eph, kemPeer), enc: enc, pkR: kemPeerBytes), info: info)
        return labeledExpand(suiteIDs().hpke, ks.exporter, "sec", context, 32)
    }
}

/// NUL-terminated OSSL_PARAM names that must outlive the calls that keep pointers to them.
enum RawNames {
    nonisolated(unsafe) static let digest = strdup("digest")!
    nonisolated(unsafe) static let sha256 = strdup("SHA256")!
    nonisolated(unsafe) static let mode = strdup("mode")!
    nonisolated(unsafe) static let key = strdup("key")!
    nonisolated(unsafe) static let salt = strdup("salt")!
    nonisolated(unsafe) static let info = strdup("info")!
    nonisolated(unsafe) static let p256 = strdup("P-256")!
    nonisolated(unsafe) static let encodedPub = strdup("encoded-pub-key")!
}
