/// A point in virtual time: integer nanoseconds since the start of a run.
public struct Instant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the start of the run.
    public var nanoseconds: Int64

    /// Creates an instant `nanoseconds` after the start of the run.
    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The start of a run.
    public static let zero = Instant(nanoseconds: 0)
    /// The latest representable instant (used as "no limit").
    public static let distantFuture = Instant(nanoseconds: .max)

    /// Seconds since the start of the run, as a floating-point number (for reports only).
    public var seconds: Double { Double(nanoseconds) / 1e9 }

    /// `lhs` shifted by `rhs`.
    @inlinable public static func + (lhs: Instant, rhs: SimDuration) -> Instant {
        Instant(nanoseconds: lhs.nanoseconds &+ rhs.nanoseconds)
    }
    /// The time from `rhs` to `lhs`.
    @inlinable public static func - (lhs: Instant, rhs: Instant) -> SimDuration {
        SimDuration(nanoseconds: lhs.nanoseconds &- rhs.nanoseconds)
    }
    /// Orders instants by time.
    @inlinable public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }
    /// The instant formatted with its unit, e.g. `1.500000000s`.
    public var description: String { SimDuration(nanoseconds: nanoseconds).description }
}

/// A span of virtual time in integer nanoseconds.
public struct SimDuration: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Length in nanoseconds.
    public var nanoseconds: Int64

    /// Creates a duration of `nanoseconds`.
    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// No time at all.
    public static let zero = SimDuration(nanoseconds: 0)

    /// A duration of `value` nanoseconds.
    public static func nanoseconds(_ value: Int64) -> SimDuration { SimDuration(nanoseconds: value) }
    /// A duration of `value` microseconds, rounded to the nearest nanosecond.
    public static func microseconds(_ value: Double) -> SimDuration { SimDuration(roundingNanoseconds: value * 1e3) }
    /// A duration of `value` milliseconds, rounded to the nearest nanosecond.
    public static func milliseconds(_ value: Double) -> SimDuration { SimDuration(roundingNanoseconds: value * 1e6) }
    /// A duration of `value` seconds, rounded to the nearest nanosecond.
    public static func seconds(_ value: Double) -> SimDuration { SimDuration(roundingNanoseconds: value * 1e9) }

    /// Rounds a floating-point nanosecond count to the nearest integer, clamping to 0...Int64.max.
    @inlinable public init(roundingNanoseconds value: Double) {
        if !(value > 0) { self.nanoseconds = 0 }   // also catches NaN
        else if value >= 9.2e18 { self.nanoseconds = .max }
        else { self.nanoseconds = Int64(value.rounded()) }
    }

    /// The duration in seconds (for reports only).
    public var seconds: Double { Double(nanoseconds) / 1e9 }

    /// Sum of two durations.
    @inlinable public static func + (lhs: SimDuration, rhs: SimDuration) -> SimDuration {
        SimDuration(nanoseconds: lhs.nanoseconds &+ rhs.nanoseconds)
    }
    /// Orders durations by length.
    @inlinable public static func < (lhs: SimDuration, rhs: SimDuration) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// The duration with the largest unit that keeps it readable, e.g. `40ms`, `1.5s`.
    public var description: String {
        let n = nanoseconds
        if n % 1_000_000_000 == 0 { return "\(n / 1_000_000_000)s" }
        if n % 1_000_000 == 0 { return "\(n / 1_000_000)ms" }
        if n % 1_000 == 0 { return "\(n / 1_000)us" }
        return "\(n)ns"
    }
}
