import Simulator

/// One action of a run's workload, as a trace line: at `t_ns`, in room `room`, do `kind`.
///
/// The driver maps `pick` to a concrete member when it executes the action (`pick % memberCount`), so a
/// trace stays valid whatever the membership is by then. JSON keys are the property names.
public struct TraceAction: Codable, Equatable, Sendable {
    /// What happens.
    public enum Kind: String, Codable, Sendable {
        /// A member sends an application message of `size` bytes.
        case message
        /// A member commits a self-update (a commit with a path).
        case update
        /// A member adds a new user (homed on the provider `pick` selects by the room's spread).
        case add
        /// A member removes another user.
        case remove
        /// A user leaves (SelfRemove).
        case leave
        /// An existing user adds a device, which joins by external commit.
        case newDevice = "new_device"
    }

    /// Virtual time in nanoseconds from the start of the traffic phase.
    public var t_ns: Int64
    /// Room index (rooms numbered in workload order, `count` expanded).
    public var room: Int
    /// The action.
    public var kind: Kind
    /// A random 64-bit value the driver uses to choose members and providers.
    public var pick: UInt64
    /// Message size in bytes (messages only; 0 otherwise).
    public var size: Int

    /// An action from its parts.
    public init(t_ns: Int64, room: Int, kind: Kind, pick: UInt64, size: Int = 0) {
        self.t_ns = t_ns
        self.room = room
        self.kind = kind
        self.pick = pick
        self.size = size
    }
}
