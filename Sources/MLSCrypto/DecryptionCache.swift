import Glibc

/// AEAD decryptions already done in this process, shared by the contexts of many simulated members.
///
/// In a simulation every recipient of a PrivateMessage opens the same ciphertext with the same key, nonce and
/// associated data (each derived on its own); with a cache only the first one runs the cipher. The meter still
/// counts every `aead.open` (so `calibrated` runs charge each member its full virtual cost); only wall time is
/// saved. Do not use it with `measured` crypto time. Only successful decryptions are remembered, and an entry
/// answers only when key, nonce, associated data and ciphertext are byte for byte those it opened: a tampered
/// copy is opened (and rejected) by the cipher. Members handled on several threads at once share it: each lookup
/// and insertion takes a lock.
public final class DecryptionCache {
    struct Key: Hashable {
        let key: [UInt8]
        let nonce: [UInt8]

        func hash(into hasher: inout Hasher) {
            key.withUnsafeBytes { hasher.combine(bytes: $0) }
            nonce.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    struct Opened {
        let aad: [UInt8]
        let ciphertext: [UInt8]
        let plaintext: [UInt8]
    }

    private let lock = CryptoLock()
    private var opened: [Key: Opened] = [:]
    private var storedBytes = 0
    /// The cache is emptied when it holds this many entries.
    public let capacity: Int
    /// The cache is emptied when the ciphertexts and plaintexts it holds add up to more than this many bytes.
    public let byteCapacity: Int
    /// Decryptions answered from the cache.
    public var hits: UInt64 { lock.withLock { hitCount } }
    private var hitCount: UInt64 = 0

    /// An empty cache holding at most `capacity` decryptions and `byteCapacity` bytes.
    public init(capacity: Int = 1 << 16, byteCapacity: Int = 32 << 20) {
        self.capacity = capacity
        self.byteCapacity = byteCapacity
    }

    /// The plaintext of `ciphertext` opened before under exactly this key, nonce and associated data, or nil.
    func plaintext(key: [UInt8], nonce: [UInt8], aad: [UInt8], ciphertext: [UInt8]) -> [UInt8]? {
        lock.lock(); defer { lock.unlock() }
        guard let entry = opened[Key(key: key, nonce: nonce)], Self.same(entry.aad, aad), Self.same(entry.ciphertext, ciphertext) else {
            return nil
        }
        hitCount += 1
        return entry.plaintext
    }

    /// Remembers a successful decryption.
    func insert(key: [UInt8], nonce: [UInt8], aad: [UInt8], ciphertext: [UInt8], plaintext: [UInt8]) {
        lock.lock(); defer { lock.unlock() }
        let size = aad.count + ciphertext.count + plaintext.count
        if opened.count >= capacity || storedBytes + size > byteCapacity {
            opened.removeAll(keepingCapacity: true)
            storedBytes = 0
        }
        let old = opened.updateValue(Opened(aad: aad, ciphertext: ciphertext, plaintext: plaintext), forKey: Key(key: key, nonce: nonce))
        if let old { storedBytes -= old.aad.count + old.ciphertext.count + old.plaintext.count }
        storedBytes += size
    }

    /// Whether two byte strings are equal (bytes at the same address without a comparison).
    static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { pa in b.withUnsafeBytes { pb in
            pa.baseAddress == pb.baseAddress || pa.count == 0 || memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0
        } }
    }
}
