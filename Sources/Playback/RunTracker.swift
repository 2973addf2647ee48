import MIMI
import MLSCrypto
import Metrics

/// Times given to the recorder (`at`) count from the start of the traffic phase.
/// Turns provider and client events into the metrics of DESIGN.md: commit accept and converge latency,
/// message delivery latency (each recipient, and the last one), rejections, bytes, losses; and keeps what
/// the end-of-run checks need (who received which message).
package struct RunTracker {
    /// A client of a room.
    package struct ClientKey: Hashable {
        package let room: IdentifierURI
        package let client: IdentifierURI
    }

    /// An epoch of a room.
    package struct EpochKey: Hashable {
        package let room: IdentifierURI
        package let epoch: UInt64
    }

    /// A message of a room, by its server frank (hashed as one block of bytes, not byte by byte).
    package struct MessageKey: Hashable {
        package let room: IdentifierURI
        package let frank: [UInt8]

        /// The message of `room` with server frank `frank`.
        package init(room: IdentifierURI, frank: [UInt8]) { self.room = room; self.frank = frank }

        /// Hashes the frank only (32 random bytes, unique per message); `==` compares the room too.
        package func hash(into hasher: inout Hasher) {
            frank.withUnsafeBytes { hasher.combine(bytes: $0) }
        }

        /// The same room and frank bytes (compared with `memcmp`).
        package static func == (a: MessageKey, b: MessageKey) -> Bool { a.room == b.room && sameBytes(a.frank, b.frank) }
    }

    /// A commit accepted and not yet applied by every member: who must apply it, who did, and how many of
    /// the expected clients have not yet.
    package struct Converging {
        package let start: Int64
        package let expected: Set<IdentifierURI>
        package var seen: Set<IdentifierURI> = []
        package var remaining: Int
    }

    /// An accepted message: its expected recipients and who got it (with duplicates).
    package struct Accepted {
        package var expected: [IdentifierURI]
        package var got: [IdentifierURI]
        package var start: Int64?

        /// An accepted message with these recipients and deliveries.
        package init(expected: [IdentifierURI], got: [IdentifierURI], start: Int64?) { self.expected = expected; self.got = got; self.start = start }
    }

    /// Commit start times per room and client, oldest first (a client commits one at a time).
    package var commitStarts: [ClientKey: [Int64]] = [:]
    /// Commits accepted and not yet applied by every member, by room and epoch.
    package var converging: [EpochKey: Converging] = [:]
    /// Message start times by message id.
    package var messageStart: [UInt64: Int64] = [:]
    /// Accepted messages by room and frank.
    package var accepted: [MessageKey: Accepted] = [:]
    package var acceptedOrder: [MessageKey] = []
    package var commitsAccepted = 0
    /// The commits the hubs accepted while counting, in acceptance order (room and the epoch each started).
    package var acceptedCommits: [EpochKey] = []
    package var messagesSent = 0

    /// An empty tracker.
    package init() {}

    package mutating func commitStarted(room: IdentifierURI, client: IdentifierURI, at t: Int64) {
        commitStarts[ClientKey(room: room, client: client), default: []].append(t)
    }

    package mutating func transmitted(_ t: Transmit, metrics: inout MetricsRecorder) {
        let type: String
        switch t.kind {
        case .request(_, let route, _): type = "request." + route.description.replacingOccurrences(of: "/", with: ".")
        case .response: type = "response"
        case .push: type = "push"
        }
        var link: String?
        if case .provider(let a) = t.from, case .provider(let b) = t.to { link = "\(a)->\(b)" }
        try? metrics.recordBytes(UInt64(t.body.count), messageType: type, link: link)
    }

    package mutating func networkLoss(_ t: Transmit, metrics: inout MetricsRecorder, counting: Bool) {
        guard counting else { return }
        try? metrics.increment("network.lost_transmits")
    }

    package mutating func provider(_ e: ProviderEvent, run: some WorkloadDriver, counting: Bool) {
        let now = run.clockNanos
        let at = UInt64(max(0, now - run.trafficStartNanos))
        switch e {
        case .commitAccepted(let room, let epoch, let committer, let bytes, _, _, _):
            guard counting else { return }
            commitsAccepted += 1
            acceptedCommits.append(EpochKey(room: room, epoch: epoch))
            try? run.metrics.recordBytes(UInt64(bytes), messageType: "commit")
            let k = ClientKey(room: room, client: committer)
            guard commitStarts[k]?.isEmpty == false else { return }
            let start = commitStarts[k]!.removeFirst()
            try? run.metrics.recordLatency("commit.accept_ms", nanoseconds: UInt64(max(0, now - start)), at: at)
            let expected = Set(run.hubClients(room))
            converging[EpochKey(room: room, epoch: epoch)] = Converging(start: start, expected: expected, remaining: expected.count)
        case .commitRejected(_, _, let reason):
            guard counting else { return }
            try? run.metrics.increment("commit.rejected", label: Self.label(reason))
        case .messageAccepted(let room, let frank, _, let sender, let bytes, let recipients):
            guard counting else { return }
            try? run.metrics.recordBytes(UInt64(bytes), messageType: "application")
            let k = MessageKey(room: room, frank: frank)
            accepted[k, default: Accepted(expected: [], got: [], start: nil)].expected = recipients.filter { $0 != sender }
            acceptedOrder.append(k)
        case .messageRejected:
            if counting { try? run.metrics.increment("message.rejected", label: "epochTooOld") }
        case .fanoutSent(_, _, _, _, let attempt):
            if counting && attempt > 1 { try? run.metrics.increment("fanout.retries") }
        case .duplicateDropped:
            if counting { try? run.metrics.increment("fanout.duplicates_dropped") }
        default:
            break
        }
    }

    package static func label(_ r: HandshakeRejection) -> String {
        switch r {
        case .wrongEpoch: return "wrongEpoch"
        case .notAllowed: return "notAllowed"
        case .invalidProposal: return "invalidProposal"
        default: return "other"
        }
    }

    package mutating func client(_ e: ClientEvent, client: IdentifierURI, run: some WorkloadDriver, counting: Bool) {
        let now = run.clockNanos
        let at = UInt64(max(0, now - run.trafficStartNanos))
        switch e {
        case .epochChanged(let room, let epoch), .ownCommitMerged(let room, let epoch), .joined(let room, let epoch, _):
            let k = EpochKey(room: room, epoch: epoch)
            // In place (the sets are as large as the room); `remaining` counts expected clients not yet seen,
            // so "every expected client was seen" needs no pass over the sets.
            guard let start = converging[k]?.start else { return }
            if Self.recordApplied(&converging[k]!, client) {
                try? run.metrics.recordLatency("commit.converge_ms", nanoseconds: UInt64(max(0, now - start)), at: at)
                converging[k] = nil
            }
        case .delivered(let room, let frank, _, let content):
            guard counting, let id = Self.messageID(content), let start = messageStart[id] else { return }
            try? run.metrics.recordLatency("message.deliver_ms", nanoseconds: UInt64(max(0, now - start)), at: at)
            let k = MessageKey(room: room, frank: frank)
            let (got, expected) = Self.recordDelivery(&accepted[k, default: Accepted(expected: [], got: [], start: nil)], client, start)
            if expected > 0 && got == expected {
                try? run.metrics.recordLatency("message.last_deliver_ms", nanoseconds: UInt64(max(0, now - start)), at: at)
            }
        case .handshakeDropped(let room, let reason):
            if !counting { run.errors.append("setup: \(client) in \(room): \(reason)") }
            let k = ClientKey(room: room, client: client)
            if commitStarts[k]?.isEmpty == false { commitStarts[k]!.removeFirst() }
            if counting { try? run.metrics.increment("commit.dropped") }
        case .messageDropped:
            if counting { try? run.metrics.increment("message.dropped") }
        case .failed(_, let reason), .frankRejected(_, let reason):
            run.errors.append("\(client): \(reason)")
        default:
            break
        }
    }

    /// Over every accepted message: deliveries beyond the first to a client (`duplicates`), clients that got a message
    /// without being its recipient (`extra`), and recipients that never got it (`missing`).
    package func deliveryCounts() -> (duplicates: Int, extra: Int, missing: Int) {
        var duplicates = 0, missing = 0, extra = 0
        // Each client is numbered once for the whole count; per message, a mark per client number says whether it was
        // expected and got (0: neither, 1: expected, 2: expected and got, 3: got, not expected). Counts only: no order.
        var numbers: [IdentifierURI: Int] = [:]
        var marks: [UInt8] = []
        var touched: [Int] = []
        func number(_ client: IdentifierURI) -> Int {
            if let n = numbers[client] { return n }
            numbers[client] = marks.count
            marks.append(0)
            return marks.count - 1
        }
        for key in acceptedOrder {
            guard let a = accepted[key] else { continue }
            for client in a.expected {
                let n = number(client)
                if marks[n] == 0 { marks[n] = 1; touched.append(n) }
            }
            for client in a.got {
                let n = number(client)
                switch marks[n] {
                case 0: marks[n] = 3; touched.append(n); extra += 1
                case 1: marks[n] = 2
                default: duplicates += 1
                }
            }
            for n in touched {
                if marks[n] == 1 { missing += 1 }
                marks[n] = 0
            }
            touched.removeAll(keepingCapacity: true)
        }
        return (duplicates, extra, missing)
    }

    /// Marks `client` as having applied a converging commit, in place; returns whether every expected client has.
    static func recordApplied(_ c: inout Converging, _ client: IdentifierURI) -> Bool {
        if c.seen.insert(client).inserted && c.expected.contains(client) { c.remaining -= 1 }
        return c.remaining == 0
    }

    /// Adds a delivery to an accepted message in place; returns how many deliveries it has and expects.
    static func recordDelivery(_ a: inout Accepted, _ client: IdentifierURI, _ start: Int64) -> (got: Int, expected: Int) {
        a.got.append(client)
        a.start = start
        return (a.got.count, a.expected.count)
    }

    /// The message id the driver writes in the first 8 bytes of every message body.
    package static func messageID(_ content: [UInt8]) -> UInt64? {
        guard content.count >= 8 else { return nil }
        return content.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
