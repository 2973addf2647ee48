import Foundation

/// One `--fail-if` expression: a metric path, `>` or `<`, and an amount.
///
/// | amount | meaning | example |
/// |---|---|---|
/// | signed or unsigned percent | relative change from base to new, in % | `commit.converge_ms.p99>+5%` |
/// | signed number | absolute change (new - base) | `message.lost>+0` |
/// | unsigned number | the new value itself | `commit.converge_ms.p99>2000` |
///
/// `>` fails when the change (or the new value) is strictly above the amount, `<` when strictly below:
/// `fanout.deliveries_per_s.max<-10%` fails on a drop of more than 10%.
public struct Threshold: Sendable, Equatable, CustomStringConvertible {
    /// The comparison.
    public enum Direction: String, Sendable, Equatable {
        /// Fails when above.
        case above = ">"
        /// Fails when below.
        case below = "<"
    }

    /// What is compared with what.
    public enum Amount: Sendable, Equatable {
        /// Relative change in percent, (new - base) / |base| x 100.
        case percent(Double)
        /// Absolute change, new - base.
        case change(Double)
        /// The new value.
        case level(Double)
    }

    /// Metric path (see `MetricPaths`).
    public var metric: String
    /// `>` or `<`.
    public var direction: Direction
    /// The amount.
    public var amount: Amount
    /// The expression as given.
    public var description: String

    /// Parses `METRIC>AMOUNT` or `METRIC<AMOUNT` (spaces allowed around the operator); throws
    /// `invalidExpression` with what is wrong.
    public static func parse(_ expression: String) throws -> Threshold {
        let text = expression.trimmingCharacters(in: .whitespaces)
        guard let op = text.lastIndex(where: { $0 == ">" || $0 == "<" }) else {
            throw MetricsError(.invalidExpression, "'\(expression)' has no '>' or '<' (expected METRIC>AMOUNT, e.g. commit.converge_ms.p99>+5%)")
        }
        let metric = text[..<op].trimmingCharacters(in: .whitespaces)
        var rest = text[text.index(after: op)...].trimmingCharacters(in: .whitespaces)
        guard !metric.isEmpty else {
            throw MetricsError(.invalidExpression, "'\(expression)' names no metric before '\(text[op])'")
        }
        guard !rest.hasPrefix("=") else {
            throw MetricsError(.invalidExpression, "'\(expression)': only '>' and '<' are supported, not '\(text[op])='")
        }
        guard !rest.isEmpty else {
            throw MetricsError(.invalidExpression, "'\(expression)' has no amount after '\(text[op])' (a signed percent such as +5%, or a number)")
        }
        let percent = rest.hasSuffix("%")
        if percent { rest.removeLast() }
        var signed = false, negative = false
        if let first = rest.first, first == "+" || first == "-" {
            signed = true; negative = first == "-"; rest.removeFirst()
        }
        let digits = rest.filter { $0 != "." }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              rest.filter({ $0 == "." }).count <= 1, let magnitude = Double(rest), magnitude.isFinite else {
            throw MetricsError(.invalidExpression, "'\(expression)': amount '\(text[text.index(after: op)...].trimmingCharacters(in: .whitespaces))' is not a number, signed number or percent (e.g. +5%, -10%, +0, 2000)")
        }
        let value = negative ? -magnitude : magnitude
        let amount: Amount = percent ? .percent(value) : (signed ? .change(value) : .level(value))
        return Threshold(metric: metric, direction: Direction(rawValue: String(text[op]))!, amount: amount, description: expression)
    }

    /// Relative change in percent from `base` to `new`: 0 when both are 0, ±infinity when only base is 0.
    public static func relativeChange(base: Double, new: Double) -> Double {
        if base == new { return 0 }
        if base == 0 { return new > 0 ? .infinity : -.infinity }
        return (new - base) / abs(base) * 100
    }

    /// The number this threshold compares with its amount.
    public func observed(base: Double, new: Double) -> Double {
        switch amount {
        case .percent: return Self.relativeChange(base: base, new: new)
        case .change: return new - base
        case .level: return new
        }
    }

    /// Whether going from `base` to `new` crosses the threshold.
    public func isCrossed(base: Double, new: Double) -> Bool {
        let limit: Double
        switch amount {
        case .percent(let v), .change(let v), .level(let v): limit = v
        }
        let value = observed(base: base, new: new)
        return direction == .above ? value > limit : value < limit
    }
}
