import Simulator

extension Workload {
    /// The parameters `mimisim run --set` and `mimisim sweep --param` can change.
    public static let overridableKeys = ["users", "hub", "seed", "duration", "rate", "clients_per_user", "ciphersuite", "update_every"]

    /// This workload with `key` set to `value` in every room (or globally), checked like the file's own values.
    public func setting(_ key: String, to value: String, topology: Topology?) throws(ScenarioError) -> Workload {
        func bad(_ message: String) -> ScenarioError {
            ScenarioError(.invalidValue, message, file: "--set", line: nil, key: key)
        }
        var w = self
        switch key {
        case "users":
            guard let n = Int(value), (1...100_000).contains(n) else { throw bad("users must be a whole number from 1 to 100000") }
            for i in w.rooms.indices { w.rooms[i].users = n }
        case "clients_per_user":
            guard let n = Int(value), (1...64).contains(n) else { throw bad("clients_per_user must be 1...64") }
            for i in w.rooms.indices { w.rooms[i].clientsPerUser = n }
        case "hub":
            if let topology, !topology.providers.contains(where: { $0.domain == value }) {
                throw ScenarioError(.unknownName, "no provider named '\(value)' in \(topology.file)", file: "--set", line: nil, key: key)
            }
            for i in w.rooms.indices { w.rooms[i].hub = value }
        case "seed":
            guard let n = UInt64(value) else { throw bad("seed must be a whole number") }
            w.seed = n
        case "ciphersuite":
            guard let n = UInt16(value), (1...3).contains(n) else { throw bad("ciphersuite must be 1, 2 or 3") }
            w.cipherSuite = n
        case "duration", "update_every":
            guard case .success(let ns) = Units.duration(value), ns > 0 else { throw ScenarioError(.badUnit, "'\(value)' is not a duration such as 30s", file: "--set", line: nil, key: key) }
            if key == "duration" { w.duration = SimDuration(roundingNanoseconds: ns) }
            else { w.traffic.updates = UpdateTraffic(every: SimDuration(roundingNanoseconds: ns), perMember: w.traffic.updates?.perMember ?? false) }
        case "rate":
            let parts = value.split(separator: "/")
            guard parts.count == 2, let n = Double(parts[0]), n > 0, let per = ["s": 1.0, "min": 60, "h": 3600][String(parts[1])] else {
                throw ScenarioError(.badUnit, "'\(value)' is not a rate such as 20/s", file: "--set", line: nil, key: key)
            }
            var m = w.traffic.messages ?? MessageTraffic(ratePerSecond: 1, perUser: false, poisson: true, size: .constant(200))
            m.ratePerSecond = n / per
            w.traffic.messages = m
        default:
            throw ScenarioError(.unknownKey, "cannot set '\(key)'; settable: \(Self.overridableKeys.joined(separator: ", "))", file: "--set", line: nil, key: key)
        }
        return w
    }
}
