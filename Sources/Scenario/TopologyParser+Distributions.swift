import Simulator

extension ParseContext {
    static let distributionKinds = ["constant", "uniform", "normal", "exponential", "lognormal", "pareto", "empirical"]

    /// A latency: a plain duration (`40ms`) or a one-key mapping naming a distribution whose
    /// parameters are durations, e.g. `{ lognormal: { median: 40ms, p99: 75ms } }`. Values are in ns.
    func distribution(_ v: YAMLValue) throws(ScenarioError) -> Distribution {
        if !v.isMapping { return .constant(try v.durationNanos()) }
        let m = try v.mapping(allowed: Self.distributionKinds)
        let (kind, body) = try m.exactlyOne(of: Self.distributionKinds)
        let d: Distribution
        switch kind {
        case "constant":
            d = .constant(try body.durationNanos())
        case "uniform":
            let p = try body.mapping(allowed: ["min", "max"])
            let lo = try p.required("min"), hi = try p.required("max")
            guard try lo.durationNanos() <= hi.durationNanos() else {
                throw body.error(.invalidValue, "min (\(try lo.string())) must not be above max (\(try hi.string()))")
            }
            d = .uniform(min: try lo.durationNanos(), max: try hi.durationNanos())
        case "normal":
            let p = try body.mapping(allowed: ["mean", "sd"])
            d = .normal(mean: try p.required("mean").durationNanos(), standardDeviation: try p.required("sd").durationNanos())
        case "exponential":
            let p = try body.mapping(allowed: ["mean"])
            d = .exponential(mean: try p.required("mean").durationNanos())
        case "lognormal":
            let p = try body.mapping(allowed: ["median", "p99"])
            let median = try p.required("median"), p99 = try p.required("p99")
            guard try median.durationNanos() > 0, try p99.durationNanos() > median.durationNanos() else {
                throw body.error(.invalidValue, "need 0 < median < p99, found median \(try median.string()) and p99 \(try p99.string())")
            }
            d = .lognormal(median: try median.durationNanos(), p99: try p99.durationNanos())
        case "pareto":
            let p = try body.mapping(allowed: ["scale", "shape"])
            d = .pareto(scale: try p.required("scale").durationNanos(), shape: try p.required("shape").positiveNumber())
        default:
            d = .empirical(try empiricalTable(body))
        }
        do { try d.validate() } catch { throw body.error(.invalidValue, error.message) }
        return d
    }

    /// `[{ p: 0%, value: 30ms }, { p: 50%, value: 40ms }, ..., { p: 100%, value: 120ms }]`.
    func empiricalTable(_ v: YAMLValue) throws(ScenarioError) -> EmpiricalTable {
        var points: [(p: Double, value: Double)] = []
        for item in try v.sequence() {
            let m = try item.mapping(allowed: ["p", "value"])
            points.append((try m.required("p").percent(allowHundred: true), try m.required("value").durationNanos()))
        }
        do { return try EmpiricalTable(points: points) } catch { throw v.error(.invalidValue, error.message) }
    }
}
