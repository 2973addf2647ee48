/// The labeled helpers of RFC 9420 §5 (ExpandWithLabel, DeriveSecret, RefHash, SignWithLabel,
/// EncryptWithLabel, ...). Each counts as the one primitive it calls.
extension CryptoContext {
    static let labelPrefix = Array("MLS 1.0 ".utf8)

    /// ExpandWithLabel(secret, label, context, length) (§5.1).
    public func expandWithLabel(_ secret: [UInt8], _ label: String, _ context: [UInt8], _ length: Int) throws(CryptoError) -> [UInt8] {
        try expand(prk: secret, info: Self.labeledInfo(label, context, length), length: length)
    }

    /// ExpandWithLabel, not counted: for filling a `SharedDerivations` table, whose readers count each use.
    public func uncountedExpandWithLabel(_ secret: [UInt8], _ label: String, _ context: [UInt8], _ length: Int) throws(CryptoError) -> [UInt8] {
        try Digest.expand(prk: secret, info: Self.labeledInfo(label, context, length), length: length)
    }

    /// The KDFLabel of ExpandWithLabel(secret, label, context, length).
    static func labeledInfo(_ label: String, _ context: [UInt8], _ length: Int) throws(CryptoError) -> [UInt8] {
        guard length <= 0xffff else { throw CryptoError(.invalidLength, "ExpandWithLabel length \(length) over 65535") }
        var label = label
        return label.withUTF8 { label in context.withUnsafeBytes { labeledInfo(length, UnsafeRawBufferPointer(label), $0) } }
    }

    /// ExpandWithLabel with a label given as bytes (exporter labels are arbitrary bytes).
    public func expandWithLabel(_ secret: [UInt8], labelBytes label: [UInt8], _ context: [UInt8], _ length: Int) throws(CryptoError) -> [UInt8] {
        guard length <= 0xffff else { throw CryptoError(.invalidLength, "ExpandWithLabel length \(length) over 65535") }
        let info = label.withUnsafeBytes { label in context.withUnsafeBytes { Self.labeledInfo(length, label, $0) } }
        return try expand(prk: secret, info: info, length: length)
    }

    /// KDFLabel { uint16 length; opaque label<V> = "MLS 1.0 " + label; opaque context<V> }, written into one
    /// buffer of its exact size.
    static func labeledInfo(_ length: Int, _ label: UnsafeRawBufferPointer, _ context: UnsafeRawBufferPointer) -> [UInt8] {
        let prefix = "MLS 1.0 ".utf8   // 8 bytes
        let labelLength = prefix.count + label.count
        let total = 2 + VarintVector.lengthSize(labelLength) + labelLength + VarintVector.lengthSize(context.count) + context.count
        return [UInt8](unsafeUninitializedCapacity: total) { out, count in
            var at = 0
            out[0] = UInt8(truncatingIfNeeded: length >> 8)
            out[1] = UInt8(truncatingIfNeeded: length)
            at = 2
            at = VarintVector.writeLength(labelLength, to: out, at: at)
            for byte in prefix { out[at] = byte; at += 1 }
            if !label.isEmpty { UnsafeMutableRawPointer(out.baseAddress! + at).copyMemory(from: label.baseAddress!, byteCount: label.count) }
            at += label.count
            at = VarintVector.writeLength(context.count, to: out, at: at)
            if !context.isEmpty { UnsafeMutableRawPointer(out.baseAddress! + at).copyMemory(from: context.baseAddress!, byteCount: context.count) }
            count = at + context.count
        }
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

    /// The size of the minimal varint length header of a vector of `n` bytes.
    static func lengthSize(_ n: Int) -> Int { n < 0x40 ? 1 : n < 0x4000 ? 2 : 4 }

    /// Writes the minimal varint length header of a vector of `n` bytes at `at`; returns the offset after it.
    static func writeLength(_ n: Int, to out: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        if n < 0x40 {
            out[at] = UInt8(n)
            return at + 1
        } else if n < 0x4000 {
            out[at] = UInt8(0x40 | (n >> 8)); out[at + 1] = UInt8(n & 0xff)
            return at + 2
        }
        precondition(n < 0x4000_0000, "vector of \(n) bytes exceeds the MLS varint limit")
        out[at] = UInt8(0x80 | (n >> 24)); out[at + 1] = UInt8((n >> 16) & 0xff)
        out[at + 2] = UInt8((n >> 8) & 0xff); out[at + 3] = UInt8(n & 0xff)
        return at + 4
    }

    /// The minimal varint length header of a vector of `n` bytes.
    static func appendLength(_ n: Int, to out: inout [UInt8]) {
        let at = out.count
        out.append(contentsOf: repeatElement(0, count: lengthSize(n)))
        out.withUnsafeMutableBufferPointer { _ = writeLength(n, to: $0, at: at) }
    }
}
