import Foundation
import Simulator
import Yams

/// Reads workload files (YAML). Every key is checked: unknown keys, wrong units, out-of-range values and
/// names the topology does not define are `ScenarioError`s naming file, line and key. See `Workloads/README.md`.
public enum WorkloadParser {
    static let topKeys = ["name", "seed", "duration", "ciphersuite", "crypto_time", "model", "rooms", "traffic", "objectives"]
    static let roomKeys = ["count", "hub", "users", "spread", "clients_per_user", "policy"]
    static let trafficKeys = ["messages", "updates", "churn"]
    static let messageKeys = ["rate", "per", "arrival", "size"]
    static let updateKeys = ["every", "per"]
    static let churnKeys = ["add", "remove", "leave", "new_device"]
    static let policies = ["cooperative", "strict", "moderated", "multi-org"]
    /// Metrics an objective may name (each with .p50, .p90, .p99, .p99.9, .max, .mean).
    static let objectiveMetrics = ["commit.accept_ms", "commit.converge_ms", "message.deliver_ms", "message.last_deliver_ms"]
    static let objectiveStats = ["p50", "p90", "p99", "p99.9", "max", "mean"]

    /// Reads and checks the workload at `path`; with a topology, hub and spread domains must be its providers.
    public static func load(path: String, topology: Topology? = nil) throws(ScenarioError) -> Workload {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ScenarioError(.unreadableFile, "cannot read file: \(error.localizedDescription)", file: path, line: nil, key: nil, underlying: error)
        }
        return try parse(text, file: path, topology: topology)
    }

    /// Parses workload YAML `text`; `file` names it in errors.
    public static func parse(_ text: String, file: String, topology: Topology? = nil) throws(ScenarioError) -> Workload {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ScenarioError(.missingKey, "the file is empty; it needs at least 'duration' and 'rooms'", file: file, line: 1, key: nil)
            }
            root = node
        } catch let e as ScenarioError { throw e } catch let e as YamlError { throw TopologyParser.syntaxError(e, file: file) } catch {
            throw ScenarioError(.syntax, "\(error)", file: file, line: nil, key: nil)
        }
        return try workload(YAMLValue(node: root, path: "", file: file), topology: topology)
    }

    static func workload(_ root: YAMLValue, topology: Topology?) throws(ScenarioError) -> Workload {
        let top = try root.mapping(allowed: topKeys)
        let seed = try top["seed"].map { v throws(ScenarioError) in UInt64(try v.integer(in: 0...Int.max)) } ?? 1
        let duration = try top.required("duration").positiveDuration()
        let suite = try top["ciphersuite"].map { v throws(ScenarioError) in UInt16(try v.integer(in: 1...3)) } ?? 1
        let cryptoTime = try top["crypto_time"].map { v throws(ScenarioError) in try choice(v, Workload.CryptoTimeMode.allCases.map(\.rawValue)) }
            .flatMap(Workload.CryptoTimeMode.init(rawValue:)) ?? .calibrated
        let model = try top["model"].map { v throws(ScenarioError) in try choice(v, ["open", "closed"]) }.flatMap(Workload.ArrivalModel.init(rawValue:)) ?? .open
        var rooms: [Workload.RoomSpec] = []
        let roomList = try top.required("rooms").sequence()
        guard !roomList.isEmpty else { throw try top.required("rooms").error(.invalidValue, "needs at least one room") }
        for item in roomList { rooms.append(try room(item, topology: topology)) }
        let traffic = try top["traffic"].map { v throws(ScenarioError) in try self.traffic(v) } ?? Workload.Traffic()
        let objectives = try top["objectives"].map { v throws(ScenarioError) in try self.objectives(v) } ?? []
        return Workload(file: root.file, name: try top["name"]?.string(), seed: seed, duration: duration, cipherSuite: suite,
                        cryptoTime: cryptoTime, model: model, rooms: rooms, traffic: traffic, objectives: objectives)
    }

    static func choice(_ v: YAMLValue, _ options: [String]) throws(ScenarioError) -> String {
        let s = try v.string()
        guard options.contains(s) else { throw v.error(.invalidValue, "'\(s)' is not one of: \(options.joined(separator: ", "))") }
        return s
    }

    static func room(_ v: YAMLValue, topology: Topology?) throws(ScenarioError) -> Workload.RoomSpec {
        let m = try v.mapping(allowed: roomKeys)
        let count = try m["count"]?.integer(in: 1...100_000) ?? 1
        let hubValue = try m.required("hub")
        let hub = try hubValue.string()
        try checkProvider(hub, at: hubValue, topology: topology)
        let users = try m.required("users").integer(in: 1...100_000)
        var spread: [(String, Double)] = [(hub, 1)]
        if let s = m["spread"] {
            if !s.isMapping, (try? s.string()) == "even" {
                guard let topology else { throw s.error(.invalidValue, "'even' needs the topology; pass --topology") }
                spread = topology.providers.map { ($0.domain, 1 / Double(topology.providers.count)) }
            } else {
                let shares = try s.mapping(allowed: [])
                var list: [(String, Double)] = []
                for entry in shares.entries {
                    try checkProvider(entry.key, at: entry.keyValue, topology: topology)
                    list.append((entry.key, try entry.value.percent(allowHundred: true)))
                }
                let total = list.reduce(0) { $0 + $1.1 }
                guard !list.isEmpty, abs(total - 1) < 1e-9 else {
                    throw s.error(.invalidValue, "shares must add up to 100% (they add up to \(String(format: "%g", total * 100))%)")
                }
                spread = list
            }
        }
        let clients = try m["clients_per_user"]?.integer(in: 1...64) ?? 1
        let policy = try m["policy"].map { p throws(ScenarioError) in try choice(p, policies) } ?? "cooperative"
        return Workload.RoomSpec(count: count, hub: hub, users: users, spread: spread, clientsPerUser: clients, policy: policy)
    }

    static func checkProvider(_ domain: String, at v: YAMLValue, topology: Topology?) throws(ScenarioError) {
        guard let topology else { return }
        guard topology.providers.contains(where: { $0.domain == domain }) else {
            throw v.error(.unknownName, "no provider named '\(domain)' in \(topology.file) (providers: \(topology.providers.map(\.domain).joined(separator: ", ")))")
        }
    }

    static func traffic(_ v: YAMLValue) throws(ScenarioError) -> Workload.Traffic {
        let m = try v.mapping(allowed: trafficKeys)
        var t = Workload.Traffic()
        if let msg = m["messages"] {
            let mm = try msg.mapping(allowed: messageKeys)
            let per = try mm["per"].map { p throws(ScenarioError) in try choice(p, ["room", "user"]) } ?? "room"
            let arrival = try mm["arrival"].map { a throws(ScenarioError) in try choice(a, ["poisson", "constant"]) } ?? "poisson"
            t.messages = Workload.MessageTraffic(ratePerSecond: try rate(mm.required("rate")), perUser: per == "user",
                                                 poisson: arrival == "poisson", size: try mm["size"].map { s throws(ScenarioError) in try size(s) } ?? .constant(200))
        }
        if let u = m["updates"] {
            let um = try u.mapping(allowed: updateKeys)
            let per = try um["per"].map { p throws(ScenarioError) in try choice(p, ["member", "room"]) } ?? "room"
            t.updates = Workload.UpdateTraffic(every: try um.required("every").positiveDuration(), perMember: per == "member")
        }
        if let c = m["churn"] {
            let cm = try c.mapping(allowed: churnKeys)
            func r(_ k: String) throws(ScenarioError) -> Double { try cm[k].map { x throws(ScenarioError) in try rate(x) } ?? 0 }
            t.churn = Workload.Churn(addPerSecond: try r("add"), removePerSecond: try r("remove"), leavePerSecond: try r("leave"),
                                     newDevicePerSecond: try r("new_device"))
        }
        return t
    }

    /// A rate such as `20/s`, `2/min`, `30/h` (events per second, > 0).
    static func rate(_ v: YAMLValue) throws(ScenarioError) -> Double {
        let s = try v.string()
        let parts = s.split(separator: "/", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let n = Double(parts[0]), n.isFinite, n > 0 else {
            throw v.error(.badUnit, "'\(s)' is not a rate; write a count per unit of time, e.g. 20/s, 2/min, 30/h")
        }
        let per: Double
        switch parts[1] {
        case "s": per = 1
        case "min": per = 60
        case "h": per = 3600
        default: throw v.error(.badUnit, "unknown rate unit '/\(parts[1])'; use /s, /min or /h")
        }
        guard n / per <= 1_000_000 else { throw v.error(.invalidValue, "rate \(s) is above 1,000,000/s") }
        return n / per
    }

    /// A size (`200B`, `1KiB`) or `{ uniform: { min, max } }` / `{ lognormal: { median, p99 } }`.
    static func size(_ v: YAMLValue) throws(ScenarioError) -> Workload.SizeDistribution {
        let range = 0...(16 << 20)
        if !v.isMapping { return .constant(try v.bytes(in: range)) }
        let m = try v.mapping(allowed: ["constant", "uniform", "lognormal"])
        let (kind, body) = try m.exactlyOne(of: ["constant", "uniform", "lognormal"])
        switch kind {
        case "constant":
            return .constant(try body.bytes(in: range))
        case "uniform":
            let p = try body.mapping(allowed: ["min", "max"])
            let lo = try p.required("min").bytes(in: range), hi = try p.required("max").bytes(in: range)
            guard lo <= hi else { throw body.error(.invalidValue, "min must not be above max") }
            return .uniform(min: lo, max: hi)
        default:
            let p = try body.mapping(allowed: ["median", "p99"])
            let median = try p.required("median").bytes(in: 1...range.upperBound), p99 = try p.required("p99").bytes(in: 1...range.upperBound)
            guard p99 > median else { throw body.error(.invalidValue, "need median < p99") }
            return .lognormal(median: median, p99: p99)
        }
    }

    static func objectives(_ v: YAMLValue) throws(ScenarioError) -> [(metric: String, limit: Double)] {
        let m = try v.mapping(allowed: [])
        var out: [(String, Double)] = []
        for entry in m.entries {
            let key = entry.key
            guard let metric = objectiveMetrics.first(where: { key.hasPrefix($0 + ".") }),
                  objectiveStats.contains(String(key.dropFirst(metric.count + 1))) else {
                throw entry.keyValue.error(.unknownName, "unknown objective '\(key)'; use <metric>.<stat> with metric one of \(objectiveMetrics.joined(separator: ", ")) and stat one of \(objectiveStats.joined(separator: ", "))")
            }
            out.append((key, try entry.value.positiveNumber()))
        }
        return out
    }
}
