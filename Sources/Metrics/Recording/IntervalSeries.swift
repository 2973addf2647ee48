/// The per-interval view of one latency metric: a histogram for the open interval and the count, p50
/// and p99 of every closed one. Memory grows with the number of intervals that had samples, not with
/// the number of samples.
struct IntervalSeries: Sendable {
    /// A closed interval's figures, nanoseconds.
    struct Closed: Sendable, Equatable {
        var interval: Int
        var count: UInt64
        var p50: UInt64
        var p99: UInt64
    }

    private(set) var closed: [Closed] = []
    private var openInterval: Int = 0
    private var open: ValueHistogram

    init(highest: UInt64) { open = ValueHistogram(highest: highest) }

    /// Records a sample in `interval`, closing the open interval first when this one is later.
    /// Callers guarantee intervals never decrease and the value is in range.
    mutating func record(_ value: UInt64, interval: Int) {
        if interval != openInterval {
            if open.count > 0 { closed.append(figures(of: open, interval: openInterval)) }
            open.reset()
            openInterval = interval
        }
        _ = open.record(value)
    }

    /// Closed intervals plus the open one (if it has samples), in interval order.
    var all: [Closed] {
        open.count > 0 ? closed + [figures(of: open, interval: openInterval)] : closed
    }

    private func figures(of h: ValueHistogram, interval: Int) -> Closed {
        Closed(interval: interval, count: h.count, p50: h.value(atPercentile: 50), p99: h.value(atPercentile: 99))
    }
}
