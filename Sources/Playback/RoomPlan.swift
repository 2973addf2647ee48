import MIMI
import Scenario

/// The rooms of a run and who is in them: every room of the workload with its hub, its users spread over
/// providers (largest-remainder rounding of the shares, in file order), and spare users for churn adds.
package struct RoomPlan {
    package struct Room {
        package let index: Int
        package let uri: IdentifierURI
        package let hub: String
        /// The creator first (a user of the hub), then the other initial users.
        package let users: [IdentifierURI]
        /// Users created up front to be added later by `add` actions (their KeyPackages published at start).
        package let spares: [IdentifierURI]
        package let clientsPerUser: Int
        package let spread: [(domain: String, share: Double)]
    }

    package let rooms: [Room]

    package init(workload: Workload, actions: [TraceAction]) {
        var rooms: [Room] = []
        var index = 0
        for spec in workload.rooms {
            for _ in 0..<spec.count {
                let counts = Self.apportion(spec.users, shares: spec.spread.map(\.share))
                var users: [IdentifierURI] = []
                for (d, (domain, _)) in spec.spread.enumerated() {
                    for k in 0..<counts[d] { users.append(MIMIURI.user("r\(index)-\(domain.split(separator: ".")[0])\(k)", domain: domain)) }
                }
                // The creator must be a user of the hub; make one when the spread gives the hub none.
                if let hubUser = users.firstIndex(where: { MIMIURI.domain(of: $0) == spec.hub }) {
                    users.insert(users.remove(at: hubUser), at: 0)
                } else {
                    users.insert(MIMIURI.user("r\(index)-creator", domain: spec.hub), at: 0)
                    users.removeLast()
                }
                let adds = actions.filter { $0.room == index && $0.kind == .add }
                let spares = adds.enumerated().map { (k, action) -> IdentifierURI in
                    let domain = Self.domain(for: action.pick, spread: spec.spread)
                    return MIMIURI.user("r\(index)-spare\(k)", domain: domain)
                }
                rooms.append(Room(index: index, uri: MIMIURI.room("room\(index)", hub: spec.hub), hub: spec.hub, users: users,
                                  spares: spares, clientsPerUser: spec.clientsPerUser, spread: spec.spread))
                index += 1
            }
        }
        self.rooms = rooms
    }

    /// Splits `total` by `shares` (summing to 1) with largest remainders, ties to the earlier share.
    static func apportion(_ total: Int, shares: [Double]) -> [Int] {
        let exact = shares.map { $0 * Double(total) }
        var counts = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { (exact[$0] - Double(counts[$0]), -$0) > (exact[$1] - Double(counts[$1]), -$1) }
        var left = total - counts.reduce(0, +)
        for i in order where left > 0 { counts[i] += 1; left -= 1 }
        return counts
    }

    /// The provider a random value selects by the spread's shares.
    static func domain(for pick: UInt64, spread: [(domain: String, share: Double)]) -> String {
        let u = Double(pick >> 11) * 0x1.0p-53
        var acc = 0.0
        for (domain, share) in spread {
            acc += share
            if u < acc { return domain }
        }
        return spread.last!.domain
    }
}
