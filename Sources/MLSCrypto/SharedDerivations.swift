/// Tables of secrets derived from one secret (for example an epoch's secret tree), shared by the contexts of many
/// simulated members: in a simulation every member of a group derives the same keys from the same epoch secret,
/// so with a shared table only the first member runs the KDF for each secret.
///
/// A reader of a table counts every derivation it would have made (`CryptoContext.count(_:times:)`), so
/// `calibrated` runs charge each member its full virtual cost; only wall time is saved. Like the verification
/// cache, do not use it with `measured` crypto time, whose CPU figures would then omit the skipped work.
/// A table is found by its kind and the exact bytes of the secret it derives from; the registry keeps the
/// `capacity` most recently created tables (members holding an older one keep it alive). Members handled on
/// several threads at once share it: each lookup takes a lock, and so must each table's own reads and writes.
public final class SharedDerivations {
    struct Key: Hashable {
        let kind: String
        let secret: [UInt8]
    }

    private let lock = CryptoLock()
    private var tables: [Key: AnyObject] = [:]
    /// Keys in creation order; `tables` holds the last `capacity` of them.
    private var created: [Key] = []
    private var oldest = 0
    /// How many tables the registry keeps.
    public let capacity: Int

    /// An empty registry keeping at most `capacity` tables.
    public init(capacity: Int = 64) {
        self.capacity = max(1, capacity)
    }

    /// How many tables the registry holds now.
    public var count: Int { lock.withLock { tables.count } }

    /// The table of `kind` derived from `secret`, made by `make` when there is none yet.
    package func table<T: AnyObject>(_ kind: String, for secret: [UInt8], make: () -> T) -> T {
        let key = Key(kind: kind, secret: secret)
        lock.lock(); defer { lock.unlock() }
        if let existing = tables[key] as? T { return existing }
        let table = make()
        tables[key] = table
        created.append(key)
        if created.count - oldest > capacity {
            tables[created[oldest]] = nil
            oldest += 1
            if oldest > capacity { created.removeFirst(oldest); oldest = 0 }
        }
        return table
    }
}
