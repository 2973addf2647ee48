/// The virtual world: regions, hosts with CPUs, directed links, messages, jobs and faults, driven by
/// one `Engine`.
///
/// A message from host A to host B crosses up to three links in order: A's uplink, the link from A's
/// region to B's region, and B's downlink (any of them may be absent). On each link it waits in a FIFO
/// for the wire, is serialized at the link's bandwidth, then propagates for a latency draw plus jitter
/// plus retransmission timeouts. Messages between the same two hosts are delivered in send order (one
/// HTTPS connection: a later message never overtakes an earlier one).
///
/// Drive it with `run(until:handler:)`: the network consumes its internal events and passes
/// `.messageDelivered`, `.messageLost`, `.jobCompleted`, `.jobLost`, `.timer` and user kinds to the handler.
public final class VirtualNetwork {
    /// The engine whose clock and queue the network uses.
    public let engine: Engine
    /// The master seed every link's random stream is derived from.
    public let seed: UInt64
    /// Counters over the run so far.
    @exclusivity(unchecked) public internal(set) var statistics = NetworkStatistics()

    @exclusivity(unchecked) var regionNames: [String] = []
    @exclusivity(unchecked) var regionLinks: [UInt32] = []          // regionCount x regionCount, noLink when absent
    @exclusivity(unchecked) var hosts: [Host] = []
    @exclusivity(unchecked) var links: [Link] = []
    @exclusivity(unchecked) var hostsByName: [String: UInt32] = [:] // lookups only, never iterated
    @exclusivity(unchecked) var messages: [MessageRecord] = []
    @exclusivity(unchecked) var freeMessageSlots: [UInt32] = []
    @exclusivity(unchecked) var jobs: [JobRecord] = []
    @exclusivity(unchecked) var freeJobSlots: [UInt32] = []
    @exclusivity(unchecked) var connections: [Connection] = []      // by index, kept in each message's record
    @exclusivity(unchecked) var connectionIndex: [UInt64: UInt32] = [:]  // (source << 32 | destination); lookups only, never iterated
    @exclusivity(unchecked) var faultActions: [FaultAction] = []
    @exclusivity(unchecked) var partitions: [PartitionState] = []
    @exclusivity(unchecked) var activePartitions: [Int] = []        // in activation order

    static let noLink = UInt32.max

    /// An empty network on `engine` (a fresh one by default) with master `seed`.
    public init(seed: UInt64, engine: Engine = Engine()) {
        self.seed = seed
        self.engine = engine
    }

    /// The current virtual time.
    public var now: Instant { engine.now }

    // MARK: building

    /// Adds a region; names must be unique.
    @discardableResult
    public func addRegion(_ name: String) throws(SimulatorError) -> RegionID {
        guard !regionNames.contains(name) else { throw SimulatorError(.duplicateName, "region '\(name)' already exists") }
        let old = regionNames.count, new = old + 1
        var grown = [UInt32](repeating: Self.noLink, count: new * new)
        for a in 0..<old { for b in 0..<old { grown[a * new + b] = regionLinks[a * old + b] } }
        regionLinks = grown
        regionNames.append(name)
        return RegionID(index: UInt32(old))
    }

    /// The region called `name`, if any.
    public func region(named name: String) -> RegionID? {
        regionNames.firstIndex(of: name).map { RegionID(index: UInt32($0)) }
    }

    /// Sets the directed link carrying traffic from hosts in `from` to hosts in `to` (`from == to` for
    /// traffic within a region). Without one, that traffic crosses no inter-region link.
    @discardableResult
    public func setRegionLink(from: RegionID, to: RegionID, _ parameters: LinkParameters) throws(SimulatorError) -> LinkID {
        try checkRegion(from); try checkRegion(to)
        try parameters.validate()
        let slot = Int(from.index) * regionNames.count + Int(to.index)
        if regionLinks[slot] != Self.noLink {
            links[Int(regionLinks[slot])].parameters = parameters
            return LinkID(index: regionLinks[slot])
        }
        let id = addLink(name: "\(regionNames[Int(from.index)])->\(regionNames[Int(to.index)])", parameters)
        regionLinks[slot] = id.index
        return id
    }

    /// The link from region `from` to region `to`, if set.
    public func regionLink(from: RegionID, to: RegionID) -> LinkID? {
        guard Int(from.index) < regionNames.count, Int(to.index) < regionNames.count else { return nil }
        let l = regionLinks[Int(from.index) * regionNames.count + Int(to.index)]
        return l == Self.noLink ? nil : LinkID(index: l)
    }

    /// Adds a host in `region` with `cores` CPU cores and an optional access link (used for both its
    /// uplink and its downlink, as two independent directed links). Names must be unique.
    @discardableResult
    public func addHost(_ name: String, region: RegionID, cores: Int, access: LinkParameters? = nil) throws(SimulatorError) -> HostID {
        try checkRegion(region)
        guard hostsByName[name] == nil else { throw SimulatorError(.duplicateName, "host '\(name)' already exists") }
        guard cores >= 1 else { throw SimulatorError(.invalidParameter, "host '\(name)' needs at least 1 core, got \(cores)") }
        var up = Self.noLink, down = Self.noLink
        if let access {
            try access.validate()
            up = addLink(name: "\(name)/up", access).index
            down = addLink(name: "\(name)/down", access).index
        }
        let index = UInt32(hosts.count)
        hosts.append(Host(name: name, region: region.index, cores: cores, uplink: up, downlink: down))
        hostsByName[name] = index
        return HostID(index: index)
    }

