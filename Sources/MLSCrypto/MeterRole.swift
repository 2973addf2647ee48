/// A role an `OperationMeter` charges calls to: `base` (each actor's own) or one the meter registered by name.
public struct MeterRole: Equatable, Sendable {
    let index: Int32
    /// Each actor's own role (the one it registered with).
    public static let base = MeterRole(index: 0)
}
