import Glibc

/// Signature verifications already done in this process, shared by the contexts of many simulated members.
///
/// In a simulation every recipient of a message verifies the same signature over the same bytes; with a
/// cache only the first one runs OpenSSL. The meter still counts every `verify` (so `calibrated` runs charge
/// each member its full virtual cost); only wall time is saved. Do not use it with `measured` crypto time,
/// whose CPU figures would then omit the skipped work. Only successful verifications are remembered.
/// Members handled on several threads at once share it (a locked `BoundedStore`).
///
/// An entry is found by (scheme, public key, signature) and answers only when the message is byte for byte
/// the one verified: a comparison, where a digest key would hash (and first copy) the whole message on every
/// lookup. Signed contents in a big group are large (a FramedContentTBS carries the GroupContext, with the
/// room's participant list), and each is looked up once per member.
public final class VerificationCache {
    /// What an entry is found by: (scheme, public key, signature).
    typealias Key = TaggedBytesKey<UInt16>

    /// The message of each verification, as the pieces it was verified in (their concatenation is the message).
    private let verified: BoundedStore<Key, [[UInt8]]>
    /// The cache is emptied when it holds this many entries.
    public var capacity: Int { verified.capacity }
    /// The cache is emptied when the messages it holds add up to more than this many bytes.
    public var byteCapacity: Int { verified.byteCapacity }
    /// Verifications answered from the cache.
    public var hits: UInt64 { verified.hits }

    /// An empty cache holding at most `capacity` verifications and `byteCapacity` bytes of signed messages.
    public init(capacity: Int = 1 << 20, byteCapacity: Int = 64 << 20) {
        verified = BoundedStore(capacity: capacity, byteCapacity: byteCapacity, size: Self.total)
    }

    /// Whether `signature` by `key` over exactly `message` was verified before.
    func contains(_ key: SignaturePublicKey, _ signature: [UInt8], _ message: [UInt8]) -> Bool {
        contains(key, signature, pieces: [message])
    }

    /// Whether `signature` by `key` over exactly the concatenation of `pieces` was verified before.
    func contains(_ key: SignaturePublicKey, _ signature: [UInt8], pieces: [[UInt8]]) -> Bool {
        verified.find(Key(tag: key.scheme.rawValue, first: key.bytes, second: signature)) { stored in
            Self.total(stored) == Self.total(pieces) && Self.equal(stored, pieces)
        } != nil
    }

    /// Remembers a successful verification of `message`.
    func insert(_ key: SignaturePublicKey, _ signature: [UInt8], _ message: [UInt8]) {
        insert(key, signature, pieces: [message])
    }

    /// Remembers a successful verification of the concatenation of `pieces` (kept as they are: a piece that is
    /// a member's own array, such as a GroupContext extension body, is then shared, not copied).
    func insert(_ key: SignaturePublicKey, _ signature: [UInt8], pieces: [[UInt8]]) {
        verified.insert(pieces, for: Key(tag: key.scheme.rawValue, first: key.bytes, second: signature))
    }

    /// The length of the concatenation of `pieces`.
    static func total(_ pieces: [[UInt8]]) -> Int { pieces.reduce(0) { $0 + $1.count } }

    /// Whether the concatenations of `a` and `b` (of equal total length) are equal. Bytes at the same address in
    /// both (a piece that is the same array storage, such as a GroupContext extension body the members of a room
    /// share) are equal without a comparison: the cache holds the remembered array, so its storage can be neither
    /// freed nor changed while the entry exists.
    static func equal(_ a: [[UInt8]], _ b: [[UInt8]]) -> Bool {
        var (i, j, offsetA, offsetB) = (0, 0, 0, 0)
        while true {
            while i < a.count, offsetA == a[i].count { (i, offsetA) = (i + 1, 0) }
            while j < b.count, offsetB == b[j].count { (j, offsetB) = (j + 1, 0) }
            guard i < a.count, j < b.count else { return i == a.count && j == b.count }
            let n = min(a[i].count - offsetA, b[j].count - offsetB)
            let same = a[i].withUnsafeBytes { pa in b[j].withUnsafeBytes { pb in
                let (x, y) = (pa.baseAddress! + offsetA, pb.baseAddress! + offsetB)
                return x == y || memcmp(x, y, n) == 0
            } }
            guard same else { return false }
            offsetA += n
            offsetB += n
        }
    }
}
