import Glibc

/// Counts every crypto primitive call per named actor, role and job and, when timing is on, sums its thread
/// CPU time.
///
/// Counting is always on and costs two increments in flat buffers (plus a locked one inside a job). Timing
/// adds two `clock_gettime(CLOCK_THREAD_CPUTIME_ID)` calls per primitive.
///
/// Threads: each actor is used by one thread at a time, but different actors may count on different threads
/// at once (a simulation handles independent members' inputs in parallel): an actor's counts and its scope
/// are its own; registering roles and jobs, and counting into jobs (shared by actors), take a lock.
/// Registering an actor may move the per-actor buffers: do it while no other thread counts.
///
/// Roles and jobs: each actor has a base role (named when it registers, for example `member`); code doing
/// a specific piece of work charges it to another role, or to a named job, for a while (`enter(role:job:)`
/// ... `restore(_:)` on the actor; for example role `committer` and job "this room's epoch 5" while a
/// client builds a commit). Counts per actor include every role; job counts are kept per job and role,
/// across actors.
public final class OperationMeter {
    /// Whether CPU time is measured as well as counts.
    @exclusivity(unchecked) public var timing: Bool
    private var names: [String] = []
    private var index: [String: Int32] = [:]
    private var capacity: Int = 0
    private var roleNames: [String] = []
    private var roleIndex: [String: Int32] = [:]
    private var jobNames: [String] = []
    private var jobIndex: [String: Int32] = [:]
    private var jobCapacity: Int = 0
    /// Guards registration (names, growth) and job counts.
    private let lock = CryptoLock()
    // Read on every primitive call: exempt from dynamic exclusivity checks (single-thread confined).
    // Per actor: `slot * width + primitive`; per actor and role: `(slot * maxRoles + role) * width + primitive`;
    // per job and role: `(job * maxRoles + role) * width + primitive`. An actor's base role is `baseRole[slot]`
    // (-1 when the role table was full: its calls are then counted per actor only).
    @exclusivity(unchecked) private var counts: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private var nanos: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private var roleCounts: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private var roleNanos: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private var jobCounts: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private var jobNanos: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private var baseRole: UnsafeMutablePointer<Int32>
    /// Per actor: the role and job its calls are charged to now (`MeterScope.outside`: base role, no job).
    @exclusivity(unchecked) private var scopes: UnsafeMutablePointer<MeterScope>
    private static let width = Primitive.allCases.count
    /// How many distinct role names (base and scoped) a meter can hold.
    public static let maxRoles = 8

    /// A meter with no actors yet.
    public init(timing: Bool = false) {
        self.timing = timing
        counts = .allocate(capacity: 1); nanos = .allocate(capacity: 1)
        roleCounts = .allocate(capacity: 1); roleNanos = .allocate(capacity: 1)
        jobCounts = .allocate(capacity: 1); jobNanos = .allocate(capacity: 1)
        baseRole = .allocate(capacity: 1)
        scopes = .allocate(capacity: 1)
        grow(to: 8)
        growJobs(to: 4)
    }

    deinit {
        for buffer in [counts, nanos, roleCounts, roleNanos, jobCounts, jobNanos] { buffer.deallocate() }
        baseRole.deallocate()
        scopes.deallocate()
    }

    /// The actor with this name, registering it on first use with `role` as its base role (registration
    /// order is report order; a later call with another role returns the actor as first registered).
    public func actor(_ name: String, role: String = "unassigned") -> MeterActor {
        lock.lock(); defer { lock.unlock() }
        if let id = index[name] { return MeterActor(meter: self, slot: id) }
        let id = Int32(names.count)
        if names.count == capacity { grow(to: capacity * 2) }
        names.append(name)
        baseRole[Int(id)] = roleID(role) ?? -1
        index[name] = id
        return MeterActor(meter: self, slot: id)
    }

