/// A handle to a pending timer; stale handles (fired or cancelled) are harmless to cancel again.
public struct TimerHandle: Hashable, Sendable {
    /// Slot in the timer table.
    public let slot: UInt32
    /// Generation of the slot when the timer was set.
    public let generation: UInt32
}

/// Slots for pending timers. A queue entry for a timer carries (slot, generation); cancelling bumps the
/// slot's generation so the entry is skipped when it reaches the head of the queue (lazy deletion).
@usableFromInline
struct TimerTable {
    @usableFromInline var generations: [UInt32] = []
    @usableFromInline var tags: [UInt64] = []
    @usableFromInline var armed: [Bool] = []
    @usableFromInline var freeSlots: [UInt32] = []

    @usableFromInline init() {}

    /// Takes a slot for a new timer with `tag`.
    @usableFromInline
    mutating func arm(tag: UInt64) -> TimerHandle {
        let slot: UInt32
        if let s = freeSlots.popLast() { slot = s } else {
            slot = UInt32(generations.count)
            generations.append(0); tags.append(0); armed.append(false)
        }
        tags[Int(slot)] = tag
        armed[Int(slot)] = true
        return TimerHandle(slot: slot, generation: generations[Int(slot)])
    }

    /// Cancels `handle` if it is still pending; returns whether it was.
    @usableFromInline
    mutating func disarm(_ handle: TimerHandle) -> Bool {
        let i = Int(handle.slot)
        guard i < generations.count, armed[i], generations[i] == handle.generation else { return false }
        release(i)
        return true
    }

    /// The tag of the timer whose queue entry carries `payload`, releasing its slot; nil if cancelled.
    @usableFromInline
    mutating func fire(_ payload: UInt64) -> UInt64? {
        let i = Int(UInt32(truncatingIfNeeded: payload))
        let generation = UInt32(truncatingIfNeeded: payload >> 32)
        guard armed[i], generations[i] == generation else { return nil }
        let tag = tags[i]
        release(i)
        return tag
    }

    @usableFromInline
    mutating func release(_ i: Int) {
        armed[i] = false
        generations[i] &+= 1
        freeSlots.append(UInt32(i))
    }

    /// Whether `handle` is still pending.
    func isPending(_ handle: TimerHandle) -> Bool {
        let i = Int(handle.slot)
        return i < generations.count && armed[i] && generations[i] == handle.generation
    }
}

extension Engine {
    /// Sets a timer for `actor` at `time`; when it fires the handler sees `.timer` with payload `tag`.
    @discardableResult
    public func scheduleTimer(at time: Instant, actor: ActorID, tag: UInt64 = 0) -> TimerHandle {
        let handle = timers.arm(tag: tag)
        schedule(at: time, kind: .timer, actor: actor,
                 payload: UInt64(handle.slot) | UInt64(handle.generation) << 32)
        return handle
    }

    /// Cancels a pending timer; returns false if it already fired or was cancelled.
    @discardableResult
    public func cancelTimer(_ handle: TimerHandle) -> Bool { timers.disarm(handle) }

    /// Moves a timer to `time` (cancel + set), keeping its actor and tag; returns the new handle.
    public func rescheduleTimer(_ handle: TimerHandle, to time: Instant, actor: ActorID) -> TimerHandle? {
        let i = Int(handle.slot)
        guard timers.isPending(handle) else { return nil }
        let tag = timers.tags[i]
        _ = timers.disarm(handle)
        return scheduleTimer(at: time, actor: actor, tag: tag)
    }

    /// Whether the timer is still pending.
    public func isTimerPending(_ handle: TimerHandle) -> Bool { timers.isPending(handle) }
}
