import Foundation

/// The pushes of one client not yet acknowledged, numbered from 1; a poll acknowledges everything up to its
/// `after` and gets the rest (waiting for one when there is none), so a lost poll answer loses nothing.
final class ClientMailbox: @unchecked Sendable {
    private var items: [(target: String, body: [UInt8])] = []
    /// The sequence number of `items[0]`.
    private var base: UInt64 = 1
    private var waiter: CheckedContinuation<Void, Never>?
    /// The waiting poll's timeout (cancelled when the poll ends earlier).
    private var timer: Task<Void, Never>?
    private let lock = NSLock()

    /// Queues a push and wakes a waiting poll.
    func put(target: String, body: [UInt8]) {
        lock.lock()
        items.append((target, body))
        lock.unlock()
        wake()
    }

    /// Pushes not yet acknowledged.
    var unacknowledged: Int { lock.lock(); defer { lock.unlock() }; return items.count }

    /// Acknowledges pushes up to `after` and returns the rest, waiting up to `timeout` nanoseconds for one.
    func take(after: UInt64, timeout: Int64) async -> (first: UInt64, pushes: [(target: String, body: [UInt8])]) {
        if let got = take(after: after) { return got }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            lock.lock()
            if !items.isEmpty || waiter != nil {
                lock.unlock()
                c.resume()
                return
            }
            waiter = c
            timer = Task { [weak self] in
                try? await Task.sleep(for: .nanoseconds(timeout))
                if !Task.isCancelled { self?.wake() }
            }
            lock.unlock()
        }
        return take(after: after) ?? (base, [])
    }

    /// Ends a waiting poll (a push arrived, the timeout passed, or shutdown).
    func wake() {
        lock.lock()
        let w = waiter
        waiter = nil
        timer?.cancel()
        timer = nil
        lock.unlock()
        w?.resume()
    }

    private func take(after: UInt64) -> (first: UInt64, pushes: [(target: String, body: [UInt8])])? {
        lock.lock()
        defer { lock.unlock() }
        if after >= base {
            let drop = Int(min(UInt64(items.count), after - base + 1))
            items.removeFirst(drop)
            base += UInt64(drop)
        }
        guard !items.isEmpty else { return nil }
        return (base, items)
    }
}
