/// A locked dictionary that is emptied when it would hold more than `capacity` entries or `byteCapacity` bytes:
/// the store behind the caches that simulated members share (`VerificationCache`, `ResultCache`), safe to use
/// from several threads at once.
final class BoundedStore<Key: Hashable, Value> {
    private let lock = CryptoLock()
    private var entries: [Key: Value] = [:]
    private var storedBytes = 0
    private var hitCount: UInt64 = 0
    /// The store is emptied when it holds this many entries.
    let capacity: Int
    /// The store is emptied when its values' sizes add up to more than this.
    let byteCapacity: Int
    /// The size a value counts for against `byteCapacity`.
    private let size: (Value) -> Int

    /// An empty store of at most `capacity` entries and `byteCapacity` bytes, each value counting `size(value)`.
    init(capacity: Int, byteCapacity: Int, size: @escaping (Value) -> Int) {
        self.capacity = capacity
        self.byteCapacity = byteCapacity
        self.size = size
    }

    /// Lookups answered (`find` calls that returned a value).
    var hits: UInt64 { lock.withLock { hitCount } }

    /// The value stored under `key` when `accepts` it (a hit), or nil.
    func find(_ key: Key, where accepts: (Value) -> Bool) -> Value? {
        lock.lock(); defer { lock.unlock() }
        guard let value = entries[key], accepts(value) else { return nil }
        hitCount += 1
        return value
    }

    /// Stores `value` under `key` (replacing any value there), first emptying the store when it is full.
    func insert(_ value: Value, for key: Key) {
        lock.lock(); defer { lock.unlock() }
        let bytes = size(value)
        if entries.count >= capacity || storedBytes + bytes > byteCapacity {
            entries.removeAll(keepingCapacity: true)
            storedBytes = 0
        }
        if let old = entries.updateValue(value, forKey: key) { storedBytes -= size(old) }
        storedBytes += bytes
    }
}

/// A store key made of a tag and two byte strings (each hashed as one buffer): (scheme, public key, signature) for
/// verifications, (operation, key, nonce) for results.
struct TaggedBytesKey<Tag: Hashable>: Hashable {
    let tag: Tag
    let first: [UInt8]
    let second: [UInt8]

    func hash(into hasher: inout Hasher) {
        hasher.combine(tag)
        first.withUnsafeBytes { hasher.combine(bytes: $0) }
        second.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    /// The same tag and the same bytes (compared with `memcmp`, not element by element).
    static func == (a: Self, b: Self) -> Bool {
        a.tag == b.tag && sameBytes(a.first, b.first) && sameBytes(a.second, b.second)
    }
}