    /// The host called `name`, if any.
    public func host(named name: String) -> HostID? { hostsByName[name].map { HostID(index: $0) } }
    /// The name of `host`.
    public func name(of host: HostID) -> String { hosts[Int(host.index)].name }
    /// The region of `host`.
    public func region(of host: HostID) -> RegionID { RegionID(index: hosts[Int(host.index)].region) }
    /// The name of `region`.
    public func name(of region: RegionID) -> String { regionNames[Int(region.index)] }
    /// Number of hosts.
    public var hostCount: Int { hosts.count }
    /// Number of regions.
    public var regionCount: Int { regionNames.count }
    /// Whether `host` is up (not crashed).
    public func isUp(_ host: HostID) -> Bool { hosts[Int(host.index)].up }
    /// The uplink of `host`, if it has an access link.
    public func uplink(of host: HostID) -> LinkID? { hosts[Int(host.index)].uplink == Self.noLink ? nil : LinkID(index: hosts[Int(host.index)].uplink) }
    /// The downlink of `host`, if it has an access link.
    public func downlink(of host: HostID) -> LinkID? { hosts[Int(host.index)].downlink == Self.noLink ? nil : LinkID(index: hosts[Int(host.index)].downlink) }
    /// The current parameters of `link`.
    public func parameters(of link: LinkID) -> LinkParameters { links[Int(link.index)].parameters }
    /// Messages and bytes `link` has carried, and retransmissions it caused.
    public func counters(of link: LinkID) -> (messages: UInt64, bytes: UInt64, retransmissions: UInt64) {
        let l = links[Int(link.index)]
        return (l.messagesCarried, l.bytesCarried, l.retransmissions)
    }

    func addLink(name: String, _ parameters: LinkParameters) -> LinkID {
        links.append(Link(name: name, parameters: parameters, seed: seed))
        return LinkID(index: UInt32(links.count - 1))
    }

    func checkRegion(_ r: RegionID) throws(SimulatorError) {
        guard Int(r.index) < regionNames.count else { throw SimulatorError(.unknownEntity, "no region #\(r.index)") }
    }

    func checkHost(_ h: HostID) throws(SimulatorError) {
        guard Int(h.index) < hosts.count else { throw SimulatorError(.unknownEntity, "no host #\(h.index)") }
    }

    // MARK: running

    /// Processes events up to and including `limit`, passing driver-visible events to `handler`.
    @inlinable @discardableResult
    public func run<H: EventHandler>(until limit: Instant, handler: inout H) -> RunOutcome {
        var dispatcher = NetworkDispatcher(network: self, driver: handler)
        defer { handler = dispatcher.driver }
        return engine.run(until: limit, handler: &dispatcher)
    }

    /// Processes events until none are pending.
    @inlinable @discardableResult
    public func runUntilIdle<H: EventHandler>(handler: inout H) -> RunOutcome {
        run(until: .distantFuture, handler: &handler)
    }

    /// Processes events until `condition` holds, the queue empties or `limit` passes.
    @inlinable @discardableResult
    public func run<H: EventHandler>(handler: inout H, until limit: Instant = .distantFuture,
                                     stopWhen condition: (Engine) -> Bool) -> RunOutcome {
        var dispatcher = NetworkDispatcher(network: self, driver: handler)
        defer { handler = dispatcher.driver }
        return engine.run(handler: &dispatcher, until: limit, stopWhen: condition)
    }
}

/// Routes each event either to the network's own bookkeeping or to the driver.
@usableFromInline
struct NetworkDispatcher<Driver: EventHandler>: EventHandler {
    @usableFromInline let network: VirtualNetwork
    @usableFromInline var driver: Driver

    @inlinable init(network: VirtualNetwork, driver: Driver) { self.network = network; self.driver = driver }

    @inlinable mutating func handle(_ event: Event, engine: Engine) {
        switch event.kind {
        case .linkTransmitted: network.linkTransmitted(event)
        case .hopArrived: network.hopArrived(event)
        case .faultAction: network.performFault(Int(event.payload))
        case .messageDelivered:
            guard network.beginDelivery(event.payload) else { return }
            driver.handle(event, engine: engine)
            network.releaseMessage(event.payload)
        case .messageLost:
            driver.handle(event, engine: engine)
            network.releaseMessage(event.payload)
        case .jobCompleted:
            guard network.finishJob(event.payload) else { return }
            driver.handle(event, engine: engine)
            network.releaseJob(event.payload)
        case .jobLost:
            driver.handle(event, engine: engine)
            network.releaseJob(event.payload)
        default:
            driver.handle(event, engine: engine)
        }
    }
}

/// A host: its region, its CPU (cores, busy cores, FIFO of waiting jobs), its access links, up or down.
struct Host {
    let name: String
    let region: UInt32
    let cores: Int
    var uplink: UInt32
    var downlink: UInt32
    var busyCores = 0
    var waitingJobs = SlotQueue()
    var up = true

    init(name: String, region: UInt32, cores: Int, uplink: UInt32, downlink: UInt32) {
        self.name = name; self.region = region; self.cores = cores; self.uplink = uplink; self.downlink = downlink
    }
}
