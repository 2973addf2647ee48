/// A point in time as integer nanoseconds since the start of a run. Protocol code never reads a clock:
/// the driver (simulator or live mode) passes `now` into every handler.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the start of the run.
    public var nanoseconds: UInt64

    /// An instant `nanoseconds` after the start.
    public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    /// The start of the run.
    public static let zero = Instant(nanoseconds: 0)

    /// Milliseconds since the start (what MIMI timestamps carry).
    public var milliseconds: UInt64 { nanoseconds / 1_000_000 }

    /// This instant plus `nanoseconds`, saturating at the largest value.
    public func adding(nanoseconds delta: UInt64) -> Instant {
        let (sum, overflow) = nanoseconds.addingReportingOverflow(delta)
        return Instant(nanoseconds: overflow ? .max : sum)
    }

    /// Orders by time.
    public static func < (a: Instant, b: Instant) -> Bool { a.nanoseconds < b.nanoseconds }

    /// `<n>ns`.
    public var description: String { "\(nanoseconds)ns" }
}
