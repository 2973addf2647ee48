import Glibc

/// Counts every crypto primitive call per named actor and role and, when timing is on, sums its thread CPU time.
///
/// Counting is always on and costs one increment in a flat buffer (two inside a role scope). Timing adds two
/// `clock_gettime(CLOCK_THREAD_CPUTIME_ID)` calls per primitive. A meter belongs to one thread
/// (the simulator's, or one live-mode event loop); it is not `Sendable`.
///
/// Roles: each actor has a base role (named when it registers, for example `member`); code doing a specific
/// job charges it to another role for a while (`enter(role:)` ... `restore(_:)`, for example `committer`
/// while a client builds a commit). Counts per actor include every role.
public final class OperationMeter {
    /// Whether CPU time is measured as well as counts.
    @exclusivity(unchecked) public var timing: Bool
    private var names: [String] = []
    private var baseRoles: [String] = []
    private var index: [String: Int32] = [:]
    private var capacity: Int = 0
    private var roleNames: [String] = []
    private var roleIndex: [String: Int32] = [:]
    /// The role calls are charged to now (`MeterRole.base`: each actor's own).
    @exclusivity(unchecked) public private(set) var currentRole = MeterRole.base
    // Read on every primitive call: exempt from dynamic exclusivity checks (single-thread confined).
    @exclusivity(unchecked) private var counts: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private var nanos: UnsafeMutablePointer<UInt64>
    // The same, per actor and named role (`(slot * maxRoles + role - 1) * width + primitive`).
    @exclusivity(unchecked) private var roleCounts: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private var roleNanos: UnsafeMutablePointer<UInt64>
    private static let width = Primitive.allCases.count
    /// How many named roles a meter can hold (besides each actor's base role).
    public static let maxRoles = 4

    /// A meter with no actors yet.
    public init(timing: Bool = false) {
        self.timing = timing
        counts = .allocate(capacity: 1)
        nanos = .allocate(capacity: 1)
        roleCounts = .allocate(capacity: 1)
        roleNanos = .allocate(capacity: 1)
        grow(to: 8)
    }

    deinit {
        counts.deallocate()
        nanos.deallocate()
        roleCounts.deallocate()
        roleNanos.deallocate()
    }

    /// The actor with this name, registering it on first use with `role` as its base role (registration
    /// order is report order; a later call with another role returns the actor as first registered).
    public func actor(_ name: String, role: String = "") -> MeterActor {
        if let id = index[name] { return MeterActor(meter: self, slot: id) }
        let id = Int32(names.count)
        if names.count == capacity { grow(to: capacity * 2) }
        names.append(name)
        baseRoles.append(role)
        index[name] = id
        return MeterActor(meter: self, slot: id)
    }

    /// Charges the calls that follow to the role named `name` (registered on first use) until `restore`;
    /// returns the role to restore. A meter holds at most `maxRoles` named roles; beyond that, calls stay
    /// with each actor's base role (so a scope can never lose a count).
    public func enter(role name: String) -> MeterRole {
        let previous = currentRole
        if let id = roleIndex[name] {
            currentRole = MeterRole(index: id)
        } else if roleNames.count < Self.maxRoles {
            roleNames.append(name)
            roleIndex[name] = Int32(roleNames.count)
            currentRole = MeterRole(index: Int32(roleNames.count))
        }
        return previous
    }

    /// Charges the calls that follow to `role` again (the value `enter(role:)` returned).
    public func restore(_ role: MeterRole) { currentRole = role }

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

    /// Every non-zero (actor, role, primitive) row: actors in registration order, each actor's base role
    /// first and then named roles in registration order, primitives in declaration order.
    public func snapshot() -> [MeterRow] {
        var rows: [MeterRow] = []
        for (i, name) in names.enumerated() {
            var base: [MeterRow] = []
            var scoped: [[MeterRow]] = Array(repeating: [], count: roleNames.count)
            for p in Primitive.allCases {
                var c = counts[i * Self.width + p.rawValue], t = nanos[i * Self.width + p.rawValue]
                for r in 0..<roleNames.count {
                    let k = (i * Self.maxRoles + r) * Self.width + p.rawValue
                    c &-= roleCounts[k]
                    t &-= roleNanos[k]
                    if roleCounts[k] > 0 {
                        scoped[r].append(MeterRow(actor: name, role: roleNames[r], primitive: p, count: roleCounts[k], cpuNanos: roleNanos[k]))
                    }
                }
                if c > 0 { base.append(MeterRow(actor: name, role: baseRoles[i], primitive: p, count: c, cpuNanos: t)) }
            }
            rows += base
            for r in scoped { rows += r }
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
        roleCounts.update(repeating: 0, count: capacity * Self.maxRoles * Self.width)
        roleNanos.update(repeating: 0, count: capacity * Self.maxRoles * Self.width)
    }

    @inline(__always)
    func record(_ primitive: Primitive, slot: Int32) {
        counts[Int(slot) &* Self.width &+ primitive.rawValue] &+= 1
        if currentRole.index > 0 { roleCounts[roleOffset(slot) &+ primitive.rawValue] &+= 1 }
    }

    @inline(__always)
    func addTime(_ primitive: Primitive, slot: Int32, nanos value: UInt64) {
        nanos[Int(slot) &* Self.width &+ primitive.rawValue] &+= value
        if currentRole.index > 0 { roleNanos[roleOffset(slot) &+ primitive.rawValue] &+= value }
    }

    @inline(__always)
    private func roleOffset(_ slot: Int32) -> Int {
        (Int(slot) &* Self.maxRoles &+ Int(currentRole.index) &- 1) &* Self.width
    }

    private func grow(to newCapacity: Int) {
        Self.grow(&counts, from: capacity * Self.width, to: newCapacity * Self.width)
        Self.grow(&nanos, from: capacity * Self.width, to: newCapacity * Self.width)
        Self.grow(&roleCounts, from: capacity * Self.maxRoles * Self.width, to: newCapacity * Self.maxRoles * Self.width)
        Self.grow(&roleNanos, from: capacity * Self.maxRoles * Self.width, to: newCapacity * Self.maxRoles * Self.width)
        capacity = newCapacity
    }

    /// Replaces `buffer` (holding `old` values) with a zeroed one of `new` values that starts with them.
    private static func grow(_ buffer: inout UnsafeMutablePointer<UInt64>, from old: Int, to new: Int) {
        let bigger = UnsafeMutablePointer<UInt64>.allocate(capacity: new)
        bigger.initialize(repeating: 0, count: new)
        if old > 0 { bigger.update(from: buffer, count: old) }
        buffer.deallocate()
        buffer = bigger
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
    /// The role they were charged to (the actor's base role unless a scope named another).
    public let role: String
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
