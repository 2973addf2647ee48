import Histogram

/// One HdrHistogram of non-negative integer samples (nanoseconds or bytes) with a fixed range and
/// 3 significant digits: constant memory whatever the number of samples.
struct ValueHistogram: Sendable {
    private var histogram: Histogram<UInt64>

    /// Percentiles at which a CDF is sampled: every 1% to 99%, then 99.1 ... 99.9, 99.91 ... 99.99, 99.999, 100.
    static let cdfPercentiles: [Double] = {
        var p = (0...99).map(Double.init)
        p += (991...999).map { Double($0) / 10 }      // correctly rounded: 999 / 10 == 99.9
        p += (9991...9999).map { Double($0) / 100 }
        p += [99.999, 100]
        return p
    }()

    /// An empty histogram tracking 1 ... `highest` (values of 0 are tracked too).
    init(highest: UInt64) {
        histogram = Histogram(lowestDiscernibleValue: 1, highestTrackableValue: highest, numberOfSignificantValueDigits: .three)
    }

    /// Records a value; false when it is above the tracked range.
    mutating func record(_ value: UInt64) -> Bool {
        value <= histogram.highestTrackableValue && histogram.record(value)
    }

    /// Empties the histogram, keeping its range.
    mutating func reset() { histogram.reset() }

    /// Estimated memory of the histogram in bytes (fixed at creation: the range is not auto-resized).
    var footprintBytes: Int { histogram.estimatedFootprintInBytes }

    /// Number of recorded values.
    var count: UInt64 { histogram.totalCount }

    /// Smallest recorded value (exact), 0 when empty.
    var min: UInt64 { count == 0 ? 0 : histogram.min }

    /// Largest recorded value (exact), 0 when empty.
    var max: UInt64 { count == 0 ? 0 : histogram.maxRecorded }

    /// Mean of the recorded values at histogram resolution (within 0.05%), 0 when empty.
    var mean: Double { histogram.mean }

    /// The value at a percentile (0...100), clamped to the recorded min and max; 0 when empty.
    func value(atPercentile p: Double) -> UInt64 {
        count == 0 ? 0 : histogram.valueAtPercentile(p)
    }

    /// The cumulative distribution at `cdfPercentiles`, computed in one pass: (percentile, value) pairs,
    /// empty when nothing was recorded. Each value is the one `Histogram.valueAtPercentile` would return.
    func cdf() -> [(percentile: Double, value: UInt64)] {
        let total = count
        guard total > 0 else { return [] }
        let lo = min, hi = max
        var result: [(percentile: Double, value: UInt64)] = []
        result.reserveCapacity(Self.cdfPercentiles.count)
        var targets = Self.cdfPercentiles[...]
        var cumulative: UInt64 = 0
        for step in histogram.recordedValues() {
            cumulative += step.count
            while let p = targets.first {
                let needed = p == 0 ? 1 : Swift.max(1, UInt64((p.nextDown * Double(total) / 100).rounded(.up)))
                guard cumulative >= needed || p >= 100 && cumulative == total else { break }
                let v: UInt64
                if p == 0 { v = lo } else if p >= 100 { v = hi } else {
                    v = Swift.max(Swift.min(histogram.highestEquivalentForValue(step.value), hi), lo)
                }
                result.append((p, v))
                targets = targets.dropFirst()
            }
        }
        return result
    }
}
