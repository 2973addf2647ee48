/// One pending event as stored in the queue: ordered by `time`, then by insertion `sequence`.
public struct QueuedEvent: Sendable {
    /// When the event happens, in nanoseconds.
    public var time: Int64
    /// Insertion number; breaks ties between events at the same time deterministically.
    public var sequence: UInt64
    /// The event's kind number.
    public var kind: UInt32
    /// The event's actor number.
    public var actor: UInt32
    /// Kind-specific data.
    public var payload: UInt64

    /// Creates a queue entry.
    @inlinable public init(time: Int64, sequence: UInt64, kind: UInt32, actor: UInt32, payload: UInt64) {
        self.time = time; self.sequence = sequence; self.kind = kind; self.actor = actor; self.payload = payload
    }

    /// Whether `self` comes before `other`: earlier time, or same time and inserted earlier.
    /// Branch-free: the sign of the 128-bit difference (time, sequence) - (other.time, other.sequence);
    /// times are never negative, so the high half cannot overflow.
    @inlinable @inline(__always)
    func precedes(_ other: QueuedEvent) -> Bool {
        let borrow: Int64 = sequence < other.sequence ? 1 : 0
        return (time &- other.time &- borrow) < 0
    }
}

/// A 4-ary min-heap of `QueuedEvent` values on one flat array: no per-event allocation, no closures.
///
/// Ordering is total, (time, sequence), so the pop order never depends on how the heap was built.
/// The queue numbers entries itself, in push order (64-bit: it never runs out).
public struct EventQueue: Sendable {
    @usableFromInline var heap: [QueuedEvent] = []
    @usableFromInline var nextSequence: UInt64 = 0

    /// An empty queue.
    public init() {}

    /// Number of pending entries.
    @inlinable public var count: Int { heap.count }
    /// Whether nothing is pending.
    @inlinable public var isEmpty: Bool { heap.isEmpty }
    /// The next entry to pop, if any.
    @inlinable public var first: QueuedEvent? { heap.first }

    /// Reserves room for `n` entries.
    public mutating func reserveCapacity(_ n: Int) { heap.reserveCapacity(n) }

    /// Adds an event, numbered after every event added before.
    @inlinable
    public mutating func push(time: Int64, kind: UInt32, actor: UInt32, payload: UInt64) {
        let entry = QueuedEvent(time: time, sequence: nextSequence, kind: kind, actor: actor, payload: payload)
        nextSequence &+= 1
        heap.append(entry)
        heap.withUnsafeMutableBufferPointer { h in
            var child = h.count - 1
            while child > 0 {
                let parent = (child - 1) >> 2
                if !entry.precedes(h[parent]) { break }
                h[child] = h[parent]
                child = parent
            }
            h[child] = entry
        }
    }

    /// Removes and returns the earliest entry, or nil when empty.
    @inlinable
    public mutating func popFirst() -> QueuedEvent? {
        guard let top = heap.first else { return nil }
        removeFirst()
        return top
    }

    /// Removes the earliest entry (the queue must not be empty).
    @inlinable
    public mutating func removeFirst() {
        let last = heap.removeLast()
        if heap.isEmpty { return }
        heap.withUnsafeMutableBufferPointer { Self.siftDown($0, placing: last) }
    }

    /// Replaces the earliest entry with a new event (one sift instead of a pop and a push); the queue
    /// must not be empty.
    @inlinable
    public mutating func replaceFirst(time: Int64, kind: UInt32, actor: UInt32, payload: UInt64) {
        let entry = QueuedEvent(time: time, sequence: nextSequence, kind: kind, actor: actor, payload: payload)
        nextSequence &+= 1
        heap.withUnsafeMutableBufferPointer { Self.siftDown($0, placing: entry) }
    }

    /// Fills the hole at the root of `h` with `entry`, bottom-up (Floyd): the hole first sinks along
    /// the path of smallest children to a leaf, then `entry` rises from there. New events are usually
    /// later than most pending ones, so the rise is short and each level costs 3 comparisons, not 4.
    @inlinable @inline(__always)
    static func siftDown(_ h: UnsafeMutableBufferPointer<QueuedEvent>, placing entry: QueuedEvent) {
        let n = h.count
        var hole = 0
        while true {
            let first = (hole << 2) + 1
            if first + 3 < n {
                let a = h[first].precedes(h[first + 1]) ? first : first + 1
                let b = h[first + 2].precedes(h[first + 3]) ? first + 2 : first + 3
                let best = h[a].precedes(h[b]) ? a : b
                h[hole] = h[best]
                hole = best
            } else {
                if first < n {
                    var best = first
                    var c = first + 1
                    while c < n { if h[c].precedes(h[best]) { best = c }; c += 1 }
                    h[hole] = h[best]
                    hole = best
                }
                break
            }
        }
        while hole > 0 {
            let parent = (hole - 1) >> 2
            if !entry.precedes(h[parent]) { break }
            h[hole] = h[parent]
            hole = parent
        }
        h[hole] = entry
    }

    /// Removes every entry.
    public mutating func removeAll() { heap.removeAll(keepingCapacity: true) }
}
