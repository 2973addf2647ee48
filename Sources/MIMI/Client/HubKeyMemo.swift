import MLS
import MLSCrypto

/// A room's hub franking key as a client last read it, with the `app_data_dictionary` bytes it was read from
/// and its parsed public key. Every delivery checks its frank against the key; the dictionary (with the whole
/// participant list) changes only at a commit, so the key is read again only when the group's dictionary
/// bytes are not those remembered.
struct HubKeyMemo {
    private var dictionary: [UInt8] = []
    private var key: HubFrankingKey?
    private var parsed: SignaturePublicKey?

    /// `RoomExtensions.hubFrankingKey(in: extensions)` (same result, same errors), read again only when the
    /// dictionary changed (the same bytes compare equal at once: they are usually the same array storage).
    mutating func key(in extensions: ExtensionList) throws(MIMIError) -> HubFrankingKey {
        let data = extensions[.appDataDictionary]?.extensionData
        if let key, let data, data == dictionary { return key }
        let read = try RoomExtensions.hubFrankingKey(in: extensions)
        dictionary = data ?? []
        key = read
        parsed = nil
        return read
    }

    /// `key.verify(...)` for the key `key(in:)` returned, parsing its public key only the first time.
    mutating func verify(_ frank: Frank, with key: HubFrankingKey, room: IdentifierURI, frankingTag: [UInt8], timestamp: UInt64,
                         crypto: CryptoContext) throws(MIMIError) {
        if key != self.key { parsed = nil }
        try key.verify(frank, room: room, frankingTag: frankingTag, timestamp: timestamp, crypto: crypto, parsed: &parsed)
    }
}
