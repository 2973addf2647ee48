import Simulator

/// A workload file (`Workloads/*.yaml`): rooms to create, traffic to generate, objectives to meet.
/// See `Workloads/README.md` for every key and unit.
public struct Workload: Sendable {
    /// The file it was read from.
    public var file: String
    /// Display name.
    public var name: String?
    /// The master seed of every random stream.
    public var seed: UInt64
    /// Simulated duration of the traffic phase.
    public var duration: SimDuration
    /// MLS cipher suite (1, 2 or 3).
    public var cipherSuite: UInt16
    /// How MLS crypto is charged in virtual time.
    public var cryptoTime: CryptoTimeMode
    /// Open model (arrivals scheduled regardless of responses) or closed (each sender waits for its last message).
    public var model: ArrivalModel
    /// Room groups, in file order.
    public var rooms: [RoomSpec]
    /// Traffic generators.
    public var traffic: Traffic
    /// Objectives: metric path (`commit.converge_ms.p99`) → upper bound.
    public var objectives: [(metric: String, limit: Double)]

    /// How crypto operations are charged in virtual time.
    public enum CryptoTimeMode: String, Sendable, CaseIterable {
        /// Each primitive costs its entry in a calibration table (deterministic; the default).
        case calibrated
        /// Each primitive costs the thread CPU time it really took.
        case measured
        /// Crypto takes no virtual time.
        case free
    }

    /// Arrival model of generated traffic.
    public enum ArrivalModel: String, Sendable {
        /// Arrivals are scheduled independently of responses (no coordinated omission).
        case open
        /// Each sender sends its next message only after its previous one was accepted.
        case closed
    }

    /// One line of `rooms`: `count` rooms with the same shape.
    public struct RoomSpec: Sendable {
        /// How many rooms of this shape.
        public var count: Int
        /// The hub provider's domain.
        public var hub: String
        /// Users per room.
        public var users: Int
        /// Share of users per provider domain (fractions summing to 1), in file order.
        public var spread: [(domain: String, share: Double)]
        /// Devices per user.
        public var clientsPerUser: Int
        /// The room policy role set (`cooperative`, `strict`, `moderated`, `multi-org`).
        public var policy: String
    }

    /// Traffic generators (each optional).
    public struct Traffic: Sendable {
        /// Application messages.
        public var messages: MessageTraffic?
        /// Periodic self-updates (commits with a path).
        public var updates: UpdateTraffic?
        /// Membership churn.
        public var churn: Churn?
    }

    /// Application message traffic.
    public struct MessageTraffic: Sendable {
        /// Messages per second (per room or per user, see `perUser`).
        public var ratePerSecond: Double
        /// Whether the rate is per user (otherwise per room).
        public var perUser: Bool
        /// Poisson (exponential gaps) or constant gaps.
        public var poisson: Bool
        /// Message body size in bytes.
        public var size: SizeDistribution
    }

    /// Periodic self-updates.
    public struct UpdateTraffic: Sendable {
        /// Mean time between updates of one member (or of one room, see `perMember`).
        public var every: SimDuration
        /// Whether each member updates at this period (otherwise one update per room per period).
        public var perMember: Bool
    }

    /// Membership churn rates, per room, in events per second.
    public struct Churn: Sendable {
        /// New users added.
        public var addPerSecond: Double
        /// Users removed by another member.
        public var removePerSecond: Double
        /// Users leaving (SelfRemove).
        public var leavePerSecond: Double
        /// New devices of existing users joining by external commit.
        public var newDevicePerSecond: Double
    }

    /// A distribution of sizes in bytes.
    public enum SizeDistribution: Sendable, Equatable {
        /// Always this many bytes.
        case constant(Int)
        /// Uniform between the bounds (inclusive).
        case uniform(min: Int, max: Int)
        /// Lognormal with this median and 99th percentile.
        case lognormal(median: Int, p99: Int)
    }

    /// The number of rooms.
    public var roomCount: Int { rooms.reduce(0) { $0 + $1.count } }
}
