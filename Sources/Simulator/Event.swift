/// What an event means. Values below `EventKind.firstUser` are reserved for the engine and network.
public struct EventKind: RawRepresentable, Hashable, Sendable, Comparable {
    /// The numeric kind, hashed into the run's fingerprint.
    public var rawValue: UInt32
    /// Wraps a numeric kind.
    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// A timer set with `Engine.scheduleTimer` fired; the payload is the timer's tag.
    public static let timer = EventKind(rawValue: 1)
    /// A message reached its destination host; the payload is its `MessageID`.
    public static let messageDelivered = EventKind(rawValue: 2)
    /// A message was lost (host crash, dropping partition, host down); the payload is its `MessageID`.
    public static let messageLost = EventKind(rawValue: 3)
    /// A CPU job finished; the payload is its `JobID`.
    public static let jobCompleted = EventKind(rawValue: 4)
    /// A CPU job was lost because its host crashed; the payload is its `JobID`.
    public static let jobLost = EventKind(rawValue: 5)

    /// The network finished serializing a message onto a link (internal).
    @usableFromInline static let linkTransmitted = EventKind(rawValue: 100)
    /// A message finished propagating over one hop (internal).
    @usableFromInline static let hopArrived = EventKind(rawValue: 101)
    /// A scheduled fault begins or ends (internal).
    @usableFromInline static let faultAction = EventKind(rawValue: 102)

    /// The first kind free for drivers' own events.
    public static let firstUser = EventKind(rawValue: 1 << 16)
    /// The driver's own kind number `n` (0-based), above every reserved kind.
    @inlinable public static func user(_ n: UInt32) -> EventKind { EventKind(rawValue: firstUser.rawValue &+ n) }

    /// Whether the network consumes this kind itself instead of passing it to the driver.
    @inlinable var isNetworkInternal: Bool { rawValue >= 100 && rawValue < 200 }

    /// Orders kinds by number.
    @inlinable public static func < (lhs: EventKind, rhs: EventKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Who an event is for: a host, link or driver-defined actor number, hashed into the fingerprint.
public struct ActorID: RawRepresentable, Hashable, Sendable {
    /// The actor number.
    public var rawValue: UInt32
    /// Wraps an actor number.
    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// The actor of events that belong to nobody in particular.
    public static let none = ActorID(rawValue: .max)
}

/// One processed event as a handler sees it.
public struct Event: Sendable {
    /// When it happens.
    public var time: Instant
    /// What it means.
    public var kind: EventKind
    /// Who it is for.
    public var actor: ActorID
    /// Kind-specific data: a timer tag, a message or job id, or a driver's own index.
    public var payload: UInt64

    /// Creates an event value.
    @inlinable public init(time: Instant, kind: EventKind, actor: ActorID, payload: UInt64) {
        self.time = time; self.kind = kind; self.actor = actor; self.payload = payload
    }
}

/// Something that reacts to events, one at a time, and may schedule more on the engine.
public protocol EventHandler {
    /// Handles `event`; `engine.now` equals `event.time`.
    mutating func handle(_ event: Event, engine: Engine)
}
