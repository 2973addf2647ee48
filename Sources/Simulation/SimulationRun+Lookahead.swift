import MIMI
import MLSCrypto
import Simulator

/// The state of handling deliveries ahead: results waiting for their events, what the current round knows of
/// each host, and the worker threads.
struct Lookahead {
    /// A client's delivery handled ahead: the message, the outputs, the CPU cost and the client's next timeout
    /// after it.
    struct PreparedInput {
        let message: MessageID
        let batch: SimulationRun.Batch
        let cost: UInt64
        let timeout: MIMI.Instant?
    }

    /// One delivery to handle ahead.
    struct Candidate {
        let host: Int
        let message: MessageID
        let time: Int64
        let transmit: Transmit
        /// The host's previous candidate in this round (-1 for the first).
        let previous: Int
        var valid = true
    }

    /// What a round knows of a host it has seen an input for.
    struct HostRound {
        /// The round this is about (older values are stale: the host was not seen in the current round).
        var round: UInt32 = 0
        /// Whether later deliveries can still join the host's chain.
        var open = true
        /// How many of the host's deliveries handled in earlier rounds this round has seen pending, in order.
        var matched = 0
        /// The host's last candidate in this round (-1: none).
        var tail = -1
    }

    /// Most pending events one round looks at, and most deliveries it handles ahead.
    static let maxEvents = 8192
    static let maxDeliveries = 2048

    /// Each host's deliveries handled ahead, in delivery order, and how many wait in all.
    var prepared: [[PreparedInput]] = []
    var count = 0
    /// The last virtual time the engine runs to now, while deliveries may be handled ahead (traffic phase, more
    /// than one thread); nil otherwise.
    var limit: Simulator.Instant?
    /// Per host, what the last round that saw an input for it knows of it.
    var hosts: [HostRound] = []
    var round: UInt32 = 0
    /// The last round's size (deliveries handled) and start (virtual nanoseconds).
    var lastRoundSize = 0
    var lastRoundStart: Int64 = 0
    /// Deliveries handled before their turn so far (a round's first delivery, handled in its turn, excluded).
    var handledAhead = 0
    /// The threads that handle deliveries ahead (started on the first round).
    var workers: WorkerPool?

    /// Makes room for one more host.
    mutating func addHost() {
        prepared.append([]); hosts.append(HostRound())
    }

    /// The next delivery handled ahead for host `h`, removed, if any.
    mutating func takePrepared(host h: Int) -> PreparedInput? {
        guard count > 0, !prepared[h].isEmpty else { return nil }
        count -= 1
        return prepared[h].removeFirst()
    }

    /// Stops the worker threads.
    mutating func stopWorkers() {
        workers?.shutDown()
        workers = nil
    }
}

/// Handling clients' deliveries ahead of their turn, on several threads, with results identical to handling
/// them in event order.
///
/// A client's state changes only through its own inputs (deliveries, timers, commands), and handling one
/// depends only on that state, the input and its time: the outputs leave later, through a CPU job, in event
/// order. So a delivery can be handled early when nothing else can reach the client before it.
///
/// A round starts at a delivery to a client and reads the engine's pending events in order (`Engine.upcoming`),
/// as the network classifies them (`VirtualNetwork.pendingInput`). A client's deliveries (last hops ending in
/// order) form its chain of candidates while each comes sooner than any message not yet on its last hop could
/// reach the client (`lastHopLatencyBound`) and no other input of the client (a timer, an out-of-order arrival)
/// comes first; an input at the same instant as candidates, seen after them, is handled before their delivery
/// events (those are scheduled when their last hop ends), so it drops them. An action (it may command any
/// client) or a fault ends what a round can see. Each chain runs on one thread, in order, and stops where the
/// client's own next timeout would come first. Each result is used when its delivery event comes (with the
/// timeout the client had then); any mismatch is reported as a driver error (it would be a bug here).
extension SimulationRun {
    /// Whether a delivery to `host` at `time` starts a round: in the traffic phase, to a client with nothing
    /// handled ahead, once half of the last round's results were used or a millisecond of virtual time passed
    /// (each round reads the pending events again, so rounds are not started on every delivery).
    func startsRound(_ host: HostID, at time: Int64) -> Bool {
        let h = Int(host.index)
        return ahead.limit != nil && kinds[h] == .client && ahead.prepared[h].isEmpty
            && (ahead.count * 2 <= ahead.lastRoundSize || time - ahead.lastRoundStart >= 1_000_000)
    }

