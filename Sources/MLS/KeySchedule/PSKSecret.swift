import MLSCrypto

/// The PSK secret of RFC 9420 §8.4, chaining every pre-shared key of a commit or Welcome in order.
public enum PSKSecret {
    /// psk_secret for PSKs given as (encoded PreSharedKeyID, psk value); Nh zeros for none.
    public static func derive(_ crypto: CryptoContext, psks: [(encodedID: [UInt8], value: [UInt8])]) throws(MLSError) -> [UInt8] {
        let zeros = KeySchedule.zeros(crypto)
        var secret = zeros
        let count = UInt16(truncatingIfNeeded: psks.count)
        guard psks.count <= Int(UInt16.max) else { throw MLSError(.invalidProposal, "more than 65535 PSKs") }
        for (index, psk) in psks.enumerated() {
            // PSKLabel { PreSharedKeyID id; uint16 index; uint16 count; }
            var label = WireWriter(capacity: psk.encodedID.count + 4)
            label.writeBytes(psk.encodedID)
            label.writeUInt16(UInt16(index))
            label.writeUInt16(count)
            do {
                let extracted = crypto.extract(salt: zeros, ikm: psk.value)
                let input = try crypto.expandWithLabel(extracted, "derived psk", label.bytes, crypto.suite.hashLength)
                secret = crypto.extract(salt: input, ikm: secret)
            } catch { throw MLSError(error, context: "psk_secret") }
        }
        return secret
    }
}
