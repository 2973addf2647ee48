import MLS
import MLSCrypto

/// A room this provider is the hub of: the public MLS state it observes, the room state its policy
/// checks, the latest GroupInfo it serves, the SelfRemove proposals it holds pending, and one fan-out
/// queue per follower. Checks (`checkCommit`, `checkProposal`, `checkMessage`) change nothing; `apply…`
/// does, with a result that passed every check.
struct HubRoom {
    /// A SelfRemove accepted this epoch, waiting for a commit to include it.
    struct PendingSelfRemove {
        let client: IdentifierURI
        let message: MLSMessage
        let acceptedAt: UInt64
    }

    /// A commit that passed every check, with what accepting it changes.
    struct AcceptedCommit {
        let observed: ObservedCommit
        let state: RoomState
        let groupInfo: GroupInfo
        let committer: IdentifierURI
        let added: [IdentifierURI]
        let removed: [IdentifierURI]
    }

    /// A check's outcome that is an answer, not a malformed request.
    enum Verdict<Accepted> {
        case accepted(Accepted)
        case rejected(HandshakeRejection, String)
    }

    let room: IdentifierURI
    var observer: GroupObserver
    /// The room state; `clients` and `domains` follow it.
    private(set) var state: RoomState {
        didSet { (clients, domains) = Self.roster(state) }
    }
    /// The room's clients, sorted (by the URI's bytes): every accepted message's recipients.
    private(set) var clients: [IdentifierURI]
    /// The domains of the room's clients' providers, sorted (`domains([state])`): where its fan-out goes.
    private(set) var domains: [String]
    var groupInfo: GroupInfo
    var pending: [PendingSelfRemove] = []
    /// Fan-out queues by follower domain, sorted by domain.
    var queues: [FanoutQueue] = []

    /// A new hosted room.
    init(room: IdentifierURI, observer: GroupObserver, state: RoomState, groupInfo: GroupInfo) {
        self.room = room
        self.observer = observer
        self.state = state
        (clients, domains) = Self.roster(state)
        self.groupInfo = groupInfo
    }

    /// The MLS group's epoch.
    var epoch: UInt64 { observer.epoch }

    /// The sorted clients and their sorted domains of a room state.
    static func roster(_ state: RoomState) -> (clients: [IdentifierURI], domains: [String]) {
        (state.clients.flatMap(\.clients).sorted { $0.uri.utf8.lexicographicallyPrecedes($1.uri.utf8) }, domains([state]))
    }

    /// The domains of the room's clients' providers, sorted.
    static func domains(_ states: [RoomState]) -> [String] {
        var domains: [String] = []
        for state in states {
            for entry in state.clients { for client in entry.clients { if let d = MIMIURI.domain(of: client), !domains.contains(d) { domains.append(d) } } }
        }
        return domains.sorted()
    }

    /// The client URI in a member's credential, or `invalidValue`.
    static func clientURI(_ credential: Credential) throws(MIMIError) -> IdentifierURI {
        guard let client = MIMIURI.client(in: credential) else {
            throw MIMIError(.invalidValue, "a credential does not hold a MIMI client URI (mimi://<domain>/d/<user>.<device>)")
        }
        return client
    }

    /// Maps an observer's MLS error to an answer (wrong epoch, invalid proposal) or a malformed-request error.
    static func classify<T>(_ error: MLSError, epoch: UInt64) throws(MIMIError) -> Verdict<T> {
        switch error.code {
        case .wrongEpoch: return .rejected(.wrongEpoch(currentEpoch: epoch), error.message)
        case .invalidProposal, .invalidKeyPackage: return .rejected(.invalidProposal, error.message)
        default: throw MIMIError(.invalidMLS, "the handshake fails MLS validation: \(error.message)", underlying: error)
        }
    }

