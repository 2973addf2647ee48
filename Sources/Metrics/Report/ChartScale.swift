import Foundation

/// Maps data values onto pixel positions, linearly or in log10, and proposes tick values.
struct ChartScale {
    /// Linear or logarithmic.
    enum Kind { case linear, log }

    let kind: Kind
    /// Data domain (for `.log`, both ends > 0).
    let lower: Double, upper: Double
    /// Pixel range the domain maps to (may be decreasing, as y axes are).
    let from: Double, to: Double

    /// A scale over the data `values`, widened to "nice" bounds (1, 2 or 5 x 10^k for log scales, multiples of
    /// a 1-2-5 step for linear ones); a log scale ignores values <= 0.
    /// `includeZero` makes a linear scale start at 0.
    init(kind: Kind, values: [Double], from: Double, to: Double, includeZero: Bool = false) {
        self.kind = kind; self.from = from; self.to = to
        let finite = values.filter { $0.isFinite && (kind == .linear || $0 > 0) }
        switch kind {
        case .linear:
            var lo = finite.min() ?? 0, hi = finite.max() ?? 1
            if includeZero { lo = Swift.min(lo, 0); hi = Swift.max(hi, 0) }
            if hi <= lo { hi = lo + 1 }
            let step = Self.niceStep((hi - lo) / 5)
            lower = (lo / step).rounded(.down) * step
            upper = (hi / step).rounded(.up) * step
        case .log:
            let lo = finite.min() ?? 1, hi = finite.max() ?? 10
            lower = Self.logSteps(around: lo).last { $0 <= lo * (1 + 1e-12) } ?? lo
            let top = Self.logSteps(around: hi).first { $0 >= hi * (1 - 1e-12) } ?? hi
            upper = top > lower ? top : lower * 10
        }
    }

    /// 1, 2 and 5 x 10^k for the decade of `value` and its neighbours, ascending.
    private static func logSteps(around value: Double) -> [Double] {
        let k = floor(log10(value))
        return (-1...1).flatMap { d in [1.0, 2.0, 5.0].map { $0 * pow(10, k + Double(d)) } }
    }

    /// Pixel position of `value` (clamped into the domain; log values <= 0 map to the lower end).
    func position(_ value: Double) -> Double {
        let t: Double
        switch kind {
        case .linear: t = (value - lower) / (upper - lower)
        case .log: t = value > 0 ? (log10(value) - log10(lower)) / (log10(upper) - log10(lower)) : 0
        }
        return from + (to - from) * Swift.min(Swift.max(t, 0), 1)
    }

    /// Tick values: 1-2-5 steps for linear scales; for log scales the domain's ends and every power of ten
    /// between (plus 2 and 5 x 10^k when the domain spans at most two decades).
    var ticks: [Double] {
        switch kind {
        case .linear:
            let step = Self.niceStep((upper - lower) / 5)
            var out: [Double] = [], v = lower
            while v <= upper + step / 1e6 { out.append(abs(v) < step / 1e9 ? 0 : v); v += step }
            return out
        case .log:
            // Powers of ten inside the domain and both ends; 2 and 5 as well when the domain spans
            // at most two decades.
            let dense = log10(upper / lower) <= 2 + 1e-9
            var out: [Double] = []
            var k = floor(log10(lower)) - 1
            while pow(10, k) <= upper * (1 + 1e-9) {
                for m in dense ? [1.0, 2.0, 5.0] : [1.0] {
                    let v = m * pow(10, k)
                    if v >= lower * (1 - 1e-9), v <= upper * (1 + 1e-9) { out.append(v) }
                }
                k += 1
            }
            if out.first.map({ abs($0 - lower) > lower * 1e-9 }) ?? true { out.insert(lower, at: 0) }
            if out.last.map({ abs($0 - upper) > upper * 1e-9 }) ?? true { out.append(upper) }
            return out
        }
    }

    /// The smallest of 1, 2, 5 x 10^k at or above `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, floor(log10(raw)))
        for m in [1.0, 2.0, 5.0, 10.0] where m * magnitude >= raw * (1 - 1e-12) { return m * magnitude }
        return 10 * magnitude
    }
}
