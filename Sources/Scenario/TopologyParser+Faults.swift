import Simulator

extension ParseContext {
    static let faultKeys = ["at", "for", "every", "until", "partition", "mode", "crash", "link", "set"]

    /// The `faults` list.
    func faultList(_ v: YAMLValue) throws(ScenarioError) -> [Topology.Fault] {
        var faults: [Topology.Fault] = []
        for item in try v.sequence() { faults.append(try fault(item)) }
        return faults
    }

    func fault(_ v: YAMLValue) throws(ScenarioError) -> Topology.Fault {
        let m = try v.mapping(allowed: Self.faultKeys)
        let (kind, body) = try m.exactlyOne(of: ["partition", "crash", "link"])
        let at = try m.required("at").duration()
        let length = try m["for"]?.positiveDuration()
        var windows: [(start: SimDuration, end: SimDuration?)] = []
        if let everyValue = m["every"] {
            let every = try everyValue.positiveDuration()
            guard let length else { throw everyValue.error(.missingKey, "a repeating fault needs 'for' (how long each occurrence lasts)") }
            guard length < every else { throw everyValue.error(.invalidValue, "'every' (\(every)) must be longer than 'for' (\(length))") }
            let untilValue = try m.required("until")
            let until = try untilValue.duration()
            guard until > at else { throw untilValue.error(.invalidValue, "'until' (\(until)) must be after 'at' (\(at))") }
            let occurrences = (until.nanoseconds - at.nanoseconds + every.nanoseconds - 1) / every.nanoseconds
            guard occurrences <= 100_000 else {
                throw everyValue.error(.invalidValue, "this repeats \(occurrences) times; at most 100000 occurrences are allowed")
            }
            var start = at
            while start < until {
                windows.append((start, start + length))
                start = start + every
            }
        } else {
            if let u = m["until"] { throw u.error(.conflictingKeys, "'until' only goes with 'every'; use 'for' for one window") }
            windows = [(at, length.map { at + $0 })]
        }
        if kind != "partition", let mode = m["mode"] { throw mode.error(.conflictingKeys, "'mode' only applies to partitions") }
        if kind != "link", let set = m["set"] { throw set.error(.conflictingKeys, "'set' only applies to link changes") }
        let action: Topology.Action
        switch kind {
        case "partition":
            action = try partition(body, mode: m["mode"])
        case "crash":
            action = .crash(provider: try provider(body))
        default:
            action = .changeLinks(try linkSelector(body), try linkChange(m.required("set")))
        }
        return Topology.Fault(action: action, windows: windows, line: v.line)
    }

    /// `[X, Y]` or `{ between: [X, Y] }` (both directions) or `{ from: X, to: Y }` (one direction).
    func partition(_ v: YAMLValue, mode modeValue: YAMLValue?) throws(ScenarioError) -> Topology.Action {
        var mode = PartitionMode.hold
        if let modeValue {
            let text = try modeValue.string()
            guard let m = PartitionMode(rawValue: text) else { throw modeValue.error(.invalidValue, "mode must be hold or drop, found '\(text)'") }
            mode = m
        }
        if v.isSequence { return try symmetric(v, mode: mode) }
        let m = try v.mapping(allowed: ["between", "from", "to"])
        let (form, value) = try m.exactlyOne(of: ["between", "from"])
        if form == "between" {
            if let to = m["to"] { throw to.error(.conflictingKeys, "'to' goes with 'from', not with 'between'") }
            return try symmetric(value, mode: mode)
        }
        let a = try endpoints(value), b = try endpoints(m.required("to"))
        return .partition(sideA: a, sideB: b, symmetric: false, mode: mode)
    }

    private func symmetric(_ v: YAMLValue, mode: PartitionMode) throws(ScenarioError) -> Topology.Action {
        let sides = try v.sequence()
        guard sides.count == 2 else { throw v.error(.invalidValue, "a partition has exactly two sides, e.g. [a.example, [us, ap]]") }
        return .partition(sideA: try endpoints(sides[0]), sideB: try endpoints(sides[1]), symmetric: true, mode: mode)
    }

    /// `[eu, us]` (both directions), `{ from: eu, to: us }`, `{ within: eu }` or `{ access: a.example }`.
    func linkSelector(_ v: YAMLValue) throws(ScenarioError) -> Topology.LinkSelector {
        if v.isSequence {
            let ends = try v.sequence()
            guard ends.count == 2 else { throw v.error(.invalidValue, "a link is named by two regions, e.g. [eu, us]") }
            let a = try region(ends[0]), b = try region(ends[1])
            return .regions(a == b ? [(a, a)] : [(a, b), (b, a)])
        }
        let m = try v.mapping(allowed: ["from", "to", "within", "access"])
        let (form, value) = try m.exactlyOne(of: ["from", "within", "access"])
        if form != "from", let to = m["to"] { throw to.error(.conflictingKeys, "'to' goes with 'from', not with '\(form)'") }
        switch form {
        case "from": return .regions([(try region(value), try region(m.required("to")))])
        case "within": let r = try region(value); return .regions([(r, r)])
        default:
            let domain = try provider(value)
            guard providers.first(where: { $0.domain == domain })!.hasAccess else {
                throw value.error(.invalidValue, "provider '\(domain)' has no 'access' link to change")
            }
            return .access(provider: domain)
        }
    }

    /// `{ latency: ..., jitter: ..., bandwidth: ..., loss: ... }`: at least one.
    func linkChange(_ v: YAMLValue) throws(ScenarioError) -> LinkChange {
        let m = try v.mapping(allowed: ["latency", "jitter", "bandwidth", "loss"])
        guard !m.entries.isEmpty else { throw v.error(.missingKey, "'set' needs at least one of latency, jitter, bandwidth, loss") }
        return LinkChange(latency: try m["latency"].map { l throws(ScenarioError) in try distribution(l) },
                          jitter: try m["jitter"]?.duration(),
                          bitsPerSecond: try m["bandwidth"]?.bandwidth(),
                          lossRate: try m["loss"]?.percent())
    }
}
