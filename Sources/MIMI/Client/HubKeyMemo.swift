import MLS
import MLSCrypto

/// A room's hub franking key as a client last read it, with the epoch it was read in, the `app_data_dictionary`
/// bytes it was read from and its parsed public key. Every delivery checks its frank against the key; the
/// group context (with the dictionary) changes only with the epoch, so within an epoch the key is not looked
/// up again, and at a new epoch it is read again only when the dictionary bytes are not those remembered.
struct HubKeyMemo {
    private var epoch: UInt64?
    private var dictionary: [UInt8] = []
    private var key: HubFrankingKey?
    private var parsed: SignaturePublicKey?

    /// The key `key(in:epoch:)` returned in `epoch`, if it was asked in that epoch.
    func key(of epoch: UInt64) -> HubFrankingKey? { epoch == self.epoch ? key : nil }

    /// `RoomExtensions.hubFrankingKey(in: extensions)` (same result, same errors) for the group's `extensions` in
    /// `epoch`, read again only when the dictionary changed (the same bytes compare equal at once: they are
    /// usually the same array storage).
    mutating func key(in extensions: ExtensionList, epoch: UInt64) throws(MIMIError) -> HubFrankingKey {
        let data = extensions[.appDataDictionary]?.extensionData
        if let key, let data, data == dictionary {
            self.epoch = epoch
            return key
        }
        self.epoch = nil
        let read = try RoomExtensions.hubFrankingKey(in: extensions)
        dictionary = data ?? []
        key = read
        parsed = nil
        self.epoch = epoch
        return read
    }

    /// `key.verify(...)` for the key `key(in:epoch:)` returned, parsing its public key only the first time.
    mutating func verify(_ frank: Frank, with key: HubFrankingKey, room: IdentifierURI, frankingTag: [UInt8], timestamp: UInt64,
                         crypto: CryptoContext) throws(MIMIError) {
        if key != self.key { parsed = nil }
        try key.verify(frank, room: room, frankingTag: frankingTag, timestamp: timestamp, crypto: crypto, parsed: &parsed)
    }
}
