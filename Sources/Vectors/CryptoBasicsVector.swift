import MLSCrypto

/// An entry of `crypto-basics.json`: RefHash, ExpandWithLabel, DeriveSecret, DeriveTreeSecret,
/// SignWithLabel / VerifyWithLabel and EncryptWithLabel / DecryptWithLabel (RFC 9420 §5).
struct CryptoBasicsVector: TestVector {
    struct RefHash: Decodable { let label: String; let value: HexBytes; let out: HexBytes }
    struct ExpandWithLabel: Decodable { let secret: HexBytes; let label: String; let context: HexBytes; let length: FlexibleInt; let out: HexBytes }
    struct DeriveSecret: Decodable { let secret: HexBytes; let label: String; let out: HexBytes }
    struct DeriveTreeSecret: Decodable { let secret: HexBytes; let label: String; let generation: FlexibleInt; let length: FlexibleInt; let out: HexBytes }
    struct SignWithLabel: Decodable { let priv: HexBytes; let pub: HexBytes; let content: HexBytes; let label: String; let signature: HexBytes }
    struct EncryptWithLabel: Decodable {
        let priv: HexBytes; let pub: HexBytes; let label: String; let context: HexBytes
        let plaintext: HexBytes; let kem_output: HexBytes; let ciphertext: HexBytes
    }

    let cipher_suite: UInt16
    let ref_hash: RefHash
    let expand_with_label: ExpandWithLabel
    let derive_secret: DeriveSecret
    let derive_tree_secret: DeriveTreeSecret
    let sign_with_label: SignWithLabel
    let encrypt_with_label: EncryptWithLabel

    var suite: UInt16? { cipher_suite }

    func verify() -> VectorVerdict {
        guard let crypto = VectorCrypto.context(cipher_suite) else { return .skipped("cipher suite \(cipher_suite)") }
        do {
            let r = ref_hash
            if let f = check("ref_hash.out", r.out.bytes, crypto.refHash(r.label, r.value.bytes)) { return .failed(f) }

            let e = expand_with_label
            let expanded = try crypto.expandWithLabel(e.secret.bytes, e.label, e.context.bytes, Int(e.length.value))
            if let f = check("expand_with_label.out", e.out.bytes, expanded) { return .failed(f) }

            let d = derive_secret
            if let f = check("derive_secret.out", d.out.bytes, try crypto.deriveSecret(d.secret.bytes, d.label)) { return .failed(f) }

            let t = derive_tree_secret
            let tree = try crypto.deriveTreeSecret(t.secret.bytes, t.label, generation: UInt32(t.generation.value), length: Int(t.length.value))
            if let f = check("derive_tree_secret.out", t.out.bytes, tree) { return .failed(f) }

            let s = sign_with_label
            let sk = try crypto.signaturePrivateKey(s.priv.bytes)
            if let f = check("sign_with_label.pub", s.pub.bytes, sk.publicKey.bytes) { return .failed(f) }
            let pk = try crypto.signaturePublicKey(s.pub.bytes)
            try crypto.verifyWithLabel(pk, s.label, s.content.bytes, s.signature.bytes)
            let ours = try crypto.signWithLabel(sk, s.label, s.content.bytes)
            try crypto.verifyWithLabel(pk, s.label, s.content.bytes, ours)
            if (try? crypto.verifyWithLabel(pk, s.label + "x", s.content.bytes, ours)) != nil {
                return .failed("sign_with_label: a signature verified under another label")
            }

            let h = encrypt_with_label
            let hsk = try crypto.hpkePrivateKey(h.priv.bytes)
            if let f = check("encrypt_with_label.pub", h.pub.bytes, hsk.publicKey.bytes) { return .failed(f) }
            let pt = try crypto.decryptWithLabel(hsk, h.label, h.context.bytes, kemOutput: h.kem_output.bytes, ciphertext: h.ciphertext.bytes)
            if let f = check("encrypt_with_label.plaintext", h.plaintext.bytes, pt) { return .failed(f) }
            let (kem, ct) = try crypto.encryptWithLabel(try crypto.hpkePublicKey(h.pub.bytes), h.label, h.context.bytes, h.plaintext.bytes)
            let back = try crypto.decryptWithLabel(hsk, h.label, h.context.bytes, kemOutput: kem, ciphertext: ct)
            if let f = check("encrypt_with_label round trip", h.plaintext.bytes, back) { return .failed(f) }
            return .passed
        } catch {
            return .failed("\(error)")
        }
    }
}

/// Crypto contexts for checking vectors: a private meter, seeded randomness.
enum VectorCrypto {
    /// A context for a supported suite, or nil for suites 4–7.
    static func context(_ id: UInt16) -> CryptoContext? {
        guard let suite = try? CipherSuite(id: id) else { return nil }
        return CryptoContext(suite: suite, actor: OperationMeter().actor("vectors"), random: SeededRandom(seed: UInt64(id)))
    }
}
