import MLS

/// `HandshakeBundle` (draft-ietf-mimi-protocol-06 §5.3): a commit with what the hub needs to fan it out, or
/// a proposal with more proposals.
///
/// The first message must be a PublicMessage or PrivateMessage (SemiPrivateMessage is not implemented);
/// its clear-text `content_type` selects the arm. Application messages are `invalidValue`.
public enum HandshakeBundle: Hashable, Sendable, WireCodable {
    /// A commit, the Welcome for the added clients (if any), the new GroupInfo and the ratchet tree.
    case commit(CommitBundle)
    /// A proposal and further proposals submitted with it.
    case proposals(ProposalBundle)

    /// The handshake message that selects the arm.
    public var message: MLSMessage {
        switch self {
        case .commit(let bundle): bundle.commit
        case .proposals(let bundle): bundle.proposal
        }
    }

    /// Writes the message and the fields of its arm.
    public func encode(to writer: inout WireWriter) {
        switch self {
        case .commit(let bundle): bundle.encode(to: &writer)
        case .proposals(let bundle): bundle.encode(to: &writer)
        }
    }

    /// Reads the message, then the arm its content type selects.
    public init(from reader: inout WireReader) throws(CodecError) {
        let at = reader.offset
        let message = try MLSMessage(from: &reader)
        switch MessageKind.contentType(of: message) {
        case .commit?: self = .commit(try CommitBundle(commit: message, rest: &reader))
        case .proposal?: self = .proposals(try ProposalBundle(proposal: message, rest: &reader))
        case .application?:
            throw CodecError(.invalidValue, at: at, "HandshakeBundle.proposalOrCommit carries application data")
        case nil:
            throw CodecError(.invalidValue, at: at, "HandshakeBundle.proposalOrCommit has wire format \(message.wireFormat)")
        }
    }
}

/// The `commit` arm of a `HandshakeBundle`.
public struct CommitBundle: Hashable, Sendable {
    /// The commit (PublicMessage or PrivateMessage).
    public var commit: MLSMessage
    /// The Welcome for added clients, without a ratchet tree.
    public var welcome: Welcome?
    /// The GroupInfo of the new epoch.
    public var groupInfo: GroupInfoOption
    /// How the hub gets the ratchet tree.
    public var ratchetTree: RatchetTreeOption

    /// A commit bundle; throws `invalidValue` unless `commit` is a commit handshake message.
    public init(commit: MLSMessage, welcome: Welcome?, groupInfo: GroupInfoOption, ratchetTree: RatchetTreeOption) throws(MIMIError) {
        do {
            try MessageKind.require(commit, is: .commit, field: "HandshakeBundle.proposalOrCommit", at: 0)
        } catch {
            throw MIMIError(error, context: "CommitBundle")
        }
        self.commit = commit
        self.welcome = welcome
        self.groupInfo = groupInfo
        self.ratchetTree = ratchetTree
    }

    init(commit: MLSMessage, rest reader: inout WireReader) throws(CodecError) {
        self.commit = commit
        welcome = try reader.readOptional(of: Welcome.self)
        groupInfo = try GroupInfoOption(from: &reader)
        ratchetTree = try RatchetTreeOption(from: &reader)
    }

    func encode(to writer: inout WireWriter) {
        commit.encode(to: &writer)
        writer.writeOptional(welcome)
        groupInfo.encode(to: &writer)
        ratchetTree.encode(to: &writer)
    }
}

/// The `proposal` arm of a `HandshakeBundle` (also the `proposal` arm of a `FanoutMessage`).
public struct ProposalBundle: Hashable, Sendable {
    /// The first proposal.
    public var proposal: MLSMessage
    /// Further proposals, each a PublicMessage or PrivateMessage carrying a proposal.
    public var moreProposals: [MLSMessage]

    /// A proposal bundle; throws `invalidValue` unless every message is a proposal handshake message.
    public init(proposal: MLSMessage, moreProposals: [MLSMessage] = []) throws(MIMIError) {
        do {
            try MessageKind.require(proposal, is: .proposal, field: "proposal", at: 0)
            for (index, more) in moreProposals.enumerated() {
                try MessageKind.require(more, is: .proposal, field: "moreProposals[\(index)]", at: 0)
            }
        } catch {
            throw MIMIError(error, context: "ProposalBundle")
        }
        self.proposal = proposal
        self.moreProposals = moreProposals
    }

    init(proposal: MLSMessage, rest reader: inout WireReader) throws(CodecError) {
        self.proposal = proposal
        moreProposals = try ProposalBundle.readProposals(&reader, field: "moreProposals")
    }

    /// Reads `MLSMessage items<V>` and requires each to be a proposal.
    static func readProposals(_ reader: inout WireReader, field: String) throws(CodecError) -> [MLSMessage] {
        let at = reader.offset
        let messages: [MLSMessage] = try reader.readArray()
        for (index, message) in messages.enumerated() {
            try MessageKind.require(message, is: .proposal, field: "\(field)[\(index)]", at: at)
        }
        return messages
    }

    func encode(to writer: inout WireWriter) {
        proposal.encode(to: &writer)
        writer.writeArray(moreProposals)
    }
}

/// `UpdateRequest` (§5.3): the body of `POST /update/{roomId}`.
///
/// Its only field is selected by `room.protocol`, which is known from the room and not sent, so the
/// encoding is exactly the `HandshakeBundle`'s.
public struct UpdateRequest: Hashable, Sendable, WireCodable {
    /// The handshake bundle.
    public var bundle: HandshakeBundle

    /// Wraps a bundle.
    public init(bundle: HandshakeBundle) { self.bundle = bundle }

    /// Writes the bundle.
    public func encode(to writer: inout WireWriter) { bundle.encode(to: &writer) }

    /// Reads the bundle.
    public init(from reader: inout WireReader) throws(CodecError) { bundle = try HandshakeBundle(from: &reader) }
}
