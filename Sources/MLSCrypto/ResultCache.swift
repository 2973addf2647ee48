import Glibc

/// Results of deterministic crypto calls (AEAD decryptions, MACs) already made in this process, shared by the
/// contexts of many simulated members.
///
/// In a simulation every recipient of a message opens the same ciphertext with the same key, nonce and associated
/// data (each derived on its own), and checks the same MAC; with a cache only the first one runs the primitive.
/// The meter still counts every call (so `calibrated` runs charge each member its full virtual cost); only wall
/// time is saved. Do not use it with `measured` crypto time. Only successes are remembered, and an entry answers
/// only when every input is byte for byte the one it was computed from: a tampered copy goes to the primitive (and
/// fails). Members handled on several threads at once share it (a locked `BoundedStore`).
public final class ResultCache {
    /// The call a result comes from.
    enum Operation: UInt8 {
        case aeadOpen, mac
    }

    /// What an entry is found by: the operation, its key and nonce (empty for a MAC).
    typealias Key = TaggedBytesKey<Operation>

    /// The rest of a call's inputs (compared on lookup) and its result.
    struct Entry {
        let inputs: ([UInt8], [UInt8])
        let result: [UInt8]
        var size: Int { inputs.0.count + inputs.1.count + result.count }
    }

    private let store: BoundedStore<Key, Entry>
    /// The cache is emptied when it holds this many results.
    public var capacity: Int { store.capacity }
    /// The cache is emptied when the inputs and results it holds add up to more than this many bytes.
    public var byteCapacity: Int { store.byteCapacity }
    /// Calls answered from the cache.
    public var hits: UInt64 { store.hits }

    /// An empty cache holding at most `capacity` results and `byteCapacity` bytes.
    public init(capacity: Int = 1 << 16, byteCapacity: Int = 32 << 20) {
        store = BoundedStore(capacity: capacity, byteCapacity: byteCapacity, size: \.size)
    }

    /// `compute()`'s result, from the cache when `operation` with this key, nonce and `inputs` succeeded before.
    func result<E: Error>(_ operation: Operation, key: [UInt8], nonce: [UInt8] = [], inputs: ([UInt8], [UInt8]),
                          compute: () throws(E) -> [UInt8]) throws(E) -> [UInt8] {
        let k = Key(tag: operation, first: key, second: nonce)
        if let known = store.find(k, where: { Self.same($0.inputs.0, inputs.0) && Self.same($0.inputs.1, inputs.1) }) { return known.result }
        let result = try compute()
        store.insert(Entry(inputs: inputs, result: result), for: k)
        return result
    }

    /// Whether two byte strings are equal (bytes at the same address without a comparison).
    static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { pa in b.withUnsafeBytes { pb in
            pa.baseAddress == pb.baseAddress || pa.count == 0 || memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0
        } }
    }
}
