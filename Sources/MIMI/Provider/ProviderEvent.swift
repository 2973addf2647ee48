import MLS

/// Why the hub did not accept a commit or proposal.
public enum HandshakeRejection: Hashable, Sendable {
    /// The handshake was for another epoch than the hub's.
    case wrongEpoch(currentEpoch: UInt64)
    /// Room policy forbids it.
    case notAllowed(PolicyViolation.Reason)
    /// A proposal is invalid (MLS rules, or a type the hub does not accept by itself).
    case invalidProposal
}

/// What a provider did, for metrics and tests (the provider keeps no counters of its own).
public enum ProviderEvent: Hashable, Sendable {
    /// A room was created here, with this provider as its hub.
    case roomCreated(room: IdentifierURI, creator: IdentifierURI, epoch: UInt64)
    /// The hub accepted a commit: the new epoch, the committing client, the commit's size, who joined and left.
    case commitAccepted(room: IdentifierURI, epoch: UInt64, committer: IdentifierURI, bytes: Int, external: Bool,
                        added: [IdentifierURI], removed: [IdentifierURI])
    /// The hub rejected a commit.
    case commitRejected(room: IdentifierURI, committer: IdentifierURI?, reason: HandshakeRejection)
    /// The hub accepted a proposal (a SelfRemove) and holds it pending until a commit includes it.
    case proposalAccepted(room: IdentifierURI, epoch: UInt64, proposer: IdentifierURI)
    /// The hub rejected a proposal.
    case proposalRejected(room: IdentifierURI, proposer: IdentifierURI?, reason: HandshakeRejection)
    /// The hub accepted an application message: its server frank (unique), epoch, sender, size and the room's
    /// clients at that moment (who must receive it).
    case messageAccepted(room: IdentifierURI, serverFrank: [UInt8], epoch: UInt64, sender: IdentifierURI, bytes: Int,
                         recipients: [IdentifierURI])
    /// The hub rejected an application message (`epochTooOld` carries the hub's epoch; nil for notAllowed).
    case messageRejected(room: IdentifierURI, sender: IdentifierURI, currentEpoch: UInt64?)
    /// A notify request went to a follower (`attempt` 1 is the first try, higher ones are retries).
    case fanoutSent(room: IdentifierURI, to: String, messages: Int, bytes: Int, attempt: Int)
    /// A follower acknowledged a notify.
    case fanoutAcknowledged(room: IdentifierURI, to: String)
    /// A follower received a byte-identical repeat of a notify it had processed, answered it and dropped it.
    case duplicateDropped(room: IdentifierURI, from: String)
    /// A Welcome was routed to the local client whose KeyPackage it names.
    case welcomeRouted(room: IdentifierURI, client: IdentifierURI)
    /// KeyPackages of a local user were claimed.
    case keyMaterialClaimed(user: IdentifierURI, clients: [IdentifierURI])
    /// A request was refused as malformed or unauthorized (what live mode answers with 400, 403 or 404).
    case requestRefused(from: NodeAddress, route: Route, status: ResponseStatus, code: MIMIError.Code, message: String)
}
