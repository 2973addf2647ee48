/// The one error type of MLSCrypto: a code to switch on, a message, and OpenSSL's reason when there is one.
public struct CryptoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: String, Equatable, Sendable {
        /// A key has the wrong length or is not a valid point/scalar for its algorithm.
        case invalidKey
        /// A signature did not verify (or is malformed).
        case invalidSignature
        /// AEAD or HPKE decryption failed authentication.
        case decryptionFailed
        /// An input has the wrong length (nonce, tag, requested output length).
        case invalidLength
        /// The cipher suite is not supported by this build.
        case unsupportedSuite
        /// DeriveKeyPair found no valid key (RFC 9180 §7.1.3 rejection sampling gave up).
        case deriveKeyPairFailed
        /// The HPKE context's sequence number is exhausted.
        case messageLimitReached
        /// OpenSSL reported an internal failure.
        case openssl
    }

    /// What kind of failure this is.
    public let code: Code
    /// A human-readable explanation.
    public let message: String

    /// Makes an error with a code and message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