    /// Validates a commit bundle: MLS (signature, epoch, proposals, path, and the GroupContext its AppDataUpdate
    /// proposals produce through `RoomComponents`), the GroupInfo against the computed next epoch, the
    /// participant-list and metadata updates against `HubPolicy` (and the GroupContext's list), and the Welcome.
    func checkCommit(_ bundle: CommitBundle) throws(MIMIError) -> Verdict<AcceptedCommit> {
        let observed: ObservedCommit
        do { observed = try observer.observeCommit(bundle.commit) } catch { return try Self.classify(error, epoch: epoch) }
        let committer = try Self.clientURI(observed.committerCredential)
        guard let actor = MIMIURI.user(ofClient: committer) else { throw MIMIError(.invalidValue, "the committer's URI names no user") }
        guard case .full(let info) = bundle.groupInfo else {
            throw MIMIError(.invalidValue, "the hub needs the full GroupInfo of the new epoch (partial GroupInfo is not supported)")
        }
        guard case .distributionService = bundle.ratchetTree else {
            throw MIMIError(.invalidValue, "the hub computes the ratchet tree itself: ratchetTree must be distributionService")
        }
        do { try observer.verifyGroupInfo(info, for: observed) } catch {
            throw MIMIError(.invalidMLS, "the GroupInfo does not match the commit: \(error.message)", underlying: error)
        }
        let updates: (list: [ParticipantListUpdate], metadata: [RoomMetadata])
        switch try Self.roomUpdates(observed.appDataUpdates) {
        case .accepted(let u): updates = u
        case .rejected(let r, let why): return .rejected(r, why)
        }
        var added: [CommitDescription.ClientOfUser] = []
        for a in observed.added {
            let client = try Self.clientURI(a.credential)
            added.append(.init(client: client, user: MIMIURI.user(ofClient: client)!))
        }
        if observed.isExternal { added.append(.init(client: committer, user: actor)) }
        var removed: [IdentifierURI] = [], selfRemoved: [IdentifierURI] = []
        for r in observed.removed {
            let client = try Self.clientURI(r.credential)
            if r.byItself { selfRemoved.append(client) } else { removed.append(client) }
        }
        let description = CommitDescription(actor: actor, addedClients: added, removedClients: removed, selfRemovedClients: selfRemoved,
                                            pendingSelfRemoves: observed.isExternal ? [] : pending.map(\.client),
                                            participantListUpdates: updates.list, metadataUpdates: updates.metadata)
        if observed.isExternal, let first = pending.first {
            return .rejected(.notAllowed(.pendingSelfRemoveMissing(first.client)), "an external commit cannot include the pending SelfRemove of \(first.client)")
        }
        let next: RoomState
        switch HubPolicy().check(description, in: state) {
        case .success(let s): next = s
        case .failure(let violation): return .rejected(.notAllowed(violation.reason), violation.message)
        }
        let carried: ParticipantListData
        do { carried = try RoomExtensions.participantList(in: observed.context.extensions) } catch {
            return .rejected(.notAllowed(.invalidUpdate), "the new GroupContext has no participant list: \(error.message)")
        }
        guard carried == next.participants else {
            return .rejected(.notAllowed(.invalidUpdate), "the GroupContext's participant list is not the list the update produces")
        }
        try checkWelcome(bundle.welcome, for: observed)
        return .accepted(AcceptedCommit(observed: observed, state: next, groupInfo: info, committer: committer,
                                        added: added.map(\.client), removed: removed + selfRemoved))
    }

    /// The participant-list and room-metadata updates of a commit's AppDataUpdate proposals, in commit order.
    /// The observer already ran the components' handlers on them (so they decode); removing either component
    /// is `invalidUpdate`.
    static func roomUpdates(_ proposals: [AppDataUpdate]) throws(MIMIError) -> Verdict<(list: [ParticipantListUpdate], metadata: [RoomMetadata])> {
        var list: [ParticipantListUpdate] = [], metadata: [RoomMetadata] = []
        for proposal in proposals {
            guard let bytes = proposal.update else {
                return .rejected(.notAllowed(.invalidUpdate), "a MIMI room's \(proposal.componentID) cannot be removed")
            }
            switch proposal.componentID {
            case .participantList: list.append(try MIMIWire.decode(ParticipantListUpdate.self, from: bytes))
            case .roomMetadata: metadata.append(try MIMIWire.decode(RoomMetadata.self, from: bytes))
            default: return .rejected(.invalidProposal, "AppDataUpdate for \(proposal.componentID), which MIMI rooms do not use")
            }
        }
        return .accepted((list, metadata))
    }

    /// A Welcome is present exactly when the commit adds members, and holds secrets for exactly their KeyPackages.
    func checkWelcome(_ welcome: Welcome?, for observed: ObservedCommit) throws(MIMIError) {
        let expected = observed.added.map(\.keyPackageRef.bytes).sorted { $0.lexicographicallyPrecedes($1) }
        guard let welcome else {
            guard expected.isEmpty else { throw MIMIError(.invalidValue, "the commit adds members but the bundle has no Welcome") }
            return
        }
        guard !expected.isEmpty else { throw MIMIError(.invalidValue, "the bundle has a Welcome but the commit adds no one") }
        guard welcome.cipherSuite == observer.context.cipherSuite else { throw MIMIError(.invalidValue, "the Welcome is for another cipher suite") }
        let refs = welcome.secrets.map(\.newMember.bytes).sorted { $0.lexicographicallyPrecedes($1) }
        guard refs == expected else { throw MIMIError(.invalidValue, "the Welcome's KeyPackage references are not those of the added members") }
    }

