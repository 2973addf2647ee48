import COpenSSL

/// A signature public key (RFC 9420 SignaturePublicKey), parsed and checked when made.
public struct SignaturePublicKey: Hashable, Sendable {
    /// The scheme the key belongs to.
    public let scheme: SignatureScheme
    /// The serialized key (raw Ed25519 or uncompressed P-256 point).
    public let bytes: [UInt8]
    let key: EVPKey

    /// Parses a serialized public key; throws `invalidKey` for a wrong length or an invalid point.
    public init(scheme: SignatureScheme, bytes: [UInt8]) throws(CryptoError) {
        self.scheme = scheme
        self.bytes = bytes
        switch scheme {
        case .ed25519: key = try .rawPublic(EVP_PKEY_ED25519, bytes, name: "Ed25519")
        case .ecdsaP256Sha256: key = try .p256Public(bytes)
        }
    }

    /// Equal when scheme and bytes are equal.
    public static func == (a: SignaturePublicKey, b: SignaturePublicKey) -> Bool { a.scheme == b.scheme && a.bytes == b.bytes }
    /// Hashes scheme and bytes.
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}

/// A signature private key with its public key.
public struct SignaturePrivateKey: Sendable {
    /// The scheme the key belongs to.
    public let scheme: SignatureScheme
    /// The serialized private key (Ed25519 seed or P-256 scalar, 32 bytes).
    public let bytes: [UInt8]
    /// The matching public key.
    public let publicKey: SignaturePublicKey
    let key: EVPKey

    /// Parses a serialized private key and derives its public key.
    public init(scheme: SignatureScheme, bytes: [UInt8]) throws(CryptoError) {
        self.scheme = scheme
        self.bytes = bytes
        switch scheme {
        case .ed25519:
            key = try .rawPrivate(EVP_PKEY_ED25519, bytes, name: "Ed25519")
            publicKey = try SignaturePublicKey(scheme: scheme, bytes: key.rawPublicKey())
        case .ecdsaP256Sha256:
            let (k, pub) = try EVPKey.p256Private(bytes)
            key = k
            publicKey = try SignaturePublicKey(scheme: scheme, bytes: pub)
        }
    }
}

/// Sign and verify on OpenSSL's EVP_DigestSign API (unmetered; `CryptoContext` meters them).
enum Signer {
    /// Signs `message` (Ed25519 pure, or ECDSA-P256 over SHA-256 with a DER signature).
    static func sign(_ message: [UInt8], with key: SignaturePrivateKey) throws(CryptoError) -> [UInt8] {
        let ctx = EVP_MD_CTX_new()!
        defer { EVP_MD_CTX_free(ctx) }
        let md = key.scheme == .ed25519 ? nil : Algorithms.sha256
        guard EVP_DigestSignInit(ctx, nil, md, nil, key.key.pointer) == 1 else {
            throw CryptoError(.openssl, "sign init: \(opensslReason())")
        }
        var length = 80
        var out = [UInt8](repeating: 0, count: length)
        let ok = message.withUnsafeBufferPointer { m in
            EVP_DigestSign(ctx, &out, &length, m.baseAddress ?? emptyMessage, m.count)
        }
        guard ok == 1 else { throw CryptoError(.openssl, "sign: \(opensslReason())") }
        out.removeLast(out.count - length)
        return out
    }

    /// Verifies; throws `invalidSignature` when it does not.
    static func verify(_ signature: [UInt8], of message: [UInt8], with key: SignaturePublicKey) throws(CryptoError) {
        let ctx = EVP_MD_CTX_new()!
        defer { EVP_MD_CTX_free(ctx) }
        let md = key.scheme == .ed25519 ? nil : Algorithms.sha256
        guard EVP_DigestVerifyInit(ctx, nil, md, nil, key.key.pointer) == 1 else {
            throw CryptoError(.openssl, "verify init: \(opensslReason())")
        }
        let ok = message.withUnsafeBufferPointer { m in
            signature.withUnsafeBufferPointer { s in
                EVP_DigestVerify(ctx, s.baseAddress ?? emptyMessage, s.count, m.baseAddress ?? emptyMessage, m.count)
            }
        }
        guard ok == 1 else {
            ERR_clear_error()
            throw CryptoError(.invalidSignature, "signature does not verify")
        }
    }

    nonisolated(unsafe) private static let emptyMessage: UnsafePointer<UInt8> = UnsafePointer(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))
}
