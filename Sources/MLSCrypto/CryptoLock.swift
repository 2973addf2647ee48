import Glibc

/// A mutual-exclusion lock (a pthread mutex at a stable address) for the few structures simulated members
/// share across threads: meter registration and job counts, the parsed-key memo, the verification cache, shared
/// derivation tables (also MLS's secret trees, hence `package`).
package final class CryptoLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    /// An unlocked lock.
    package init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Waits for and takes the lock.
    @inline(__always) package func lock() { pthread_mutex_lock(mutex) }
    /// Releases the lock.
    @inline(__always) package func unlock() { pthread_mutex_unlock(mutex) }

    /// `body` with the lock held.
    @inline(__always) package func withLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock(); defer { unlock() }
        return try body()
    }
}