    /// Charges `actor`'s calls that follow to the role named `role` and the job named `job` (each registered
    /// on first use; nil keeps the current one) until `restore`; returns the scope to restore. Beyond
    /// `maxRoles` role names a new role is not entered (calls stay where they were: no count is lost).
    func enter(role: String?, job: String?, slot: Int32) -> MeterScope {
        let previous = scopes[Int(slot)]
        guard role != nil || job != nil else { return previous }
        lock.lock(); defer { lock.unlock() }
        if let role, let id = roleID(role) { scopes[Int(slot)].role = id }
        if let job { scopes[Int(slot)].job = jobID(job) }
        return previous
    }

    /// Charges `actor`'s calls to `scope` again (the value `enter` returned).
    func restore(_ scope: MeterScope, slot: Int32) { scopes[Int(slot)] = scope }

    /// Where `actor`'s calls are charged now.
    public func scope(of actor: MeterActor) -> MeterScope { scopes[Int(actor.slot)] }

    private func roleID(_ name: String) -> Int32? {
        if let id = roleIndex[name] { return id }
        guard roleNames.count < Self.maxRoles else { return nil }
        roleNames.append(name)
        roleIndex[name] = Int32(roleNames.count - 1)
        return Int32(roleNames.count - 1)
    }

    private func jobID(_ name: String) -> Int32 {
        if let id = jobIndex[name] { return id }
        if jobNames.count == jobCapacity { growJobs(to: jobCapacity * 2) }
        jobNames.append(name)
        jobIndex[name] = Int32(jobNames.count - 1)
        return Int32(jobNames.count - 1)
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

    /// Every non-zero (actor, role, primitive) row: actors in registration order, roles in registration order
    /// (calls of an actor whose base role did not fit the role table last, with role `unassigned`), primitives in
    /// declaration order.
    public func snapshot() -> [MeterRow] {
        var rows: [MeterRow] = []
        for (i, name) in names.enumerated() {
            var rest = [(count: UInt64, nanos: UInt64)](repeating: (0, 0), count: Self.width)
            for p in Primitive.allCases { rest[p.rawValue] = (counts[i * Self.width + p.rawValue], nanos[i * Self.width + p.rawValue]) }
            for (r, role) in roleNames.enumerated() {
                for p in Primitive.allCases {
                    let k = (i * Self.maxRoles + r) * Self.width + p.rawValue
                    guard roleCounts[k] > 0 else { continue }
                    rows.append(MeterRow(actor: name, role: role, primitive: p, count: roleCounts[k], cpuNanos: roleNanos[k]))
                    rest[p.rawValue].count &-= roleCounts[k]
                    rest[p.rawValue].nanos &-= roleNanos[k]
                }
            }
            for p in Primitive.allCases where rest[p.rawValue].count > 0 {
                rows.append(MeterRow(actor: name, role: "unassigned", primitive: p, count: rest[p.rawValue].count, cpuNanos: rest[p.rawValue].nanos))
            }
        }
        return rows
    }

    /// Every non-zero (job, role, primitive) row: jobs, then roles, in registration order, primitives in
    /// declaration order (the `actor` of a row is the job's name).
    public func jobSnapshot() -> [MeterRow] {
        var rows: [MeterRow] = []
        for (j, job) in jobNames.enumerated() {
            for (r, role) in roleNames.enumerated() {
                for p in Primitive.allCases {
                    let k = (j * Self.maxRoles + r) * Self.width + p.rawValue
                    if jobCounts[k] > 0 { rows.append(MeterRow(actor: job, role: role, primitive: p, count: jobCounts[k], cpuNanos: jobNanos[k])) }
                }
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

    /// Sets every count and time to zero (actors, roles and jobs stay registered).
    public func reset() {
        for (buffer, n) in [(counts, capacity * Self.width), (nanos, capacity * Self.width),
                            (roleCounts, capacity * Self.maxRoles * Self.width), (roleNanos, capacity * Self.maxRoles * Self.width),
                            (jobCounts, jobCapacity * Self.maxRoles * Self.width), (jobNanos, jobCapacity * Self.maxRoles * Self.width)] {
            buffer.update(repeating: 0, count: n)
        }
    }

    @inline(__always)
    func record(_ primitive: Primitive, slot: Int32, times: UInt64 = 1) {
        counts[Int(slot) &* Self.width &+ primitive.rawValue] &+= times
        let scope = scopes[Int(slot)]
        let role = scope.role >= 0 ? scope.role : baseRole[Int(slot)]
        guard role >= 0 else { return }
        roleCounts[(Int(slot) &* Self.maxRoles &+ Int(role)) &* Self.width &+ primitive.rawValue] &+= times
        guard scope.job >= 0 else { return }
        lock.lock()
        jobCounts[(Int(scope.job) &* Self.maxRoles &+ Int(role)) &* Self.width &+ primitive.rawValue] &+= times
        lock.unlock()
    }

    /// An actor's count of every primitive, indexed by raw value.
    @usableFromInline
    func counts(of actor: MeterActor) -> [UInt64] {
        (0..<Self.width).map { counts[Int(actor.slot) &* Self.width &+ $0] }
    }

    @inline(__always)
    func addTime(_ primitive: Primitive, slot: Int32, nanos value: UInt64) {
        nanos[Int(slot) &* Self.width &+ primitive.rawValue] &+= value
        let scope = scopes[Int(slot)]
        let role = scope.role >= 0 ? scope.role : baseRole[Int(slot)]
        guard role >= 0 else { return }
        roleNanos[(Int(slot) &* Self.maxRoles &+ Int(role)) &* Self.width &+ primitive.rawValue] &+= value
        guard scope.job >= 0 else { return }
        lock.lock()
        jobNanos[(Int(scope.job) &* Self.maxRoles &+ Int(role)) &* Self.width &+ primitive.rawValue] &+= value
        lock.unlock()
    }

    private func grow(to newCapacity: Int) {
        Self.grow(&counts, from: capacity * Self.width, to: newCapacity * Self.width)
        Self.grow(&nanos, from: capacity * Self.width, to: newCapacity * Self.width)
        Self.grow(&roleCounts, from: capacity * Self.maxRoles * Self.width, to: newCapacity * Self.maxRoles * Self.width)
        Self.grow(&roleNanos, from: capacity * Self.maxRoles * Self.width, to: newCapacity * Self.maxRoles * Self.width)
        let bigger = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
        bigger.initialize(repeating: -1, count: newCapacity)
        if capacity > 0 { bigger.update(from: baseRole, count: capacity) }
        baseRole.deallocate()
        baseRole = bigger
        let biggerScopes = UnsafeMutablePointer<MeterScope>.allocate(capacity: newCapacity)
        biggerScopes.initialize(repeating: .outside, count: newCapacity)
        if capacity > 0 { biggerScopes.update(from: scopes, count: capacity) }
        scopes.deallocate()
        scopes = biggerScopes
        capacity = newCapacity
    }

    private func growJobs(to newCapacity: Int) {
        Self.grow(&jobCounts, from: jobCapacity * Self.maxRoles * Self.width, to: newCapacity * Self.maxRoles * Self.width)
        Self.grow(&jobNanos, from: jobCapacity * Self.maxRoles * Self.width, to: newCapacity * Self.maxRoles * Self.width)
        jobCapacity = newCapacity
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
    /// The actor the calls were charged to (in a job snapshot: the job).
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

    /// Charges this actor's calls that follow to `role` and `job` (nil keeps the current one) until `restore`;
    /// returns the scope to restore (see `OperationMeter`).
    public func enter(role: String?, job: String? = nil) -> MeterScope { meter.enter(role: role, job: job, slot: slot) }

    /// Charges this actor's calls to `scope` again (the value `enter(role:job:)` returned).
    public func restore(_ scope: MeterScope) { meter.restore(scope, slot: slot) }

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
