import Scenario

/// How a live run is set up.
public struct LiveOptions: Sendable {
    /// The first three octets of the loopback addresses providers bind (`127.0.0.`).
    public var addressPrefix = "127.0.0."
    /// The last octet of the first provider's address; provider i binds `prefix + (first + i)`.
    public var firstAddress = 2
    /// The largest request body a listener accepts; larger ones get 413.
    public var maxBody = 8 << 20
    /// How long setup (KeyPackages, rooms, initial users) may take before the run fails.
    public var setupTimeout: Duration = .seconds(180)
    /// How long the run waits after the traffic phase for the federation to go quiet.
    public var drain: Duration = .seconds(30)
    /// How long a client's long poll waits for a push before it is answered empty.
    public var pollTimeout: Duration = .seconds(20)
    /// The replayed trace, or nil to generate the workload's actions.
    public var actions: [TraceAction]?

    /// The defaults.
    public init() {}
}
