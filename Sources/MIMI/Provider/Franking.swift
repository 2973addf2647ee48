import MLS
import MLSCrypto

/// The hub's franking (draft-ietf-mimi-protocol-06 §5.4): a fresh 32-byte server frank and a signature
/// binding it to the room, the sender's franking tag and the acceptance time. The server frank also
/// names the accepted message in events (it is unique per message).
public enum Franking {
    /// The signing label.
    public static let label = "MIMI Franking Integrity"

    /// The signed content: room, franking tag, server frank and timestamp.
    static func tbs(room: IdentifierURI, frankingTag: [UInt8], serverFrank: [UInt8], timestamp: UInt64) -> [UInt8] {
        var writer = WireWriter()
        room.encode(to: &writer)
        writer.writeOpaque(frankingTag)
        writer.writeBytes(serverFrank)
        writer.writeUInt64(timestamp)
        return writer.bytes
    }

    /// A frank for an accepted message, with a server frank from the hub's random source.
    public static func frank(room: IdentifierURI, frankingTag: [UInt8], timestamp: UInt64, key: SignaturePrivateKey,
                             crypto: CryptoContext) throws(MIMIError) -> Frank {
        let serverFrank = crypto.random.bytes(Frank.serverFrankSize)
        do {
            let signature = try crypto.signWithLabel(key, label, tbs(room: room, frankingTag: frankingTag, serverFrank: serverFrank, timestamp: timestamp))
            return try Frank(serverFrank: serverFrank, frankingSignatureCipherSuite: CipherSuiteID(crypto.suite), frankingIntegritySignature: signature)
        } catch let error as MIMIError { throw error } catch { throw MIMIError(.crypto, "franking signature failed", underlying: error) }
    }

    /// Verifies a frank with the hub's public key.
    public static func verify(_ frank: Frank, room: IdentifierURI, frankingTag: [UInt8], timestamp: UInt64, hubKey: [UInt8],
                              crypto: CryptoContext) throws(MIMIError) {
        let key: SignaturePublicKey
        do { key = try crypto.signaturePublicKey(hubKey) } catch { throw MIMIError(.crypto, "the frank does not verify", underlying: error) }
        try verify(frank, room: room, frankingTag: frankingTag, timestamp: timestamp, hubKey: key, crypto: crypto)
    }

    /// Verifies a frank with the hub's parsed public key. (In simulations the signature check itself is shared through
    /// the context's verification cache, and a client shares its whole frank check in the push's memo.)
    public static func verify(_ frank: Frank, room: IdentifierURI, frankingTag: [UInt8], timestamp: UInt64, hubKey: SignaturePublicKey,
                              crypto: CryptoContext) throws(MIMIError) {
        do {
            try crypto.verifyWithLabel(hubKey, label, tbs(room: room, frankingTag: frankingTag, serverFrank: frank.serverFrank, timestamp: timestamp),
                                       frank.frankingIntegritySignature)
        } catch { throw MIMIError(.crypto, "the frank does not verify", underlying: error) }
    }
}
