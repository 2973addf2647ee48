import COpenSSL

/// An HPKE public key (RFC 9420 HPKEPublicKey), parsed and checked when made.
public struct HPKEPublicKey: Hashable, Sendable {
    /// The KEM the key belongs to.
    public let kem: KEM
    /// The serialized key (SerializePublicKey: raw X25519 or uncompressed P-256 point).
    public let bytes: [UInt8]
    let key: EVPKey

    /// Parses a serialized public key; throws `invalidKey` for a wrong length or an invalid point.
    public init(kem: KEM, bytes: [UInt8]) throws(CryptoError) {
        self.kem = kem
        self.bytes = bytes
        switch kem {
        case .x25519: key = try .rawPublic(EVP_PKEY_X25519, bytes, name: "X25519")
        case .p256: key = try .p256Public(bytes)
        }
    }

    /// Equal when KEM and bytes are equal.
    public static func == (a: HPKEPublicKey, b: HPKEPublicKey) -> Bool { a.kem == b.kem && a.bytes == b.bytes }
    /// Hashes the bytes.
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}

/// An HPKE private key with its public key.
public struct HPKEPrivateKey: Sendable {
    /// The KEM the key belongs to.
    public let kem: KEM
    /// The serialized private key (SerializePrivateKey, RFC 9180 §7.1.2).
    public let bytes: [UInt8]
    /// The matching public key.
    public let publicKey: HPKEPublicKey
    let key: EVPKey

    /// Parses a serialized private key and derives its public key.
    public init(kem: KEM, bytes: [UInt8]) throws(CryptoError) {
        self.kem = kem
        switch kem {
        case .x25519:
            // SerializePrivateKey for X25519 is the raw scalar as given (clamping happens inside X25519).
            self.bytes = bytes
            key = try .rawPrivate(EVP_PKEY_X25519, bytes, name: "X25519")
            publicKey = try HPKEPublicKey(kem: kem, bytes: key.rawPublicKey())
        case .p256:
            self.bytes = bytes
            let (k, pub) = try EVPKey.p256Private(bytes)
            key = k
            publicKey = try HPKEPublicKey(kem: kem, bytes: pub)
        }
    }
}

/// Diffie-Hellman on OpenSSL's EVP_PKEY_derive (unmetered; `CryptoContext` meters it).
enum DiffieHellman {
    /// DH(sk, pk): the X25519 shared value or the P-256 x-coordinate (32 bytes).
    static func agree(_ sk: HPKEPrivateKey, _ pk: HPKEPublicKey) throws(CryptoError) -> [UInt8] {
        guard sk.kem == pk.kem else { throw CryptoError(.invalidKey, "DH between keys of different KEMs") }
        guard let ctx = EVP_PKEY_CTX_new(sk.key.pointer, nil) else { throw CryptoError(.openssl, "EVP_PKEY_CTX_new failed") }
        defer { EVP_PKEY_CTX_free(ctx) }
        var out = [UInt8](repeating: 0, count: 32)
        var length = 32
        guard EVP_PKEY_derive_init(ctx) == 1,
              EVP_PKEY_derive_set_peer(ctx, pk.key.pointer) == 1,
              EVP_PKEY_derive(ctx, &out, &length) == 1, length == 32 else {
            // X25519 refuses an all-zero result (a small-order peer key), as RFC 9180 §7.1.4 requires.
            throw CryptoError(.invalidKey, "DH failed (invalid or small-order peer key): \(opensslReason())")
        }
        return out
    }
}
