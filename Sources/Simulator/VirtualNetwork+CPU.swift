/// Where a CPU job is in its life.
enum JobState: UInt8 { case free, waiting, running, finished, lost }

/// One CPU job in the network's table.
struct JobRecord {
    var host: UInt32 = 0
    var cost: Int64 = 0
    var tag: UInt64 = 0
    var submittedAt: Int64 = 0
    var startedAt: Int64 = -1
    var generation: UInt32 = 0
    var state = JobState.free
}

extension VirtualNetwork {
    /// Submits work costing `cost` of virtual CPU time to `host`. It waits FIFO for a free core, runs
    /// for `cost`, and the driver then sees `.jobCompleted` (actor: host, payload: the returned id).
    /// On a down host the job is lost at once (`.jobLost`).
    @discardableResult
    public func submitJob(on host: HostID, cost: SimDuration, tag: UInt64 = 0) throws(SimulatorError) -> JobID {
        try checkHost(host)
        guard cost.nanoseconds >= 0 else { throw SimulatorError(.invalidParameter, "job cost must be >= 0, got \(cost)") }
        let slot: UInt32
        if let s = freeJobSlots.popLast() { slot = s } else { jobs.append(JobRecord()); slot = UInt32(jobs.count - 1) }
        jobs[Int(slot)].host = host.index
        jobs[Int(slot)].cost = cost.nanoseconds
        jobs[Int(slot)].tag = tag
        jobs[Int(slot)].submittedAt = engine.nowNanoseconds
        jobs[Int(slot)].startedAt = -1
        jobs[Int(slot)].state = .waiting
        let h = Int(host.index)
        if !hosts[h].up {
            loseJob(slot)
        } else if hosts[h].busyCores < hosts[h].cores {
            startJob(slot)
        } else {
            hosts[h].waitingJobs.append(jobReference(slot))
        }
        return JobID(slot: slot, generation: jobs[Int(slot)].generation)
    }

    /// What the network knows about `id`; nil once its completed/lost event has been handled.
    public func job(_ id: JobID) -> JobInfo? {
        guard Int(id.slot) < jobs.count else { return nil }
        let j = jobs[Int(id.slot)]
        guard j.generation == id.generation, j.state != .free else { return nil }
        return JobInfo(id: id, host: HostID(index: j.host), cost: SimDuration(nanoseconds: j.cost), tag: j.tag,
                       submittedAt: Instant(nanoseconds: j.submittedAt),
                       startedAt: j.startedAt < 0 ? nil : Instant(nanoseconds: j.startedAt))
    }

    /// Cores of `host` busy now, and jobs waiting for one.
    public func cpuLoad(of host: HostID) -> (busyCores: Int, waitingJobs: Int) {
        let h = hosts[Int(host.index)]
        return (h.busyCores, h.waitingJobs.count)
    }

    func jobReference(_ slot: UInt32) -> UInt64 { UInt64(slot) | UInt64(jobs[Int(slot)].generation) << 32 }

    func startJob(_ slot: UInt32) {
        let h = Int(jobs[Int(slot)].host)
        hosts[h].busyCores += 1
        jobs[Int(slot)].state = .running
        jobs[Int(slot)].startedAt = engine.nowNanoseconds
        engine.schedule(at: engine.instant(after: jobs[Int(slot)].cost), kind: .jobCompleted,
                        actor: ActorID(rawValue: UInt32(h)), payload: jobReference(slot))
    }

    /// A job's completion event: frees its core and starts the next waiting job before the driver
    /// sees the completion (so work the driver submits now queues behind work already waiting).
    /// False if the job was lost meanwhile.
    @usableFromInline
    func finishJob(_ reference: UInt64) -> Bool {
        let slot = Int(UInt32(truncatingIfNeeded: reference))
        guard jobs[slot].generation == UInt32(truncatingIfNeeded: reference >> 32), jobs[slot].state == .running else { return false }
        jobs[slot].state = .finished
        statistics.jobsCompleted &+= 1
        let h = Int(jobs[slot].host)
        hosts[h].busyCores -= 1
        while let next = hosts[h].waitingJobs.popFirst() {
            let s = Int(UInt32(truncatingIfNeeded: next))
            if jobs[s].generation == UInt32(truncatingIfNeeded: next >> 32), jobs[s].state == .waiting {
                startJob(UInt32(s))
                break
            }
        }
        return true
    }

    func loseJob(_ slot: UInt32) {
        jobs[Int(slot)].state = .lost
        statistics.jobsLost &+= 1
        engine.schedule(at: engine.now, kind: .jobLost, actor: ActorID(rawValue: jobs[Int(slot)].host),
                        payload: jobReference(slot))
    }

    /// Frees a job's slot after the driver saw its final event.
    @usableFromInline
    func releaseJob(_ reference: UInt64) {
        let slot = Int(UInt32(truncatingIfNeeded: reference))
        guard jobs[slot].generation == UInt32(truncatingIfNeeded: reference >> 32), jobs[slot].state != .free else { return }
        jobs[slot].state = .free
        jobs[slot].generation &+= 1
        freeJobSlots.append(UInt32(slot))
    }
}
