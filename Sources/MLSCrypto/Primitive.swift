/// A counted crypto primitive. Composite operations count once, at the top: an HPKE seal is one
/// `hpkeSeal`, not also a DH and HKDF calls, so Σ(count × unit cost) is a fair lower bound.
public enum Primitive: Int, CaseIterable, Sendable, CustomStringConvertible {
    /// Signature creation.
    case sign
    /// Signature verification.
    case verify
    /// A Diffie-Hellman agreement called directly.
    case dh
    /// Generating a fresh key pair (signature or HPKE) from random bytes.
    case keyGen
    /// HPKE DeriveKeyPair from given key material.
    case deriveKeyPair
    /// HPKE single-shot seal (SetupBaseS + Seal).
    case hpkeSeal
    /// HPKE single-shot open (SetupBaseR + Open).
    case hpkeOpen
    /// HPKE secret export (SetupBaseS or SetupBaseR + Export).
    case hpkeExport
    /// AEAD encryption.
    case aeadSeal
    /// AEAD decryption.
    case aeadOpen
    /// HKDF-Extract.
    case hkdfExtract
    /// HKDF-Expand (including ExpandWithLabel, DeriveSecret).
    case hkdfExpand
    /// Hash (including RefHash).
    case hash
    /// HMAC (MLS MAC).
    case mac

    /// Dotted name used in reports (`hpke.seal`, `aead.open`, ...).
    public var description: String {
        switch self {
        case .sign: return "sign"
        case .verify: return "verify"
        case .dh: return "dh"
        case .keyGen: return "keygen"
        case .deriveKeyPair: return "derive_key_pair"
        case .hpkeSeal: return "hpke.seal"
        case .hpkeOpen: return "hpke.open"
        case .hpkeExport: return "hpke.export"
        case .aeadSeal: return "aead.seal"
        case .aeadOpen: return "aead.open"
        case .hkdfExtract: return "hkdf.extract"
        case .hkdfExpand: return "hkdf.expand"
        case .hash: return "hash"
        case .mac: return "mac"
        }
    }
}
