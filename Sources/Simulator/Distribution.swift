import Foundation

/// A probability distribution over real numbers (the caller picks the unit, e.g. nanoseconds).
///
/// Every distribution is sampled by inverse transform, `quantile(u)` with one uniform draw, so a
/// stream's position after a sample never depends on the value drawn.
public enum Distribution: Sendable, Equatable, CustomStringConvertible {
    /// Always `value`.
    case constant(Double)
    /// Uniform on [min, max].
    case uniform(min: Double, max: Double)
    /// Normal with `mean` and `standardDeviation`.
    case normal(mean: Double, standardDeviation: Double)
    /// Exponential with `mean` (rate 1/mean).
    case exponential(mean: Double)
    /// Lognormal given by its median and 99th percentile: mu = ln(median), sigma = ln(p99/median)/z(0.99).
    case lognormal(median: Double, p99: Double)
    /// Pareto type I: P(X > x) = (scale/x)^shape for x >= scale.
    case pareto(scale: Double, shape: Double)
    /// A table of quantiles, linearly interpolated between its points.
    case empirical(EmpiricalTable)

    /// z such that Phi(z) = 0.99.
    public static let z99 = 2.326_347_874_040_840_8

    /// Checks the parameters; throws `SimulatorError` with code `.invalidDistribution` if they make no sense.
    public func validate() throws(SimulatorError) {
        func fail(_ why: String) throws(SimulatorError) {
            throw SimulatorError(.invalidDistribution, "\(self): \(why)")
        }
        switch self {
        case .constant(let v): if !v.isFinite { try fail("value must be finite") }
        case .uniform(let lo, let hi): if !(lo.isFinite && hi.isFinite && lo <= hi) { try fail("need finite min <= max") }
        case .normal(let m, let sd): if !(m.isFinite && sd.isFinite && sd >= 0) { try fail("need finite mean and sd >= 0") }
        case .exponential(let m): if !(m.isFinite && m > 0) { try fail("mean must be > 0") }
        case .lognormal(let med, let p99): if !(med.isFinite && p99.isFinite && med > 0 && p99 > med) { try fail("need 0 < median < p99") }
        case .pareto(let xm, let a): if !(xm.isFinite && a.isFinite && xm > 0 && a > 0) { try fail("need scale > 0 and shape > 0") }
        case .empirical: break   // EmpiricalTable validates on construction
        }
    }

    /// The value below which a fraction `p` (in (0,1)) of draws fall: the inverse CDF.
    @inlinable
    public func quantile(_ p: Double) -> Double {
        switch self {
        case .constant(let v): return v
        case .uniform(let lo, let hi): return lo + (hi - lo) * p
        case .normal(let m, let sd): return m + sd * NormalQuantile.z(p)
        case .exponential(let m): return -m * log1p(-p)
        case .lognormal(let med, let p99):
            return med * exp(log(p99 / med) / Self.z99 * NormalQuantile.z(p))
        case .pareto(let xm, let a): return xm * pow(1 - p, -1 / a)
        case .empirical(let table): return table.quantile(p)
        }
    }

    /// A lower bound, in whole units (nanoseconds for latencies), on every value `sample` can return once
    /// rounded and clamped at zero: the quantile of the smallest probability `RandomStream.nextOpenUnit`
    /// draws, less a safety margin for rounding (0 when that is not positive).
    public var lowerBound: Int64 {
        let q = quantile(0.5 * 0x1.0p-53)
        guard q.isFinite, q > 2 else { return 0 }
        return q >= 9e18 ? Int64(9e18) : Int64((q * 0.999).rounded(.down)) - 1
    }

    /// One draw from `stream`.
    @inlinable
    public func sample(_ stream: inout RandomStream) -> Double {
        if case .constant(let v) = self { return v }      // no draw: constants do not consume randomness
        return quantile(stream.nextOpenUnit())
    }

    /// The mean, where finite (used by reports and tests).
    public var mean: Double {
        switch self {
        case .constant(let v): return v
        case .uniform(let lo, let hi): return (lo + hi) / 2
        case .normal(let m, _): return m
        case .exponential(let m): return m
        case .lognormal(let med, let p99):
            let sigma = log(p99 / med) / Self.z99
            return med * exp(sigma * sigma / 2)
        case .pareto(let xm, let a): return a > 1 ? a * xm / (a - 1) : .infinity
        case .empirical(let t): return t.mean
        }
    }

    /// A short description such as `lognormal(median: 4e+07, p99: 7.5e+07)`.
    public var description: String {
        switch self {
        case .constant(let v): return "constant(\(v))"
        case .uniform(let lo, let hi): return "uniform(min: \(lo), max: \(hi))"
        case .normal(let m, let sd): return "normal(mean: \(m), sd: \(sd))"
        case .exponential(let m): return "exponential(mean: \(m))"
        case .lognormal(let med, let p99): return "lognormal(median: \(med), p99: \(p99))"
        case .pareto(let xm, let a): return "pareto(scale: \(xm), shape: \(a))"
        case .empirical(let t): return "empirical(\(t.points.count) points)"
        }
    }
}

/// Quantile points (p, value) with p rising from 0 to 1 and values never falling.
public struct EmpiricalTable: Sendable, Equatable {
    /// The points, first p = 0, last p = 1.
    public let points: [(p: Double, value: Double)]

    /// Builds a table; throws `.invalidDistribution` unless p starts at 0, ends at 1 and strictly rises,
    /// and values are finite and non-decreasing.
    public init(points: [(p: Double, value: Double)]) throws(SimulatorError) {
        guard points.count >= 2 else { throw SimulatorError(.invalidDistribution, "empirical table needs at least 2 points") }
        guard points.first!.p == 0, points.last!.p == 1 else {
            throw SimulatorError(.invalidDistribution, "empirical table must start at p = 0 and end at p = 1")
        }
        for i in 1..<points.count {
            guard points[i].p > points[i - 1].p else {
                throw SimulatorError(.invalidDistribution, "empirical quantiles must strictly increase (p = \(points[i].p))")
            }
            guard points[i].value.isFinite, points[i - 1].value.isFinite, points[i].value >= points[i - 1].value else {
                throw SimulatorError(.invalidDistribution, "empirical values must be finite and non-decreasing (p = \(points[i].p))")
            }
        }
        self.points = points
    }

    /// Linear interpolation of the value at `p`.
    public func quantile(_ p: Double) -> Double {
        var lo = 0, hi = points.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if points[mid].p <= p { lo = mid } else { hi = mid }
        }
        let a = points[lo], b = points[hi]
        let t = (p - a.p) / (b.p - a.p)
        return a.value + (b.value - a.value) * min(max(t, 0), 1)
    }

    /// The mean of the piecewise-linear quantile function.
    public var mean: Double {
        var sum = 0.0
        for i in 1..<points.count { sum += (points[i].p - points[i - 1].p) * (points[i].value + points[i - 1].value) / 2 }
        return sum
    }

    /// Tables are equal when their points are.
    public static func == (lhs: EmpiricalTable, rhs: EmpiricalTable) -> Bool {
        lhs.points.count == rhs.points.count && zip(lhs.points, rhs.points).allSatisfy { $0.p == $1.p && $0.value == $1.value }
    }
}
