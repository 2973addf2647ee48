/// A set of hosts named by region and by host (a host belongs if its region or itself is listed).
public struct HostGroup: Sendable, Equatable {
    /// Regions whose every host (present or added later) belongs.
    public var regions: [RegionID]
    /// Individual hosts that belong.
    public var hosts: [HostID]
    /// A group of the given regions and hosts.
    public init(regions: [RegionID] = [], hosts: [HostID] = []) { self.regions = regions; self.hosts = hosts }
}

/// What a partition does with the messages it covers.
public enum PartitionMode: String, Sendable, Equatable {
    /// Keep them at the sender and send them, in order, when the partition heals.
    case hold
    /// Lose them (counted, and reported with `.messageLost`).
    case drop
}

/// A network partition between two groups of hosts.
public struct PartitionSpec: Sendable, Equatable {
    /// One side.
    public var sideA: HostGroup
    /// The other side.
    public var sideB: HostGroup
    /// Whether messages from B to A are cut too (symmetric), or only A to B (one-sided).
    public var symmetric: Bool
    /// Hold or drop covered messages.
    public var mode: PartitionMode
    /// A partition of the given sides, direction and mode.
    public init(sideA: HostGroup, sideB: HostGroup, symmetric: Bool, mode: PartitionMode) {
        self.sideA = sideA; self.sideB = sideB; self.symmetric = symmetric; self.mode = mode
    }
}

/// A partition's membership tables, whether it is active, and the messages it holds.
struct PartitionState {
    let mode: PartitionMode
    let symmetric: Bool
    var regionInA: [Bool], regionInB: [Bool]
    var hostsA: Set<UInt32>, hostsB: Set<UInt32>   // membership lookups only, never iterated
    var held = SlotQueue()

    init(_ spec: PartitionSpec, regionCount: Int) {
        mode = spec.mode; symmetric = spec.symmetric
        regionInA = [Bool](repeating: false, count: regionCount)
        regionInB = regionInA
        for r in spec.sideA.regions { regionInA[Int(r.index)] = true }
        for r in spec.sideB.regions { regionInB[Int(r.index)] = true }
        hostsA = Set(spec.sideA.hosts.map(\.index)); hostsB = Set(spec.sideB.hosts.map(\.index))
    }

    func inA(_ h: Host, _ i: UInt32) -> Bool { regionInA[Int(h.region)] || hostsA.contains(i) }
    func inB(_ h: Host, _ i: UInt32) -> Bool { regionInB[Int(h.region)] || hostsB.contains(i) }

    /// Whether a message from `s` to `d` crosses this partition in a cut direction.
    func covers(from s: Host, _ si: UInt32, to d: Host, _ di: UInt32) -> Bool {
        (inA(s, si) && inB(d, di)) || (symmetric && inB(s, si) && inA(d, di))
    }
}

/// A scheduled change to the network.
enum FaultAction {
    case partitionBegin(Int), partitionEnd(Int)
    case crash(UInt32), restart(UInt32)
    case changeLinks([UInt32], LinkChange)
}

extension VirtualNetwork {
    /// Schedules a partition active over [start, end) (`end` nil: until the run ends). Whether a message
    /// is covered is decided when it is sent; held messages are released in send order at `end`.
    public func schedulePartition(_ spec: PartitionSpec, from start: Instant, until end: Instant?) throws(SimulatorError) {
        for r in spec.sideA.regions + spec.sideB.regions { try checkRegion(r) }
        for h in spec.sideA.hosts + spec.sideB.hosts { try checkHost(h) }
        try checkWindow(start, end)
        partitions.append(PartitionState(spec, regionCount: regionNames.count))
        let p = partitions.count - 1
        scheduleFault(.partitionBegin(p), at: start)
        if let end { scheduleFault(.partitionEnd(p), at: end) }
    }

    /// Schedules `host` to crash at `at` and (optionally) restart at `restartAt`. At the crash every
    /// message in flight or held to or from it, and every job on its CPU, is lost and counted.
    public func scheduleCrash(of host: HostID, at: Instant, restartAt: Instant?) throws(SimulatorError) {
        try checkHost(host)
        try checkWindow(at, restartAt)
        scheduleFault(.crash(host.index), at: at)
        if let restartAt { scheduleFault(.restart(host.index), at: restartAt) }
    }

    /// Schedules a change of `links`' parameters at `at`; bandwidth changes apply from the next
    /// message a link starts to serialize, latency changes from the next message it propagates.
    public func scheduleLinkChange(_ links: [LinkID], _ change: LinkChange, at: Instant) throws(SimulatorError) {
        for l in links {
            guard Int(l.index) < self.links.count else { throw SimulatorError(.unknownEntity, "no link #\(l.index)") }
            try change.applied(to: self.links[Int(l.index)].parameters).validate()
        }
        try checkWindow(at, nil)
        scheduleFault(.changeLinks(links.map(\.index), change), at: at)
    }

    func checkWindow(_ start: Instant, _ end: Instant?) throws(SimulatorError) {
        guard start >= engine.now else { throw SimulatorError(.invalidTime, "fault at \(start) is before now (\(engine.now))") }
        if let end, end <= start { throw SimulatorError(.invalidTime, "fault window ends (\(end)) before it starts (\(start))") }
    }

    func scheduleFault(_ action: FaultAction, at: Instant) {
        faultActions.append(action)
        engine.schedule(at: at, kind: .faultAction, actor: .none, payload: UInt64(faultActions.count - 1))
    }

    @usableFromInline
    func performFault(_ index: Int) {
        switch faultActions[index] {
        case .partitionBegin(let p):
            activePartitions.append(p)
        case .partitionEnd(let p):
            activePartitions.removeAll { $0 == p }
            while let reference = partitions[p].held.popFirst() {
                let slot = UInt32(truncatingIfNeeded: reference)
                if messages[Int(slot)].generation == UInt32(truncatingIfNeeded: reference >> 32), messages[Int(slot)].state == .held {
                    admit(slot)
                }
            }
        case .crash(let h):
            crash(h)
        case .restart(let h):
            hosts[Int(h)].up = true
        case .changeLinks(let ids, let change):
            for l in ids { links[Int(l)].parameters = change.applied(to: links[Int(l)].parameters) }
        }
    }

    /// Takes a host down: loses (in slot order) every live message to or from it and every job on it.
    func crash(_ h: UInt32) {
        guard hosts[Int(h)].up else { return }
        hosts[Int(h)].up = false
        for slot in messages.indices {
            let m = messages[slot]
            guard m.source == h || m.destination == h else { continue }
            switch m.state {
            case .held, .inFlight, .arriving: markLost(UInt32(slot), .hostCrashed)
            default: break
            }
        }
        for slot in jobs.indices where jobs[slot].host == h && (jobs[slot].state == .waiting || jobs[slot].state == .running) {
            loseJob(UInt32(slot))
        }
        hosts[Int(h)].busyCores = 0
        hosts[Int(h)].waitingJobs.removeAll()
    }
}
