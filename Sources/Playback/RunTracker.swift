import MIMI
import Metrics

/// Times given to the recorder (`at`) count from the start of the traffic phase.
/// Turns provider and client events into the metrics of DESIGN.md: commit accept and converge latency,
/// message delivery latency (each recipient, and the last one), rejections, bytes, losses; and keeps what
/// the end-of-run checks need (who received which message).
package struct RunTracker {
    /// Commit start times per "room|client", oldest first (a client commits one at a time).
    package var commitStarts: [String: [Int64]] = [:]
    /// Commits accepted and not yet applied by every member: "room|epoch" → (start, expected, seen).
    package var converging: [String: (start: Int64, expected: Set<IdentifierURI>, seen: Set<IdentifierURI>)] = [:]
    /// Message start times by message id.
    package var messageStart: [UInt64: Int64] = [:]
    /// Accepted messages by "room|frank": expected recipients and who got them (with duplicates).
    package var accepted: [String: (expected: [IdentifierURI], got: [IdentifierURI], start: Int64?)] = [:]
    package var acceptedOrder: [String] = []
    package var commitsAccepted = 0
    package var messagesSent = 0

    /// An empty tracker.
    package init() {}

    package static func key(_ room: IdentifierURI, _ rest: String) -> String { "\(room.uri)|\(rest)" }
    package static func frankKey(_ room: IdentifierURI, _ frank: [UInt8]) -> String { key(room, frank.map { String($0, radix: 16) }.joined()) }

    package mutating func commitStarted(room: IdentifierURI, client: IdentifierURI, at t: Int64) {
        commitStarts[Self.key(room, client.uri), default: []].append(t)
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
            try? run.metrics.recordBytes(UInt64(bytes), messageType: "commit")
            let k = Self.key(room, committer.uri)
            guard var starts = commitStarts[k], !starts.isEmpty else { return }
            let start = starts.removeFirst()
            commitStarts[k] = starts
            try? run.metrics.recordLatency("commit.accept_ms", nanoseconds: UInt64(max(0, now - start)), at: at)
            let expected = Set(run.hubClients(room))
            converging[Self.key(room, String(epoch))] = (start, expected, [])
        case .commitRejected(_, _, let reason):
            guard counting else { return }
            try? run.metrics.increment("commit.rejected", label: Self.label(reason))
        case .messageAccepted(let room, let frank, _, let sender, let bytes, let recipients):
            guard counting else { return }
            try? run.metrics.recordBytes(UInt64(bytes), messageType: "application")
            let k = Self.frankKey(room, frank)
            accepted[k] = (recipients.filter { $0 != sender }, accepted[k]?.got ?? [], accepted[k]?.start)
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
            let k = Self.key(room, String(epoch))
            guard var c = converging[k] else { return }
            c.seen.insert(client)
            if c.expected.isSubset(of: c.seen) {
                try? run.metrics.recordLatency("commit.converge_ms", nanoseconds: UInt64(max(0, now - c.start)), at: at)
                converging[k] = nil
            } else {
                converging[k] = c
            }
        case .delivered(let room, let frank, _, let content):
            guard counting, let id = Self.messageID(content), let start = messageStart[id] else { return }
            try? run.metrics.recordLatency("message.deliver_ms", nanoseconds: UInt64(max(0, now - start)), at: at)
            let k = Self.frankKey(room, frank)
            var a = accepted[k] ?? ([], [], nil)
            a.got.append(client)
            a.start = start
            accepted[k] = a
            if !a.expected.isEmpty && a.got.count == a.expected.count {
                try? run.metrics.recordLatency("message.last_deliver_ms", nanoseconds: UInt64(max(0, now - start)), at: at)
            }
        case .handshakeDropped(let room, let reason):
            if !counting { run.errors.append("setup: \(client) in \(room): \(reason)") }
            let k = Self.key(room, client.uri)
            if var starts = commitStarts[k], !starts.isEmpty { starts.removeFirst(); commitStarts[k] = starts }
            if counting { try? run.metrics.increment("commit.dropped") }
        case .messageDropped:
            if counting { try? run.metrics.increment("message.dropped") }
        case .failed(_, let reason), .frankRejected(_, let reason):
            run.errors.append("\(client): \(reason)")
        default:
            break
        }
    }

    /// The message id the driver writes in the first 8 bytes of every message body.
    package static func messageID(_ content: [UInt8]) -> UInt64? {
        guard content.count >= 8 else { return nil }
        return content.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
