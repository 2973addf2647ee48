import MLSCrypto

/// The one error type of the MLS module: a code to switch on, a message, and the underlying
/// codec or crypto error when there is one. A message rejected with an `MLSError` changed no state.
public struct MLSError: Error, CustomStringConvertible, Sendable {
    /// What kind of rejection or failure this is.
    public enum Code: String, Sendable, Equatable {
        /// The bytes do not decode (see `codecError`).
        case malformed
        /// A crypto primitive failed (see `cryptoError`).
        case crypto
        /// The message is for another group.
        case wrongGroup
        /// The message is for another epoch.
        case wrongEpoch
        /// A signature did not verify.
        case invalidSignature
        /// A PublicMessage's membership tag did not verify.
        case invalidMembershipTag
        /// A commit's confirmation tag did not verify.
        case invalidConfirmationTag
        /// The sender is not a member or not allowed to send this content.
        case invalidSender
        /// A secret-tree generation was already used or deleted.
        case generationUsed
        /// A secret-tree generation is further ahead than the configured tolerance.
        case generationTooFar
        /// PrivateMessageContent padding had a non-zero byte.
        case invalidPadding
        /// The content type is not allowed here (for example application data in a PublicMessage).
        case invalidContentType
        /// A proposal or proposal list violates RFC 9420 §12.2–12.3.
        case invalidProposal
        /// A commit is invalid (path, confirmation, proposal references).
        case invalidCommit
        /// A ratchet tree or leaf node is invalid (§7.9, §7.3).
        case invalidTree
        /// A key package is invalid (§10.1).
        case invalidKeyPackage
        /// A Welcome does not apply to this client.
        case welcomeNotForUs
        /// A pre-shared key the message needs is not available.
        case missingPSK
        /// The requested operation is not supported by this implementation.
        case unsupported
    }

    /// What kind of rejection or failure this is.
    public let code: Code
    /// A human-readable explanation.
    public let message: String
    /// The underlying codec error, for `malformed`.
    public let codecError: CodecError?
    /// The underlying crypto error, for `crypto` (and signature or decryption failures).
    public let cryptoError: CryptoError?

    /// An error with a code and message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
        codecError = nil
        cryptoError = nil
    }

    /// Wraps a codec error as `malformed`.
    public init(_ error: CodecError, context: String = "") {
        code = .malformed
        message = context.isEmpty ? "\(error)" : "\(context): \(error)"
        codecError = error
        cryptoError = nil
    }

    /// Wraps a crypto error (signature failures become `invalidSignature`).
    public init(_ error: CryptoError, context: String = "") {
        code = error.code == .invalidSignature ? .invalidSignature : .crypto
        message = context.isEmpty ? error.description : "\(context): \(error.description)"
        codecError = nil
        cryptoError = error
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
