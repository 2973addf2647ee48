/// An MLS cipher suite (RFC 9420 §17.1) and the algorithms it names.
///
/// Suites 1, 2 and 3 are supported; all three use SHA-256 and HKDF-SHA256.
public struct CipherSuite: Hashable, Sendable, CustomStringConvertible {
    /// The suite's registry value.
    public let id: UInt16
    /// The HPKE KEM (DHKEM over X25519 or P-256).
    public let kem: KEM
    /// The AEAD of HPKE and of MLS message protection.
    public let aead: AEAD
    /// The signature scheme of credentials and handshake messages.
    public let signature: SignatureScheme

    /// MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519.
    public static let x25519Aes128GcmEd25519 = CipherSuite(id: 1, kem: .x25519, aead: .aes128Gcm, signature: .ed25519)
    /// MLS_128_DHKEMP256_AES128GCM_SHA256_P256.
    public static let p256Aes128GcmP256 = CipherSuite(id: 2, kem: .p256, aead: .aes128Gcm, signature: .ecdsaP256Sha256)
    /// MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519.
    public static let x25519ChaCha20Ed25519 = CipherSuite(id: 3, kem: .x25519, aead: .chacha20Poly1305, signature: .ed25519)

    /// Every supported suite, in registry order.
    public static let supported: [CipherSuite] = [.x25519Aes128GcmEd25519, .p256Aes128GcmP256, .x25519ChaCha20Ed25519]

    /// The suite with this registry value.
    public init(id: UInt16) throws(CryptoError) {
        guard let suite = CipherSuite.supported.first(where: { $0.id == id }) else {
            throw CryptoError(.unsupportedSuite, "cipher suite \(id) is not supported (supported: 1, 2, 3)")
        }
        self = suite
    }

    private init(id: UInt16, kem: KEM, aead: AEAD, signature: SignatureScheme) {
        self.id = id
        self.kem = kem
        self.aead = aead
        self.signature = signature
    }

    /// Output length of the hash and of HKDF-Extract (Nh), in bytes.
    public var hashLength: Int { 32 }
    /// HPKE KDF identifier (HKDF-SHA256).
    public var kdfID: UInt16 { 0x0001 }

    /// `MLS_<id>`.
    public var description: String { "suite \(id)" }
}

/// An HPKE KEM (RFC 9180 §7.1).
public enum KEM: UInt16, Sendable {
    /// DHKEM(P-256, HKDF-SHA256).
    case p256 = 0x0010
    /// DHKEM(X25519, HKDF-SHA256).
    case x25519 = 0x0020

    /// Length of an encoded public key / encapsulation (Npk, Nenc).
    public var publicKeyLength: Int { self == .x25519 ? 32 : 65 }
    /// Length of a serialized private key (Nsk).
    public var privateKeyLength: Int { 32 }
    /// Length of the KEM shared secret (Nsecret).
    public var secretLength: Int { 32 }
}

/// An AEAD algorithm (RFC 9180 §7.3).
public enum AEAD: UInt16, Sendable {
    /// AES-128-GCM.
    case aes128Gcm = 0x0001
    /// ChaCha20-Poly1305.
    case chacha20Poly1305 = 0x0003

    /// Key length (Nk).
    public var keyLength: Int { self == .aes128Gcm ? 16 : 32 }
    /// Nonce length (Nn).
    public var nonceLength: Int { 12 }
    /// Tag length (Nt).
    public var tagLength: Int { 16 }
}

/// A signature scheme (RFC 9420 §5.1.2, TLS SignatureScheme values).
public enum SignatureScheme: UInt16, Sendable {
    /// ECDSA over P-256 with SHA-256, DER-encoded signatures.
    case ecdsaP256Sha256 = 0x0403
    /// Ed25519.
    case ed25519 = 0x0807

    /// Length of a serialized public key.
    public var publicKeyLength: Int { self == .ed25519 ? 32 : 65 }
    /// Length of a serialized private key (seed or scalar).
    public var privateKeyLength: Int { 32 }
}
