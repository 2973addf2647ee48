/// Results of deterministic work already done in this process, shared by the contexts of many simulated members:
/// single primitive calls (AEAD decryptions, MACs) and larger pure computations over byte-identical inputs (opening
/// and verifying a PrivateMessage, validating a ratchet tree; see `CryptoContext.shared`).
///
/// In a simulation every recipient of a message opens the same ciphertext with the same key, nonce and associated
/// data (each derived on its own), checks the same MAC and verifies the same signature; with a cache only the first
/// one does the work. The meter still counts every call each member would have made (so `calibrated` runs charge
/// each member its full virtual cost); only wall time is saved. Do not use it with `measured` crypto time. Only
/// successes are remembered, and an entry answers only when every input is byte for byte the one it was computed
/// from: a tampered copy goes to the real computation (and fails). Members handled on several threads at once
/// share it (a locked `BoundedStore`).
public final class ResultCache {
    /// What an entry is found by: the kind of work and the type of its value, and two of its inputs (for a primitive:
    /// its key and nonce).
    typealias Key = TaggedBytesKey<Kind>

    /// The kind of work, the cipher suite it was done with, and the type of its value (so a value is always read
    /// back as the type it was stored as).
    struct Kind: Hashable {
        let name: String
        let suite: UInt16
        let type: ObjectIdentifier

        /// Hashes the suite and type only (kinds rarely share a value type; `==` still compares the name), so a
        /// lookup does not hash the name's characters.
        func hash(into hasher: inout Hasher) {
            hasher.combine(suite)
            hasher.combine(type)
        }
    }

    /// A stored result (a `SharedValue`), the calls computing it counted, and what it counts for against the byte budget.
    struct Entry {
        let value: AnyObject
        let calls: CallCounts
        let size: Int
    }

    /// The inputs (compared on lookup) and result of a primitive call.
    final class PrimitiveResult {
        let inputs: [[UInt8]]
        let result: [UInt8]
        init(inputs: [[UInt8]], result: [UInt8]) { self.inputs = inputs; self.result = result }
    }

    private let store: BoundedStore<Key, Entry>
    /// The cache is emptied when it holds this many results.
    public var capacity: Int { store.capacity }
    /// The cache is emptied when the inputs and results it holds add up to more than this many bytes.
    public var byteCapacity: Int { store.byteCapacity }
    /// Lookups answered from the cache.
    public var hits: UInt64 { store.hits }

    /// An empty cache holding at most `capacity` results and `byteCapacity` bytes.
    public init(capacity: Int = 1 << 16, byteCapacity: Int = 64 << 20) {
        store = BoundedStore(capacity: capacity, byteCapacity: byteCapacity, size: \.size)
    }

    /// The value of `kind` with `suite` (an object of class `type`) stored under `first` and `second` that `accepts`
    /// (its other inputs are the caller's), with the calls computing it counted.
    @usableFromInline
    func find(_ kind: String, suite: UInt16, _ type: ObjectIdentifier, _ first: [UInt8], _ second: [UInt8],
              where accepts: (AnyObject) -> Bool) -> (value: AnyObject, calls: CallCounts)? {
        store.find(Key(tag: Kind(name: kind, suite: suite, type: type), first: first, second: second)) { accepts($0.value) }
            .map { ($0.value, $0.calls) }
    }

    /// Stores `value` of `kind` with `suite` (an object of class `type`) under `first` and `second`, with the calls
    /// computing it counted and its size in bytes.
    @usableFromInline
    func insert(_ value: AnyObject, calls: CallCounts, size: Int, kind: String, suite: UInt16, _ type: ObjectIdentifier,
                _ first: [UInt8], _ second: [UInt8]) {
        store.insert(Entry(value: value, calls: calls, size: size + first.count + second.count),
                     for: Key(tag: Kind(name: kind, suite: suite, type: type), first: first, second: second))
    }

    /// `compute()`'s result, from the cache when the primitive `kind` of `suite` with this key, nonce and `inputs`
    /// succeeded before (the caller counts the call itself).
    func result<E: Error>(_ kind: String, suite: UInt16, key: [UInt8], nonce: [UInt8] = [], inputs: [[UInt8]],
                          compute: () throws(E) -> [UInt8]) throws(E) -> [UInt8] {
        let type = ObjectIdentifier(PrimitiveResult.self)
        if let known = find(kind, suite: suite, type, key, nonce, where: {
            let stored = unsafeDowncast($0, to: PrimitiveResult.self)
            return stored.inputs.count == inputs.count && zip(stored.inputs, inputs).allSatisfy { sameBytes($0, $1) }
        }) { return unsafeDowncast(known.value, to: PrimitiveResult.self).result }
        let result = try compute()
        insert(PrimitiveResult(inputs: inputs, result: result), calls: CallCounts(), size: inputs.reduce(result.count) { $0 + $1.count },
               kind: kind, suite: suite, type, key, nonce)
        return result
    }
}

/// A value `CryptoContext.shared` keeps in a `ResultCache`.
@usableFromInline
final class SharedValue<T> {
    @usableFromInline let value: T
    @usableFromInline init(_ value: T) { self.value = value }
}
