import Glibc

/// Signature verifications already done in this process, shared by the contexts of many simulated members.
///
/// In a simulation every recipient of a message verifies the same signature over the same bytes; with a
/// cache only the first one runs OpenSSL. The meter still counts every `verify` (so `calibrated` runs charge
/// each member its full virtual cost); only wall time is saved. Do not use it with `measured` crypto time,
/// whose CPU figures would then omit the skipped work. Only successful verifications are remembered.
/// Members handled on several threads at once share it: each lookup and insertion takes a lock.
///
/// An entry is found by (scheme, public key, signature) and answers only when the message is byte for byte
/// the one verified: a comparison, where a digest key would hash (and first copy) the whole message on every
/// lookup. Signed contents in a big group are large (a FramedContentTBS carries the GroupContext, with the
/// room's participant list), and each is looked up once per member.
public final class VerificationCache {
    struct Key: Hashable {
        let scheme: UInt16
        let publicKey: [UInt8]
        let signature: [UInt8]

        func hash(into hasher: inout Hasher) {
            hasher.combine(scheme)
            publicKey.withUnsafeBytes { hasher.combine(bytes: $0) }
            signature.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    private let lock = CryptoLock()
    private var verified: [Key: [UInt8]] = [:]
    private var storedBytes = 0
    /// The cache is emptied when it holds this many entries.
    public let capacity: Int
    /// The cache is emptied when the messages it holds add up to more than this many bytes.
    public let byteCapacity: Int
    /// Verifications answered from the cache.
    public var hits: UInt64 { lock.withLock { hitCount } }
    private var hitCount: UInt64 = 0

    /// An empty cache holding at most `capacity` verifications and `byteCapacity` bytes of signed messages.
    public init(capacity: Int = 1 << 20, byteCapacity: Int = 64 << 20) {
        self.capacity = capacity
        self.byteCapacity = byteCapacity
    }

    /// Whether `signature` by `key` over exactly `message` was verified before.
    func contains(_ key: SignaturePublicKey, _ signature: [UInt8], _ message: [UInt8]) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard let stored = verified[Key(scheme: key.scheme.rawValue, publicKey: key.bytes, signature: signature)],
              Self.equal(stored, message) else { return false }
        hitCount += 1
        return true
    }

    /// Whether `signature` by `key` over exactly the concatenation of `pieces` was verified before.
    func contains(_ key: SignaturePublicKey, _ signature: [UInt8], pieces: [[UInt8]]) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard let stored = verified[Key(scheme: key.scheme.rawValue, publicKey: key.bytes, signature: signature)],
              stored.count == pieces.reduce(0, { $0 + $1.count }) else { return false }
        let same = stored.withUnsafeBytes { s -> Bool in
            var offset = 0
            for piece in pieces {
                let equal = piece.withUnsafeBytes { p in p.isEmpty || memcmp(s.baseAddress! + offset, p.baseAddress!, p.count) == 0 }
                guard equal else { return false }
                offset += piece.count
            }
            return true
        }
        if same { hitCount += 1 }
        return same
    }

    /// Remembers a successful verification.
    func insert(_ key: SignaturePublicKey, _ signature: [UInt8], _ message: [UInt8]) {
        lock.lock(); defer { lock.unlock() }
        if verified.count >= capacity || storedBytes + message.count > byteCapacity {
            verified.removeAll(keepingCapacity: true)
            storedBytes = 0
        }
        let k = Key(scheme: key.scheme.rawValue, publicKey: key.bytes, signature: signature)
        if let old = verified.updateValue(message, forKey: k) { storedBytes -= old.count }
        storedBytes += message.count
    }

    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { pa in b.withUnsafeBytes { pb in
            a.isEmpty || memcmp(pa.baseAddress!, pb.baseAddress!, a.count) == 0
        } }
    }
}
