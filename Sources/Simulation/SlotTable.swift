/// Values waiting for an engine event, each under a tag handed to the network and returned with the event: an
/// array of reusable slots (the tag is the slot) instead of a dictionary keyed by a counter, so no hashing per
/// message. Tags only find values again; nothing orders by them.
struct SlotTable<Element> {
    private var slots: [Element?] = []
    private var free: [Int] = []
    /// How many values are stored.
    private(set) var count = 0

    /// Whether no value is stored.
    var isEmpty: Bool { count == 0 }

    /// Stores `value`; returns its tag.
    mutating func insert(_ value: Element) -> UInt64 {
        count += 1
        if let slot = free.popLast() {
            slots[slot] = value
            return UInt64(slot)
        }
        slots.append(value)
        return UInt64(slots.count - 1)
    }

    /// The value stored under `tag`, if any (left in place).
    func peek(_ tag: UInt64) -> Element? { tag < UInt64(slots.count) ? slots[Int(tag)] : nil }

    /// Removes and returns the value stored under `tag`, if any.
    mutating func remove(_ tag: UInt64) -> Element? {
        guard tag < UInt64(slots.count), let value = slots[Int(tag)].take() else { return nil }
        free.append(Int(tag))
        count -= 1
        return value
    }
}
