import Glibc

/// Counts every crypto primitive call per named actor and, when timing is on, sums its thread CPU time.
///
/// Counting is always on and costs one increment in a flat buffer. Timing adds two
/// `clock_gettime(CLOCK_THREAD_CPUTIME_ID)` calls per primitive. A meter belongs to one thread
/// (the simulator's, or one live-mode event loop); it is not `Sendable`.
public final class OperationMeter {
    /// Whether CPU time is measured as well as counts.
    @exclusivity(unchecked) public var timing: Bool
    private var names: [String] = []
    private var index: [String: Int32] = [:]
    private var capacity: Int = 0
    // Read on every primitive call: exempt from dynamic exclusivity checks (single-thread confined).
    @exclusivity(unchecked) private var counts: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private var nanos: UnsafeMutablePointer<UInt64>
    private static let width = Primitive.allCases.count

    /// A meter with no actors yet.
    public init(timing: Bool = false) {
        self.timing = timing
        counts = .allocate(capacity: 1)
        nanos = .allocate(capacity: 1)
        grow(to: 8)
    }

    deinit {
        counts.deallocate()
        nanos.deallocate()
    }

    /// The actor with this name, registering it on first use (registration order is report order).
    public func actor(_ name: String) -> MeterActor {
        if let id = index[name] { return MeterActor(meter: self, slot: id) }
        let id = Int32(names.count)
        if names.count == capacity { grow(to: capacity * 2) }
        names.append(name)
        index[name] = id
        return MeterActor(meter: self, slot: id)
    }

    /// Registered actor names, in registration order.
    public var actorNames: [String] { names }

    /// The count of a primitive for an actor.
    public func count(_ primitive: Primitive, actor: String) -> UInt64 {
        guard let id = index[actor] else { return 0 }
        return counts[Int(id) * Self.width + primitive.rawValue]
    }

    /// Summed thread CPU time of a primitive for an actor, in nanoseconds (0 unless timing was on).
    public func cpuNanos(_ primitive: Primitive, actor: String) -> UInt64 {
        guard let id = index[actor] else { return 0 }
        return nanos[Int(id) * Self.width + primitive.rawValue]
    }

    /// The count of a primitive for an actor of this meter (no name lookup: for drivers reading it per input).
    @inline(__always)
    public func count(_ primitive: Primitive, of actor: MeterActor) -> UInt64 {
        counts[Int(actor.slot) &* Self.width &+ primitive.rawValue]
    }

    /// Summed thread CPU time of a primitive for an actor of this meter, in nanoseconds (0 unless timing was on).
    @inline(__always)
    public func cpuNanos(_ primitive: Primitive, of actor: MeterActor) -> UInt64 {
        nanos[Int(actor.slot) &* Self.width &+ primitive.rawValue]
    }

    /// Every non-zero (actor, primitive) row, actors in registration order, primitives in declaration order.
    public func snapshot() -> [MeterRow] {
        var rows: [MeterRow] = []
        for (i, name) in names.enumerated() {
            for p in Primitive.allCases {
                let c = counts[i * Self.width + p.rawValue]
                if c > 0 { rows.append(MeterRow(actor: name, primitive: p, count: c, cpuNanos: nanos[i * Self.width + p.rawValue])) }
            }
        }
        return rows
    }

    /// Totals over all actors, per primitive, in declaration order.
    public func totals() -> [(primitive: Primitive, count: UInt64, cpuNanos: UInt64)] {
        Primitive.allCases.map { p in
            var c: UInt64 = 0, t: UInt64 = 0
            for i in 0..<names.count {
                c &+= counts[i * Self.width + p.rawValue]
                t &+= nanos[i * Self.width + p.rawValue]
            }
            return (p, c, t)
        }
    }

    /// Sets every count and time to zero (actors stay registered).
    public func reset() {
        counts.update(repeating: 0, count: capacity * Self.width)
        nanos.update(repeating: 0, count: capacity * Self.width)
    }

    @inline(__always)
    func record(_ primitive: Primitive, slot: Int32) {
        counts[Int(slot) &* Self.width &+ primitive.rawValue] &+= 1
    }

    @inline(__always)
    func addTime(_ primitive: Primitive, slot: Int32, nanos value: UInt64) {
        nanos[Int(slot) &* Self.width &+ primitive.rawValue] &+= value
    }

    private func grow(to newCapacity: Int) {
        let newCounts = UnsafeMutablePointer<UInt64>.allocate(capacity: newCapacity * Self.width)
        let newNanos = UnsafeMutablePointer<UInt64>.allocate(capacity: newCapacity * Self.width)
        newCounts.initialize(repeating: 0, count: newCapacity * Self.width)
        newNanos.initialize(repeating: 0, count: newCapacity * Self.width)
        if capacity > 0 {
            newCounts.update(from: counts, count: capacity * Self.width)
            newNanos.update(from: nanos, count: capacity * Self.width)
        }
        counts.deallocate()
        nanos.deallocate()
        counts = newCounts
        nanos = newNanos
        capacity = newCapacity
    }

    /// The calling thread's CPU time in nanoseconds.
    @inline(__always)
    public static func threadCPUNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}

/// One row of a meter snapshot.
public struct MeterRow: Equatable, Sendable {
    /// The actor the calls were charged to.
    public let actor: String
    /// The primitive.
    public let primitive: Primitive
    /// How many calls.
    public let count: UInt64
    /// Summed thread CPU time in nanoseconds (0 unless timing was on).
    public let cpuNanos: UInt64
}

/// An actor of a meter: where a `CryptoContext` charges its calls.
public struct MeterActor {
    /// The meter counted into.
    public let meter: OperationMeter
    let slot: Int32

    /// The actor's name.
    public var name: String { meter.actorNames[Int(slot)] }

    /// Counts one call of `primitive` around `body`, timing it when the meter's timing is on.
    @inline(__always)
    func measure<T>(_ primitive: Primitive, _ body: () throws(CryptoError) -> T) throws(CryptoError) -> T {
        meter.record(primitive, slot: slot)
        guard meter.timing else { return try body() }
        let start = OperationMeter.threadCPUNanos()
        defer { meter.addTime(primitive, slot: slot, nanos: OperationMeter.threadCPUNanos() &- start) }
        return try body()
    }
}
