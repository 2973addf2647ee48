import MLS
import MLSCrypto

extension ComponentID {
    /// `hub_franking_key` (0x8001, private use per draft-ietf-mls-extensions §9): the hub's franking key in a room.
    public static let hubFrankingKey = ComponentID(rawValue: 0x8001)
}

/// The public key a hub signs franks with (draft-ietf-mimi-protocol-06 §5.4), as a room carries it: the data of
/// the `hub_franking_key` component of the GroupContext's `app_data_dictionary`, set by the room's creator from
/// its own provider's key (the `publishKeyPackages` response), checked by the hub when it creates the room, and
/// never changed afterwards (no component logic accepts an AppDataUpdate for it). Members verify every fanned-out
/// frank against it; joiners get it with the GroupContext.
public struct HubFrankingKey: Hashable, Sendable, WireCodable {
    /// The cipher suite whose signature algorithm the hub signs with.
    public var cipherSuite: CipherSuiteID
    /// The hub's signature public key.
    public var signatureKey: [UInt8]

    /// A key.
    public init(cipherSuite: CipherSuiteID, signatureKey: [UInt8]) {
        self.cipherSuite = cipherSuite
        self.signatureKey = signatureKey
    }

    /// Writes the suite and `opaque signature_key<V>`.
    public func encode(to writer: inout WireWriter) {
        cipherSuite.encode(to: &writer)
        writer.writeOpaque(signatureKey)
    }

    /// Reads the suite and the key.
    public init(from reader: inout WireReader) throws(CodecError) {
        cipherSuite = try CipherSuiteID(from: &reader)
        signatureKey = try reader.readOpaque()
    }

    /// Checks a fanned-out frank: the suite is this key's, and the signature over room, franking tag, server frank
    /// and the fan-out's timestamp verifies. Throws `crypto` otherwise.
    public func verify(_ frank: Frank, room: IdentifierURI, frankingTag: [UInt8], timestamp: UInt64, crypto: CryptoContext) throws(MIMIError) {
        var parsed: SignaturePublicKey?
        try verify(frank, room: room, frankingTag: frankingTag, timestamp: timestamp, crypto: crypto, parsed: &parsed)
    }

    /// `verify`, for a caller that keeps the parsed key: `parsed` is used when set, else parsed from `signatureKey` and set.
    func verify(_ frank: Frank, room: IdentifierURI, frankingTag: [UInt8], timestamp: UInt64, crypto: CryptoContext,
                parsed: inout SignaturePublicKey?) throws(MIMIError) {
        guard frank.frankingSignatureCipherSuite == cipherSuite else {
            throw MIMIError(.crypto, "the frank names cipher suite \(frank.frankingSignatureCipherSuite), the hub's key is for \(cipherSuite)")
        }
        let key: SignaturePublicKey
        if let parsed { key = parsed } else {
            do { key = try crypto.signaturePublicKey(signatureKey) } catch { throw MIMIError(.crypto, "the frank does not verify", underlying: error) }
            parsed = key
        }
        try Franking.verify(frank, room: room, frankingTag: frankingTag, timestamp: timestamp, hubKey: key, crypto: crypto)
    }
}
