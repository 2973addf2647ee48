/// Results of work that the contexts sharing a `ResultCache` repeat on one shared object (simulated members that
/// received the same decoded message): kept with that object, so a later member finds a result by its kind with no
/// hashing, then compares the rest of its inputs (`CryptoContext.shared(_:in:where:compute:)`).
///
/// Like the result cache, only computed values are kept (never failures), each with the calls its computation
/// counted; the first value of a kind is kept. Members handled on several threads at once share it (locked).
public final class SharedMemo: @unchecked Sendable {
    private let lock = CryptoLock()
    /// (kind, the value's `SharedValue` class, value, calls counted), in the order they were stored.
    private var entries: [(kind: String, type: ObjectIdentifier, value: AnyObject, calls: CallCounts)] = []

    /// An empty memo.
    public init() {}

    /// The value of `kind` (an object of class `type`) that `accepts`, with the calls computing it counted.
    @usableFromInline
    func find(_ kind: String, _ type: ObjectIdentifier, where accepts: (AnyObject) -> Bool) -> (value: AnyObject, calls: CallCounts)? {
        lock.lock(); defer { lock.unlock() }
        // Entries are read in place (copying one would retain its kind, value and calls).
        for i in entries.indices where entries[i].type == type && entries[i].kind == kind {
            return accepts(entries[i].value) ? (entries[i].value, entries[i].calls) : nil
        }
        return nil
    }

    /// Keeps `value` of `kind` (an object of class `type`) unless a value of that kind is kept already.
    @usableFromInline
    func insert(_ value: AnyObject, calls: CallCounts, kind: String, _ type: ObjectIdentifier) {
        lock.lock(); defer { lock.unlock() }
        guard !entries.contains(where: { $0.type == type && $0.kind == kind }) else { return }
        entries.append((kind, type, value, calls))
    }
}

extension CryptoContext {
    /// `compute()`'s value, computed once among the contexts that share this context's `resultCache` and reach the
    /// same `memo`: the value of `kind` kept there that `accepts` (the caller compares every input the memo's owner
    /// does not fix) is returned instead, and this context counts the calls its computation counted, as if it had run
    /// it. Without a cache or a memo, runs `compute`. `compute` must be a pure function of the memo's owner and the
    /// inputs `accepts` covers, and must not enter another role or job; failures are not kept.
    @inlinable
    package func shared<T, E: Error>(_ kind: String, in memo: SharedMemo?, where accepts: (T) -> Bool,
                                     compute: () throws(E) -> T) throws(E) -> T {
        guard resultCache != nil, let memo else { return try compute() }
        let type = ObjectIdentifier(SharedValue<T>.self)
        return try sharedValue(find: { memo.find(kind, type, where: $0) }, keep: { value, calls, _ in memo.insert(value, calls: calls, kind: kind, type) },
                               where: accepts, compute: compute)
    }
}
