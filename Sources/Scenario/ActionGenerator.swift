import Foundation
import Simulator

/// Turns a workload into its time-ordered action list: per room and per traffic kind an independent random
/// stream (seed + stable name), so adding a room or a kind changes no other stream's draws. Open model:
/// arrivals do not depend on responses.
public enum ActionGenerator {
    /// Every action of the workload's traffic phase, ordered by (time, room, kind, generation order).
    public static func actions(for workload: Workload) -> [TraceAction] {
        var out: [(TraceAction, Int)] = []
        var sequence = 0
        let end = workload.duration.nanoseconds
        var roomIndex = 0
        for spec in workload.rooms {
            for _ in 0..<spec.count {
                let room = roomIndex
                roomIndex += 1
                func emit(_ kind: TraceAction.Kind, ratePerSecond: Double, poisson: Bool, size: ((inout RandomStream) -> Int)? = nil) {
                    guard ratePerSecond > 0 else { return }
                    var stream = RandomStream(seed: workload.seed, name: "room-\(room)/\(kind.rawValue)")
                    let meanGap = 1e9 / ratePerSecond
                    var t = 0.0
                    while true {
                        t += poisson ? -log(stream.nextOpenUnit()) * meanGap : meanGap
                        guard t < Double(end) else { break }
                        let bytes = size.map { $0(&stream) } ?? 0
                        out.append((TraceAction(t_ns: Int64(t), room: room, kind: kind, pick: stream.next(), size: bytes), sequence))
                        sequence += 1
                    }
                }
                if let m = workload.traffic.messages {
                    let rate = m.perUser ? m.ratePerSecond * Double(spec.users) : m.ratePerSecond
                    emit(.message, ratePerSecond: rate, poisson: m.poisson) { stream in sample(m.size, &stream) }
                }
                if let u = workload.traffic.updates {
                    let perRoom = 1e9 / Double(u.every.nanoseconds)
                    emit(.update, ratePerSecond: u.perMember ? perRoom * Double(spec.users) : perRoom, poisson: u.perMember)
                }
                if let c = workload.traffic.churn {
                    emit(.add, ratePerSecond: c.addPerSecond, poisson: true)
                    emit(.remove, ratePerSecond: c.removePerSecond, poisson: true)
                    emit(.leave, ratePerSecond: c.leavePerSecond, poisson: true)
                    emit(.newDevice, ratePerSecond: c.newDevicePerSecond, poisson: true)
                }
            }
        }
        return out.sorted { a, b in
            (a.0.t_ns, a.0.room, a.1) < (b.0.t_ns, b.0.room, b.1)
        }.map(\.0)
    }

    /// One size from a size distribution, in bytes (at least 1).
    static func sample(_ size: Workload.SizeDistribution, _ stream: inout RandomStream) -> Int {
        switch size {
        case .constant(let n): return n
        case .uniform(let lo, let hi): return lo + Int(stream.next(below: UInt64(hi - lo + 1)))
        case .lognormal(let median, let p99):
            let d = Distribution.lognormal(median: Double(median), p99: Double(p99))
            return max(1, Int(d.sample(&stream).rounded()))
        }
    }
}
