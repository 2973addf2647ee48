import Simulator

/// A federation's network as a topology file describes it: regions, the links between and within
/// them, providers, client access links and a fault schedule. Names are resolved and checked.
public struct Topology: Sendable {
    /// The file it was read from (for messages).
    public var file: String
    /// Optional display name.
    public var name: String?
    /// Region names, in file order.
    public var regions: [String]
    /// Directed region links, in file order (`between` yields two).
    public var links: [RegionLink]
    /// Providers, in file order.
    public var providers: [Provider]
    /// Access link and cores of client devices, unless a provider overrides them.
    public var defaultClient: ClientAccess?
    /// Per-provider client settings (provider domain, settings), in file order.
    public var clientOverrides: [(domain: String, access: ClientAccess)]
    /// Faults, in file order, each expanded into its occurrences.
    public var faults: [Fault]

    /// A directed link from one region to another (or within one).
    public struct RegionLink: Sendable {
        /// Source region.
        public var from: String
        /// Destination region.
        public var to: String
        /// Latency, jitter, bandwidth, loss.
        public var parameters: LinkParameters
    }

    /// A provider server.
    public struct Provider: Sendable {
        /// Its domain, e.g. `a.example` (also its host name).
        public var domain: String
        /// The region it sits in.
        public var region: String
        /// CPU cores.
        public var cores: Int
        /// Its own access link, if it has one.
        public var access: LinkParameters?
    }

    /// How client devices attach: one access link (each direction) and a CPU.
    public struct ClientAccess: Sendable {
        /// The access link.
        public var link: LinkParameters
        /// CPU cores of the device.
        public var cores: Int
    }

    /// A set of hosts: whole regions and individual providers.
    public struct Endpoints: Sendable, Equatable {
        /// Region names.
        public var regions: [String]
        /// Provider domains.
        public var providers: [String]
    }

    /// One scheduled fault with the windows in which it is active.
    public struct Fault: Sendable {
        /// What happens.
        public var action: Action
        /// [start, end) windows; end nil means until the run ends.
        public var windows: [(start: SimDuration, end: SimDuration?)]
        /// Line in the file (for messages).
        public var line: Int?
    }

    /// What a fault does.
    public enum Action: Sendable {
        /// Cut (hold or drop) messages from `sideA` to `sideB`, and back if symmetric.
        case partition(sideA: Endpoints, sideB: Endpoints, symmetric: Bool, mode: PartitionMode)
        /// Crash a provider (restarting at the window's end, if any).
        case crash(provider: String)
        /// Change links' parameters (reverting at the window's end, if any).
        case changeLinks(LinkSelector, LinkChange)
    }

    /// Which links a change applies to.
    public enum LinkSelector: Sendable, Equatable {
        /// Directed region links, as (from, to) pairs.
        case regions([(from: String, to: String)])
        /// A provider's access link, both directions.
        case access(provider: String)

        /// Compares selectors.
        public static func == (lhs: LinkSelector, rhs: LinkSelector) -> Bool {
            switch (lhs, rhs) {
            case (.regions(let a), .regions(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.from == $1.from && $0.to == $1.to }
            case (.access(let a), .access(let b)): return a == b
            default: return false
            }
        }
    }
}
