/// The labeled helpers of RFC 9420 §5 (ExpandWithLabel, DeriveSecret, RefHash, SignWithLabel,
/// EncryptWithLabel, ...). Each counts as the one primitive it calls.
extension CryptoContext {
    static let labelPrefix = Array("MLS 1.0 ".utf8)

    /// ExpandWithLabel(secret, label, context, length) (§5.1).
    public func expandWithLabel(_ secret: [UInt8], _ label: String, _ context: [UInt8], _ length: Int) throws(CryptoError) -> [UInt8] {
        guard length <= 0xffff else { throw CryptoError(.invalidLength, "ExpandWithLabel length \(length) over 65535") }
        return try expand(prk: secret, info: Self.labeledInfo(length, label.utf8, context), length: length)
    }

    /// ExpandWithLabel with a label given as bytes (exporter labels are arbitrary bytes).
    public func expandWithLabel(_ secret: [UInt8], labelBytes label: [UInt8], _ context: [UInt8], _ length: Int) throws(CryptoError) -> [UInt8] {
        guard length <= 0xffff else { throw CryptoError(.invalidLength, "ExpandWithLabel length \(length) over 65535") }
        return try expand(prk: secret, info: Self.labeledInfo(length, label, context), length: length)
    }

    /// KDFLabel { uint16 length; opaque label<V> = "MLS 1.0 " + label; opaque context<V> }, built in one buffer.
    static func labeledInfo<L: Collection>(_ length: Int, _ label: L, _ context: [UInt8]) -> [UInt8] where L.Element == UInt8 {
        var info = [UInt8]()
        info.reserveCapacity(2 + 4 + labelPrefix.count + label.count + 4 + context.count)
        info.append(UInt8(truncatingIfNeeded: length >> 8))
        info.append(UInt8(truncatingIfNeeded: length))
        VarintVector.appendLength(labelPrefix.count + label.count, to: &info)
        info += labelPrefix
        info += label
        VarintVector.append(context, to: &info)
        return info
    }

    /// DeriveSecret(secret, label) = ExpandWithLabel(secret, label, "", Nh) (§5.1).
    public func deriveSecret(_ secret: [UInt8], _ label: String) throws(CryptoError) -> [UInt8] {
        try expandWithLabel(secret, label, [], suite.hashLength)
    }

    /// DeriveTreeSecret(secret, label, generation, length) (§9.1).
    public func deriveTreeSecret(_ secret: [UInt8], _ label: String, generation: UInt32, length: Int) throws(CryptoError) -> [UInt8] {
        try expandWithLabel(secret, label, bigEndian(generation), length)
    }

    /// RefHash(label, value) = Hash(RefHashInput) (§5.2).
    public func refHash(_ label: String, _ value: [UInt8]) -> [UInt8] {
        var input = [UInt8]()
        VarintVector.append(Array(label.utf8), to: &input)
        VarintVector.append(value, to: &input)
        return hash(input)
    }

    /// SignWithLabel(key, label, content) (§5.1.2).
    public func signWithLabel(_ key: SignaturePrivateKey, _ label: String, _ content: [UInt8]) throws(CryptoError) -> [UInt8] {
        try sign(Self.signContent(label, content), with: key)
    }

    /// VerifyWithLabel(key, label, content, signature); throws `invalidSignature` (§5.1.2).
    public func verifyWithLabel(_ key: SignaturePublicKey, _ label: String, _ content: [UInt8], _ signature: [UInt8]) throws(CryptoError) {
        try verify(signature, of: Self.signContent(label, content), with: key)
    }

    /// EncryptWithLabel(pk, label, context, plaintext) → (kem_output, ciphertext) (§5.1.3).
    public func encryptWithLabel(_ key: HPKEPublicKey, _ label: String, _ context: [UInt8], _ plaintext: [UInt8]) throws(CryptoError) -> (kemOutput: [UInt8], ciphertext: [UInt8]) {
        let (enc, ct) = try hpkeSeal(to: key, info: Self.encryptContext(label, context), aad: [], plaintext: plaintext)
        return (enc, ct)
    }

    /// EncryptWithLabel of one label and context to several keys (a Welcome's group secrets), hashing the
    /// context once; each counts as one `hpke.seal`.
    public func encryptWithLabel(_ keys: [HPKEPublicKey], _ label: String, _ context: [UInt8], _ plaintexts: [[UInt8]]) throws(CryptoError) -> [(kemOutput: [UInt8], ciphertext: [UInt8])] {
        try hpkeSealEach(to: keys, info: Self.encryptContext(label, context), aad: [], plaintexts: plaintexts).map { ($0.enc, $0.ciphertext) }
    }

    /// DecryptWithLabel(sk, label, context, kem_output, ciphertext) (§5.1.3).
    public func decryptWithLabel(_ key: HPKEPrivateKey, _ label: String, _ context: [UInt8], kemOutput: [UInt8], ciphertext: [UInt8]) throws(CryptoError) -> [UInt8] {
        try hpkeOpen(enc: kemOutput, with: key, info: Self.encryptContext(label, context), aad: [], ciphertext: ciphertext)
    }

    static func signContent(_ label: String, _ content: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(content.count + 32)
        VarintVector.append(labelPrefix + Array(label.utf8), to: &out)
        VarintVector.append(content, to: &out)
        return out
    }

    static func encryptContext(_ label: String, _ context: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        VarintVector.append(labelPrefix + Array(label.utf8), to: &out)
        VarintVector.append(context, to: &out)
        return out
    }
}

/// The one piece of the MLS wire codec that the labeled helpers need: `opaque x<V>` (RFC 9420 §2.1.2).
/// The full codec lives in the MLS module, one layer up.
enum VarintVector {
    static func append(_ bytes: [UInt8], to out: inout [UInt8]) {
        appendLength(bytes.count, to: &out)
        out += bytes
    }

    /// The minimal varint length header of a vector of `n` bytes.
    static func appendLength(_ n: Int, to out: inout [UInt8]) {
        if n < 0x40 {
            out.append(UInt8(n))
        } else if n < 0x4000 {
            out.append(UInt8(0x40 | (n >> 8))); out.append(UInt8(n & 0xff))
        } else {
            precondition(n < 0x4000_0000, "vector of \(n) bytes exceeds the MLS varint limit")
            out.append(UInt8(0x80 | (n >> 24))); out.append(UInt8((n >> 16) & 0xff))
            out.append(UInt8((n >> 8) & 0xff)); out.append(UInt8(n & 0xff))
        }
    }
}