    /// Finds the deliveries to clients that can be handled now (the one `event` brings to `host` first) and
    /// handles them on `options.threads` threads.
    func prepareAhead(from event: Event, to host: HostID, transmit: Transmit) {
        guard let limit = ahead.limit else { return }
        ahead.round &+= 1
        let t0 = event.time.nanoseconds
        ahead.lastRoundStart = t0
        var candidates: [Lookahead.Candidate] = []
        func see(_ h: Int) {
            if ahead.hosts[h].round != ahead.round { ahead.hosts[h] = Lookahead.HostRound(round: ahead.round, open: kinds[h] == .client) }
        }
        /// Another input reaches `h` at `time`: its chain ends, without the candidates at that same instant.
        func close(_ h: Int, at time: Int64) {
            see(h)
            ahead.hosts[h].open = false
            var c = ahead.hosts[h].tail
            while c >= 0, candidates[c].time == time { candidates[c].valid = false; c = candidates[c].previous }
        }
        func add(_ h: Int, _ id: MessageID, at time: Int64, _ t: Transmit) {
            candidates.append(Lookahead.Candidate(host: h, message: id, time: time, transmit: t, previous: ahead.hosts[h].tail))
            ahead.hosts[h].tail = candidates.count - 1
        }
        see(Int(host.index))
        add(Int(host.index), MessageID(payload: event.payload), at: t0, transmit)
        let horizon = min(limit.nanoseconds, t0 &+ net.maximumLastHopLatencyBound)
        let pending = net.engine.upcoming(maxCount: Lookahead.maxEvents, through: Simulator.Instant(nanoseconds: horizon))
        var seenUntil = pending.count == Lookahead.maxEvents ? (pending.last?.time ?? t0) : horizon &+ 1
        scan: for (n, e) in pending.enumerated() {
            if n == 0, e.time == t0, e.kind == EventKind.messageDelivered.rawValue, e.payload == event.payload { continue }
            switch net.pendingInput(e) {
            case .none:
                continue
            case .delivery(let id, let to):
                let h = Int(to.index)
                see(h)
                guard ahead.hosts[h].open else { continue }
                if ahead.hosts[h].matched < ahead.prepared[h].count {
                    // Handled in an earlier round and still to come: the chain goes on after it.
                    if ahead.prepared[h][ahead.hosts[h].matched].message == id { ahead.hosts[h].matched += 1 } else { close(h, at: e.time) }
                } else if candidates.count < Lookahead.maxDeliveries, e.time < t0 &+ net.lastHopLatencyBound(to: to),
                          let info = net.message(id), let t = inFlight.peek(info.tag) {
                    add(h, id, at: e.time, t)
                } else {
                    close(h, at: e.time)
                }
            case .mayDeliver(let to):
                close(Int(to.index), at: e.time)
            case .unpredictable:
                seenUntil = e.time
                break scan
            case .driverEvent:
                switch EventKind(rawValue: e.kind) {
                case .timer where Int(e.actor) < ahead.hosts.count: close(Int(e.actor), at: e.time)
                case .jobCompleted, .jobLost, .messageLost: continue   // outputs leave, or metrics: no client input
                default:
                    seenUntil = e.time   // an action: it may command any client
                    break scan
                }
            }
        }
        // Events at `seenUntil` or later were not looked at: a candidate there could be preceded by one of them.
        // Dropped candidates are a suffix of their host's chain.
        for c in candidates.indices where candidates[c].time >= seenUntil && c != 0 { candidates[c].valid = false }
        handleAhead(candidates)
    }

    /// Handles the valid `candidates` (each host's chain on one thread, in order) on `options.threads` threads
    /// and keeps each result for its delivery event.
    func handleAhead(_ candidates: [Lookahead.Candidate]) {
        // Chains: each host's candidates in order, as lists of indices.
        var chains: [[Int]] = []
        var chainOf: [Int: Int] = [:]   // host -> chain; lookups only
        for (k, c) in candidates.enumerated() where c.valid {
            if let chain = chainOf[c.host] { chains[chain].append(k) } else { chainOf[c.host] = chains.count; chains.append([k]) }
        }
        guard !chains.isEmpty else { return }
        var results = [Lookahead.PreparedInput?](repeating: nil, count: candidates.count)
        let pool = ahead.workers ?? WorkerPool(count: options.threads)
        ahead.workers = pool
        let threads = pool.count
        nonisolated(unsafe) let run = self
        results.withUnsafeMutableBufferPointer { out in
            clients.withUnsafeMutableBufferPointer { nodes in
                nonisolated(unsafe) let out = out, nodes = nodes
                pool.run { worker in
                    var readings = [UInt64](repeating: 0, count: 2 * run.primitives.count)
                    // A client always runs on the same thread (its state stays in that core's cache).
                    for chain in chains where candidates[chain[0]].host % threads == worker {
                        for c in chain {
                            // The client's own timeout would come first: the rest of the chain waits for its turn.
                            if let due = nodes[candidates[c].host]!.nextTimeout(), Int64(clamping: due.nanoseconds) <= candidates[c].time { break }
                            out[c] = run.handleEarly(candidates[c], nodes: nodes, readings: &readings)
                        }
                    }
                }
            }
        }
        var handled = 0
        for chain in chains {
            for c in chain {
                guard let result = results[c] else { break }
                ahead.prepared[candidates[c].host].append(result)
                handled += 1
            }
        }
        ahead.count += handled
        ahead.handledAhead += handled - (results[0] == nil ? 0 : 1)
        ahead.lastRoundSize = handled
    }

    /// Runs one candidate's delivery on its client (on a worker thread: only that client's state, its own meter
    /// actor's counts and the locked shared memos are touched).
    func handleEarly(_ c: Lookahead.Candidate, nodes: UnsafeMutableBufferPointer<Client?>, readings: inout [UInt64]) -> Lookahead.PreparedInput {
        let actor = meterActors[c.host]!
        readMeter(actor, into: &readings)
        nodes[c.host]!.handle(.received(c.transmit), now: MIMI.Instant(nanoseconds: UInt64(max(0, c.time))))
        let batch = Self.outputs(of: &nodes[c.host]!, host: HostID(actor: ActorID(rawValue: UInt32(c.host))))
        return Lookahead.PreparedInput(message: c.message, batch: batch, cost: charge(actor, since: readings), timeout: nodes[c.host]!.nextTimeout())
    }
}