    /// Moves the room to an accepted commit's epoch.
    mutating func apply(_ accepted: AcceptedCommit) throws(MIMIError) {
        do { try observer.apply(accepted.observed) } catch { throw MIMIError(.invalidMLS, "observer: \(error.message)", underlying: error) }
        state = accepted.state
        groupInfo = accepted.groupInfo
        pending = []
    }

    /// Validates a proposal bundle: only SelfRemove proposals from members whose role may leave.
    func checkProposals(_ bundle: ProposalBundle) throws(MIMIError) -> Verdict<[(ObservedProposal, IdentifierURI)]> {
        var result: [(ObservedProposal, IdentifierURI)] = []
        var observer = self.observer
        for message in [bundle.proposal] + bundle.moreProposals {
            let observed: ObservedProposal
            do { observed = try observer.observeProposal(message) } catch { return try Self.classify(error, epoch: epoch) }
            guard case .selfRemove = observed.proposal else {
                return .rejected(.invalidProposal, "the hub accepts only SelfRemove proposals on their own")
            }
            guard let credential = observer.credential(at: observed.sender) else { throw MIMIError(.invalidMLS, "proposal from a blank leaf") }
            let client = try Self.clientURI(credential)
            guard let user = state.user(ofClient: client), let role = state.roles.role(state.participants.role(of: user)) else {
                return .rejected(.notAllowed(.unknownClient(client)), "\(client) is not a client of the room")
            }
            guard role.has(.canRemoveSelf) || role.has(.canRemoveOwnClient) else {
                return .rejected(.notAllowed(.missingCapability(.canRemoveSelf)), "role \(role.name) may not leave")
            }
            do { try observer.addPending(observed) } catch { return try Self.classify(error, epoch: epoch) }
            result.append((observed, client))
        }
        return .accepted(result)
    }

    /// Keeps accepted SelfRemove proposals pending.
    mutating func applyProposals(_ accepted: [(ObservedProposal, IdentifierURI)], messages: [MLSMessage], at time: UInt64) throws(MIMIError) {
        var observer = self.observer
        do { for (observed, _) in accepted { try observer.addPending(observed) } } catch {
            throw MIMIError(.invalidMLS, "observer: \(error.message)", underlying: error)
        }
        self.observer = observer
        for ((_, client), message) in zip(accepted, messages) { pending.append(PendingSelfRemove(client: client, message: message, acceptedAt: time)) }
    }

    /// Validates an application message: the sender is a client whose role may send, the epoch is current,
    /// the authenticated data carries a franking tag. Returns the franking tag.
    func checkMessage(_ request: SubmitMessageRequest) throws(MIMIError) -> Verdict<[UInt8]> {
        guard case .privateMessage(let message) = request.appMessage.body else { throw MIMIError(.invalidValue, "not a PrivateMessage") }
        guard message.groupID == observer.groupID else { throw MIMIError(.invalidValue, "the message is for another group") }
        guard let user = state.user(ofClient: request.sendingURI), let role = state.roles.role(state.participants.role(of: user)),
              role.has(.canSendMessage) else {
            return .rejected(.notAllowed(.missingCapability(.canSendMessage)), "\(request.sendingURI) may not send to the room")
        }
        if message.epoch < epoch { return .rejected(.wrongEpoch(currentEpoch: epoch), "epoch \(message.epoch) is too old") }
        guard message.epoch == epoch else { throw MIMIError(.invalidValue, "the message is for future epoch \(message.epoch)") }
        let annotation = try MIMIWire.decode(MessageAnnotation.self, from: message.authenticatedData)
        return .accepted(annotation.frankingTag)
    }

    /// The fan-out queue of `domain`, created when missing.
    mutating func queueIndex(for domain: String) -> Int {
        if let i = queues.firstIndex(where: { $0.domain == domain }) { return i }
        let i = queues.firstIndex { domain < $0.domain } ?? queues.endIndex
        queues.insert(FanoutQueue(room: room, domain: domain), at: i)
        return i
    }
}
