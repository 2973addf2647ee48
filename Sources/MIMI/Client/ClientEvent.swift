/// What a client did or saw, for metrics and tests (the client keeps no counters of its own).
public enum ClientEvent: Hashable, Sendable {
    /// The client created a room (its group is at `epoch`).
    case roomCreated(room: IdentifierURI, epoch: UInt64)
    /// The client joined a room by Welcome or by external commit.
    case joined(room: IdentifierURI, epoch: UInt64, external: Bool)
    /// The client moved to a new epoch by a commit of another member.
    case epochChanged(room: IdentifierURI, epoch: UInt64)
    /// The client's own commit came back through the hub's fan-out and was merged.
    case ownCommitMerged(room: IdentifierURI, epoch: UInt64)
    /// A handshake lost a race (wrongEpoch); the client rebuilds it once it reaches `currentEpoch`.
    case handshakeRetried(room: IdentifierURI, currentEpoch: UInt64)
    /// A handshake was given up (notAllowed, invalidProposal, nothing left to do, or an MLS error building it).
    case handshakeDropped(room: IdentifierURI, reason: String)
    /// The hub accepted this client's SelfRemove; it leaves when a commit includes it.
    case leaveAccepted(room: IdentifierURI)
    /// A commit removed this client from the room.
    case removed(room: IdentifierURI, epoch: UInt64)
    /// The hub accepted a message of this client (the server frank names it).
    case messageAccepted(room: IdentifierURI, serverFrank: [UInt8], content: [UInt8])
    /// A message was for an old epoch (epochTooOld); it is encrypted again once the client reaches `currentEpoch`.
    case messageRetried(room: IdentifierURI, currentEpoch: UInt64)
    /// A message was given up (notAllowed, or the client left the room).
    case messageDropped(room: IdentifierURI, content: [UInt8])
    /// A message of another member was decrypted.
    case delivered(room: IdentifierURI, serverFrank: [UInt8], sender: IdentifierURI, content: [UInt8])
    /// This client's own message came back through the fan-out.
    case echoed(room: IdentifierURI, serverFrank: [UInt8])
    /// A fanned-out message was dropped unprocessed: its hub frank is missing or does not verify with the room's
    /// `hub_franking_key` (the group is unchanged).
    case frankRejected(room: IdentifierURI, reason: String)
    /// A pushed message was ignored because the client was not a member of its epoch (before joining, after leaving).
    case ignored(room: IdentifierURI, reason: String)
    /// A pushed message of the client's current epoch failed to process (should not happen).
    case failed(room: IdentifierURI, reason: String)
}
