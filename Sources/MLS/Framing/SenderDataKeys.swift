import MLSCrypto

/// The key and nonce that protect a PrivateMessage's sender data (RFC 9420 §6.3.2).
public enum SenderDataKeys {
    /// key = ExpandWithLabel(sender_data_secret, "key", sample, Nk), nonce likewise with "nonce", where the
    /// sample is the first Nh bytes of the content ciphertext (all of it when shorter).
    public static func derive(_ crypto: CryptoContext, senderDataSecret: [UInt8], ciphertext: [UInt8]) throws(MLSError) -> (key: [UInt8], nonce: [UInt8]) {
        let sample = Array(ciphertext.prefix(crypto.suite.hashLength))
        do {
            return (try crypto.expandWithLabel(senderDataSecret, "key", sample, crypto.suite.aead.keyLength),
                    try crypto.expandWithLabel(senderDataSecret, "nonce", sample, crypto.suite.aead.nonceLength))
        } catch { throw MLSError(error, context: "sender data key") }
    }
}
