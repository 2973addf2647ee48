import MLSCrypto

/// The key and nonce that protect a PrivateMessage's sender data (RFC 9420 §6.3.2).
public enum SenderDataKeys {
    /// key = ExpandWithLabel(sender_data_secret, "key", sample, Nk), nonce likewise with "nonce", where the
    /// sample is the first Nh bytes of the content ciphertext (all of it when shorter).
    public static func derive(_ crypto: CryptoContext, senderDataSecret: [UInt8], ciphertext: [UInt8]) throws(MLSError) -> (key: [UInt8], nonce: [UInt8]) {
        try derive(crypto, senderDataSecret: senderDataSecret, sample: sample(crypto, ciphertext), expand: crypto.expandWithLabel)
    }

    /// The sample of a ciphertext the keys are derived from.
    static func sample(_ crypto: CryptoContext, _ ciphertext: [UInt8]) -> [UInt8] { Array(ciphertext.prefix(crypto.suite.hashLength)) }

    /// The key and nonce from `sample`, with `expand` as ExpandWithLabel (counted or not).
    static func derive(_ crypto: CryptoContext, senderDataSecret: [UInt8], sample: [UInt8],
                       expand: ([UInt8], String, [UInt8], Int) throws(CryptoError) -> [UInt8]) throws(MLSError) -> (key: [UInt8], nonce: [UInt8]) {
        do {
            return (try expand(senderDataSecret, "key", sample, crypto.suite.aead.keyLength),
                    try expand(senderDataSecret, "nonce", sample, crypto.suite.aead.nonceLength))
        } catch { throw MLSError(error, context: "sender data key") }
    }
}
