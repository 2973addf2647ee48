import Foundation
import MIMI
import MLS

/// The body of a long-poll answer on our client API: `uint64 first` (the sequence number of the first push),
/// then the pushes one after another, each `opaque room<V>` (the push's target) then `opaque body<V>` (the
/// provider's push body: `uint64 generation`, one `FanoutMessage`). The next poll's `after` acknowledges them.
enum PushBatch {
    /// Encodes pushes numbered from `first`.
    static func encode(first: UInt64, _ pushes: [(target: String, body: [UInt8])]) -> [UInt8] {
        var w = WireWriter()
        w.writeUInt64(first)
        for p in pushes {
            w.writeOpaque(Array(p.target.utf8))
            w.writeOpaque(p.body)
        }
        return w.bytes
    }

    /// Decodes a batch; a malformed one is a typed error.
    static func decode(_ bytes: [UInt8]) throws -> (first: UInt64, pushes: [(target: String, body: [UInt8])]) {
        var r = WireReader(bytes)
        let first = try r.readUInt64()
        var out: [(String, [UInt8])] = []
        while !r.isAtEnd {
            let target = try r.readOpaque()
            let body = try r.readOpaque()
            guard let room = String(validating: target, as: UTF8.self) else { throw LiveError(.transport, "push target is not UTF-8") }
            out.append((room, body))
        }
        return (first, out)
    }
}

/// The pushes of one client not yet acknowledged, numbered from 1; a poll acknowledges everything up to its
/// `after` and gets the rest (waiting for one when there is none), so a lost poll answer loses nothing.
final class ClientMailbox: @unchecked Sendable {
    private var items: [(target: String, body: [UInt8])] = []
    /// The sequence number of `items[0]`.
    private var base: UInt64 = 1
    private var waiter: CheckedContinuation<Void, Never>?
    private let lock = NSLock()

    /// Queues a push and wakes a waiting poll.
    func put(target: String, body: [UInt8]) {
        lock.lock()
        items.append((target, body))
        let w = waiter
        waiter = nil
        lock.unlock()
        w?.resume()
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
            lock.unlock()
            Task {
                try? await Task.sleep(for: .nanoseconds(timeout))
                self.wake()
            }
        }
        return take(after: after) ?? (base, [])
    }

    /// Ends a waiting poll (timeout or shutdown).
    func wake() {
        lock.lock()
        let w = waiter
        waiter = nil
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
