import Foundation
import MIMI

/// Something a live node reported, with the run-clock time it happened at.
enum LiveRecord: Sendable {
    /// A provider's event.
    case provider(ProviderEvent, at: Int64)
    /// A client's event.
    case client(ClientEvent, client: IdentifierURI, at: Int64)
    /// A transmit sent on the wire (for bytes per message type and per link).
    case transmitted(Transmit, at: Int64)
    /// A transport problem (becomes a driver error).
    case error(String)
}

/// The one ordered stream of everything the nodes report; the run consumes it serially. Yielding never blocks
/// and takes only this sink's own lock (a leaf), so nodes may report while holding theirs.
final class LiveEventSink: @unchecked Sendable {
    let records: AsyncStream<LiveRecord>
    private let continuation: AsyncStream<LiveRecord>.Continuation
    private let lock = NSLock()
    private var pending = 0

    init() {
        (records, continuation) = AsyncStream.makeStream(of: LiveRecord.self, bufferingPolicy: .unbounded)
    }

    /// Appends a record.
    func yield(_ record: LiveRecord) {
        lock.lock()
        pending += 1
        continuation.yield(record)
        lock.unlock()
    }

    /// Marks one record as consumed.
    func consumed() {
        lock.lock()
        pending -= 1
        lock.unlock()
    }

    /// Records yielded and not yet consumed.
    var backlog: Int {
        lock.lock()
        defer { lock.unlock() }
        return pending
    }

    /// Ends the stream (after the run).
    func finish() { continuation.finish() }
}

/// A thread-safe count of operations in flight (HTTP exchanges not yet fed back to their node).
final class InFlightCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// One more in flight.
    func increment() { lock.lock(); value += 1; lock.unlock() }
    /// One fewer in flight.
    func decrement() { lock.lock(); value -= 1; lock.unlock() }
    /// How many are in flight.
    var count: Int { lock.lock(); defer { lock.unlock() }; return value }
}
