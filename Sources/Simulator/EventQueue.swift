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

/// A 4-ary min-heap of `QueuedEvent` values on one flat buffer: no per-event allocation, no closures.
///
/// Ordering is total, (time, sequence), so the pop order never depends on how the heap was built.
/// The queue numbers entries itself, in push order (64-bit: it never runs out). The buffer is
/// aligned so that the four children of any node (128 bytes) fill exactly two cache lines.
public final class EventQueue {
    @exclusivity(unchecked) @usableFromInline var base: UnsafeMutablePointer<QueuedEvent>
    @exclusivity(unchecked) @usableFromInline var capacity: Int
    @exclusivity(unchecked) @usableFromInline var storedCount = 0
    @exclusivity(unchecked) @usableFromInline var nextSequence: UInt64 = 0
    /// Sum of the prefetch loads' values; kept so the loads are not optimized away.
    @exclusivity(unchecked) @usableFromInline var prefetchSink: Int64 = 0

    /// An empty queue.
    public init() {
        capacity = 64
        base = Self.allocate(capacity)
    }

    deinit { Self.deallocate(base) }

    /// Allocates room for `n` entries, 64-byte aligned one entry before element 0, so element 1 (the
    /// first child group) starts a cache line.
    static func allocate(_ n: Int) -> UnsafeMutablePointer<QueuedEvent> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: (n + 1) * MemoryLayout<QueuedEvent>.stride, alignment: 64)
        return raw.bindMemory(to: QueuedEvent.self, capacity: n + 1) + 1
    }

    static func deallocate(_ p: UnsafeMutablePointer<QueuedEvent>) { UnsafeMutableRawPointer(p - 1).deallocate() }

    @usableFromInline
    func grow(to n: Int) {
        let bigger = Self.allocate(n)
        bigger.moveInitialize(from: base, count: storedCount)
        Self.deallocate(base)
        base = bigger
        capacity = n
    }

    /// Number of pending entries.
    @inlinable public var count: Int { storedCount }
    /// Whether nothing is pending.
    @inlinable public var isEmpty: Bool { storedCount == 0 }
    /// The next entry to pop, if any.
    @inlinable public var first: QueuedEvent? { storedCount == 0 ? nil : base[0] }

    /// Reserves room for `n` entries.
    public func reserveCapacity(_ n: Int) { if n > capacity { grow(to: n) } }

    /// Adds an event, numbered after every event added before.
    @inlinable
    public func push(time: Int64, kind: UInt32, actor: UInt32, payload: UInt64) {
        let entry = QueuedEvent(time: time, sequence: nextSequence, kind: kind, actor: actor, payload: payload)
        nextSequence &+= 1
        if storedCount == capacity { grow(to: capacity * 2) }
        let h = base
        var child = storedCount
        storedCount += 1
        (h + child).initialize(to: entry)
        while child > 0 {
            let parent = (child - 1) >> 2
            if !entry.precedes(h[parent]) { break }
            h[child] = h[parent]
            child = parent
        }
        h[child] = entry
    }

    /// Removes and returns the earliest entry, or nil when empty.
    @inlinable
    public func popFirst() -> QueuedEvent? {
        guard let top = first else { return nil }
        removeFirst()
        return top
    }

    /// Removes the earliest entry (the queue must not be empty).
    @inlinable
    public func removeFirst() {
        precondition(storedCount > 0, "removeFirst on an empty queue")
        storedCount -= 1
        let last = base[storedCount]
        if storedCount > 0 { prefetchSink &+= Self.siftDown(UnsafeMutableBufferPointer(start: base, count: storedCount), placing: last) }
    }

    /// Replaces the earliest entry with a new event (one sift instead of a pop and a push); the queue
    /// must not be empty.
    @inlinable
    public func replaceFirst(time: Int64, kind: UInt32, actor: UInt32, payload: UInt64) {
        precondition(storedCount > 0, "replaceFirst on an empty queue")
        let entry = QueuedEvent(time: time, sequence: nextSequence, kind: kind, actor: actor, payload: payload)
        nextSequence &+= 1
        prefetchSink &+= Self.siftDown(UnsafeMutableBufferPointer(start: base, count: storedCount), placing: entry)
    }

    /// Fills the hole at the root of `h` with `entry`, bottom-up (Floyd): the hole first sinks along
    /// the path of smallest children to a leaf, then `entry` rises from there. New events are usually
    /// later than most pending ones, so the rise is short and each level costs 3 comparisons, not 4.
    @inlinable @inline(__always)
    static func siftDown(_ h: UnsafeMutableBufferPointer<QueuedEvent>, placing entry: QueuedEvent) -> Int64 {
        let n = h.count
        var touch: Int64 = 0
        var hole = 0
        while true {
            let first = (hole << 2) + 1
            if first + 3 < n {
                // Touch the four grandchild groups now, so their cache lines load while this level is
                // compared (the loads' values are unused; they act as prefetches).
                let grand = (first << 2) + 1
                if grand + 12 < n {
                    touch &+= h[grand].time &+ h[grand + 4].time &+ h[grand + 8].time &+ h[grand + 12].time
                }
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
        return touch
    }

    /// Removes every entry.
    public func removeAll() { storedCount = 0 }
}
