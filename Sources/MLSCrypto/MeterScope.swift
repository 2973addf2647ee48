/// Where an `OperationMeter` charges calls: a role (or each actor's base role) and a job (or none).
public struct MeterScope: Equatable, Sendable {
    var role: Int32
    var job: Int32
    /// Each actor's base role, no job.
    public static let outside = MeterScope(role: -1, job: -1)
}
