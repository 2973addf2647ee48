/// Identifies a region (a group of hosts that share inter-region links).
public struct RegionID: Hashable, Sendable, Comparable {
    /// Index into the network's regions.
    public let index: UInt32
    /// Orders by index.
    public static func < (lhs: RegionID, rhs: RegionID) -> Bool { lhs.index < rhs.index }
}

/// Identifies a host; its `actor` is the actor of every event addressed to it.
public struct HostID: Hashable, Sendable, Comparable {
    /// Index into the network's hosts.
    public let index: UInt32
    /// The host as an event actor.
    public var actor: ActorID { ActorID(rawValue: index) }
    /// The host an event's actor names.
    public init(actor: ActorID) { self.index = actor.rawValue }
    init(index: UInt32) { self.index = index }
    /// Orders by index.
    public static func < (lhs: HostID, rhs: HostID) -> Bool { lhs.index < rhs.index }
}

/// Identifies one message; also the payload of its `.messageDelivered` / `.messageLost` event.
public struct MessageID: Hashable, Sendable {
    /// Slot in the network's message table.
    public let slot: UInt32
    /// Generation of the slot (slots are reused after delivery or loss).
    public let generation: UInt32
    /// The id an event payload carries.
    public init(payload: UInt64) { slot = UInt32(truncatingIfNeeded: payload); generation = UInt32(truncatingIfNeeded: payload >> 32) }
    init(slot: UInt32, generation: UInt32) { self.slot = slot; self.generation = generation }
    /// The id as an event payload.
    public var payload: UInt64 { UInt64(slot) | UInt64(generation) << 32 }
}

/// Identifies one CPU job; also the payload of its `.jobCompleted` / `.jobLost` event.
public struct JobID: Hashable, Sendable {
    /// Slot in the network's job table.
    public let slot: UInt32
    /// Generation of the slot.
    public let generation: UInt32
    /// The id an event payload carries.
    public init(payload: UInt64) { slot = UInt32(truncatingIfNeeded: payload); generation = UInt32(truncatingIfNeeded: payload >> 32) }
    init(slot: UInt32, generation: UInt32) { self.slot = slot; self.generation = generation }
    /// The id as an event payload.
    public var payload: UInt64 { UInt64(slot) | UInt64(generation) << 32 }
}

/// Why a message was lost.
public enum LossReason: String, Sendable, Equatable {
    /// The source or destination host crashed while the message was in flight or held.
    case hostCrashed
    /// The source or destination host was down when the message was sent.
    case hostDown
    /// A partition in `drop` mode covered the message's direction when it was sent.
    case partitionDropped
}

/// What the network knows about one message, valid until its delivered/lost event has been handled.
public struct MessageInfo: Sendable, Equatable {
    /// The message.
    public let id: MessageID
    /// Sending host.
    public let source: HostID
    /// Receiving host.
    public let destination: HostID
    /// Size in bytes.
    public let bytes: Int
    /// The driver's own tag, given at `send`.
    public let tag: UInt64
    /// When it was sent.
    public let sentAt: Instant
    /// TCP segment retransmissions it suffered on the way.
    public let retransmissions: Int
    /// Why it was lost, if it was.
    public let lossReason: LossReason?
}

/// What the network knows about one CPU job, valid until its completed/lost event has been handled.
public struct JobInfo: Sendable, Equatable {
    /// The job.
    public let id: JobID
    /// The host whose CPU runs it.
    public let host: HostID
    /// Its cost in virtual CPU time.
    public let cost: SimDuration
    /// The driver's own tag.
    public let tag: UInt64
    /// When it was submitted.
    public let submittedAt: Instant
    /// When a core started it (nil while it waits).
    public let startedAt: Instant?
}

/// Counters kept by the network over a run.
public struct NetworkStatistics: Sendable, Equatable {
    /// Messages handed to `send`.
    public var messagesSent: UInt64 = 0
    /// Messages delivered to their destination.
    public var messagesDelivered: UInt64 = 0
    /// Messages lost because a host crashed with them in flight.
    public var messagesLostToCrash: UInt64 = 0
    /// Messages lost because their source or destination was down at send time.
    public var messagesLostToDownHost: UInt64 = 0
    /// Messages dropped by a partition in `drop` mode.
    public var messagesDroppedByPartition: UInt64 = 0
    /// Messages held by a partition in `hold` mode (delivered later).
    public var messagesHeldByPartition: UInt64 = 0
    /// Bytes handed to `send`.
    public var bytesSent: UInt64 = 0
    /// TCP segment retransmissions over all links.
    public var retransmissions: UInt64 = 0
    /// CPU jobs completed.
    public var jobsCompleted: UInt64 = 0
    /// CPU jobs lost to host crashes.
    public var jobsLost: UInt64 = 0
    /// Messages lost for any reason.
    public var messagesLost: UInt64 { messagesLostToCrash + messagesLostToDownHost + messagesDroppedByPartition }
}
