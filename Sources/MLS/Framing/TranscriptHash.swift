import MLSCrypto

/// The confirmed and interim transcript hashes and the confirmation tag (RFC 9420 §8.2, §6.1).
public enum TranscriptHash {
    /// confirmed = Hash(interim_before ‖ ConfirmedTranscriptHashInput(commit)).
    public static func confirmed(_ crypto: CryptoContext, interimBefore: [UInt8], commit: AuthenticatedContent) throws(MLSError) -> [UInt8] {
        let input: ConfirmedTranscriptHashInput
        do { input = try ConfirmedTranscriptHashInput(commit) } catch { throw MLSError(error, context: "ConfirmedTranscriptHashInput") }
        return crypto.hash(interimBefore + input.encoded())
    }

    /// interim = Hash(confirmed ‖ InterimTranscriptHashInput(confirmation_tag)).
    public static func interim(_ crypto: CryptoContext, confirmed: [UInt8], confirmationTag: [UInt8]) -> [UInt8] {
        crypto.hash(confirmed + InterimTranscriptHashInput(confirmationTag: confirmationTag).encoded())
    }

    /// confirmation_tag = MAC(confirmation_key, confirmed_transcript_hash).
    public static func confirmationTag(_ crypto: CryptoContext, confirmationKey: [UInt8], confirmed: [UInt8]) -> [UInt8] {
        crypto.mac(key: confirmationKey, data: confirmed)
    }

    /// Checks a received confirmation tag in constant time; throws `invalidConfirmationTag`.
    public static func verifyConfirmationTag(_ crypto: CryptoContext, _ tag: [UInt8]?, confirmationKey: [UInt8], confirmed: [UInt8]) throws(MLSError) {
        guard let tag, constantTimeEqual(tag, confirmationTag(crypto, confirmationKey: confirmationKey, confirmed: confirmed)) else {
            throw MLSError(.invalidConfirmationTag, "confirmation tag does not match the confirmed transcript hash")
        }
    }
}

/// Compares two byte strings without an early exit on the first difference.
func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var diff: UInt8 = 0
    for i in a.indices { diff |= a[i] ^ b[i] }
    return diff == 0
}
