import Simulator

/// A topology instantiated on a `VirtualNetwork`: one host per provider, region links, the fault
/// schedule; client hosts are added on demand with their provider's client access settings.
public final class Federation {
    /// The topology it was built from.
    public let topology: Topology
    /// The network (and through it, the engine).
    public let network: VirtualNetwork
    /// Provider hosts, in the topology's provider order.
    public let providerHosts: [HostID]

    /// Builds the network for `topology` with master `seed` and schedules its faults.
    public init(topology: Topology, seed: UInt64) throws(ScenarioError) {
        self.topology = topology
        let net = VirtualNetwork(seed: seed)
        network = net
        func wrap<T>(line: Int? = nil, key: String? = nil, _ body: () throws(SimulatorError) -> T) throws(ScenarioError) -> T {
            do { return try body() } catch {
                throw ScenarioError(.invalidValue, error.message, file: topology.file, line: line, key: key, underlying: error)
            }
        }
        // A Topology built in code (not parsed) may name things that do not exist: check, never trap.
        try Self.checkNames(topology)
        var regionIDs: [RegionID] = []
        for r in topology.regions { regionIDs.append(try wrap { () throws(SimulatorError) in try net.addRegion(r) }) }
        func regionID(_ name: String) -> RegionID { regionIDs[topology.regions.firstIndex(of: name)!] }
        for l in topology.links {
            _ = try wrap { () throws(SimulatorError) in try net.setRegionLink(from: regionID(l.from), to: regionID(l.to), l.parameters) }
        }
        var hosts: [HostID] = []
        for p in topology.providers {
            hosts.append(try wrap { () throws(SimulatorError) in
                try net.addHost(p.domain, region: regionID(p.region), cores: p.cores, access: p.access)
            })
        }
        providerHosts = hosts
        for fault in topology.faults {
            try wrap(line: fault.line, key: "faults") { () throws(SimulatorError) in
                try Self.schedule(fault, on: net, topology: topology, regionID: regionID, hosts: hosts)
            }
        }
    }

    /// Every region and provider a topology refers to must be defined in it.
    static func checkNames(_ t: Topology) throws(ScenarioError) {
        func fail(_ what: String, _ line: Int? = nil) -> ScenarioError {
            ScenarioError(.unknownName, what, file: t.file, line: line, key: nil)
        }
        let domains = t.providers.map(\.domain)
        for l in t.links where !t.regions.contains(l.from) || !t.regions.contains(l.to) { throw fail("link \(l.from) -> \(l.to) names an unknown region") }
        for p in t.providers where !t.regions.contains(p.region) { throw fail("provider \(p.domain) is in unknown region \(p.region)") }
        for o in t.clientOverrides where !domains.contains(o.domain) { throw fail("client settings for unknown provider \(o.domain)") }
        for f in t.faults {
            var regions: [String] = [], providers: [String] = []
            switch f.action {
            case .partition(let a, let b, _, _): regions = a.regions + b.regions; providers = a.providers + b.providers
            case .crash(let p): providers = [p]
            case .changeLinks(.regions(let pairs), _): regions = pairs.flatMap { [$0.from, $0.to] }
            case .changeLinks(.access(let p), _): providers = [p]
            }
            if let r = regions.first(where: { !t.regions.contains($0) }) { throw fail("fault names unknown region \(r)", f.line) }
            if let p = providers.first(where: { !domains.contains($0) }) { throw fail("fault names unknown provider \(p)", f.line) }
        }
    }

    /// Reads `path` and builds it.
    public convenience init(path: String, seed: UInt64) throws(ScenarioError) {
        try self.init(topology: try TopologyParser.load(path: path), seed: seed)
    }

    /// The host of provider `domain`, if there is one.
    public func provider(_ domain: String) -> HostID? {
        topology.providers.firstIndex { $0.domain == domain }.map { providerHosts[$0] }
    }

    /// Adds a client device host called `name` in `domain`'s region, with the provider's client
    /// access link and cores (or the file's defaults).
    @discardableResult
    public func addClient(_ name: String, of domain: String) throws(ScenarioError) -> HostID {
        guard let index = topology.providers.firstIndex(where: { $0.domain == domain }) else {
            throw ScenarioError(.unknownName, "no provider named '\(domain)'", file: topology.file, line: nil, key: "providers")
        }
        guard let access = topology.clientOverrides.first(where: { $0.domain == domain })?.access ?? topology.defaultClient else {
            throw ScenarioError(.missingKey, "clients need 'clients.default' in the topology", file: topology.file, line: nil, key: "clients")
        }
        let region = network.region(of: providerHosts[index])
        do {
            return try network.addHost(name, region: region, cores: access.cores, access: access.link)
        } catch {
            throw ScenarioError(.invalidValue, error.message, file: topology.file, line: nil, key: "clients", underlying: error)
        }
    }

    static func schedule(_ fault: Topology.Fault, on net: VirtualNetwork, topology: Topology,
                         regionID: (String) -> RegionID, hosts: [HostID]) throws(SimulatorError) {
        func host(_ domain: String) -> HostID { hosts[topology.providers.firstIndex { $0.domain == domain }!] }
        func group(_ e: Topology.Endpoints) -> HostGroup { HostGroup(regions: e.regions.map(regionID), hosts: e.providers.map(host)) }
        for window in fault.windows {
            let start = Instant.zero + window.start
            let end = window.end.map { Instant.zero + $0 }
            switch fault.action {
            case .partition(let a, let b, let symmetric, let mode):
                try net.schedulePartition(PartitionSpec(sideA: group(a), sideB: group(b), symmetric: symmetric, mode: mode), from: start, until: end)
            case .crash(let domain):
                try net.scheduleCrash(of: host(domain), at: start, restartAt: end)
            case .changeLinks(let selector, let change):
                var links: [LinkID] = []
                switch selector {
                case .regions(let pairs):
                    for p in pairs {
                        guard let l = net.regionLink(from: regionID(p.from), to: regionID(p.to)) else {
                            throw SimulatorError(.unknownEntity, "fault on line \(fault.line ?? 0): no link from \(p.from) to \(p.to)")
                        }
                        links.append(l)
                    }
                case .access(let domain):
                    guard let up = net.uplink(of: host(domain)), let down = net.downlink(of: host(domain)) else {
                        throw SimulatorError(.unknownEntity, "fault on line \(fault.line ?? 0): provider \(domain) has no access link")
                    }
                    links = [up, down]
                }
                try net.scheduleLinkChange(links, change, at: start)
                if let end {
                    // Revert each changed field to the value the file configured.
                    for l in links {
                        let original = net.parameters(of: l)
                        let revert = LinkChange(latency: change.latency == nil ? nil : original.latency,
                                                jitter: change.jitter == nil ? nil : original.jitter,
                                                bitsPerSecond: change.bitsPerSecond == nil ? nil : (original.bitsPerSecond ?? .infinity),
                                                lossRate: change.lossRate == nil ? nil : original.lossRate)
                        try net.scheduleLinkChange([l], revert, at: end)
                    }
                }
            }
        }
    }
}
