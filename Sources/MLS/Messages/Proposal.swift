/// A proposed change to the group (RFC 9420 §12.1).
///
/// RFC 9420 gives a proposal body no length prefix, so a proposal of a type this implementation does not
/// know cannot be skipped: its type is rejected with `invalidValue` (and GREASE values must not appear
/// here, §13.5). This file is the one place that maps types to bodies: to add a type (for example
/// SelfRemove or AppDataUpdate of draft-ietf-mls-extensions, for MIMI), write its `ProposalBody` and add
/// one case below plus one line in each of `body`, `init(from:)` and `encode(to:)`'s dispatch.
public enum Proposal: Hashable, Sendable, WireCodable {
    /// Add a member.
    case add(AddProposal)
    /// Update the sender's leaf.
    case update(UpdateProposal)
    /// Remove a member.
    case remove(RemoveProposal)
    /// Inject a pre-shared key.
    case preSharedKey(PreSharedKeyProposal)
    /// Reinitialize the group.
    case reInit(ReInitProposal)
    /// Join by external commit.
    case externalInit(ExternalInitProposal)
    /// Replace the group context extensions.
    case groupContextExtensions(GroupContextExtensionsProposal)
    /// Remove the sender itself (draft-ietf-mls-extensions SelfRemove).
    case selfRemove(SelfRemoveProposal)
    /// Update an application component's data in `app_data_dictionary` (draft-ietf-mls-extensions AppDataUpdate).
    case appDataUpdate(AppDataUpdate)

    /// The proposal's body, as a value of its own type.
    public var body: any ProposalBody {
        switch self {
        case .add(let body): body
        case .update(let body): body
        case .remove(let body): body
        case .preSharedKey(let body): body
        case .reInit(let body): body
        case .externalInit(let body): body
        case .groupContextExtensions(let body): body
        case .selfRemove(let body): body
        case .appDataUpdate(let body): body
        }
    }

    /// The proposal type on the wire.
    public var proposalType: ProposalType { type(of: body).proposalType }

    /// The decoder of each known proposal type, by registry value.
    private static func decodeBody(_ type: ProposalType, from reader: inout WireReader) throws(CodecError) -> Proposal? {
        switch type {
        case AddProposal.proposalType: .add(try AddProposal(from: &reader))
        case UpdateProposal.proposalType: .update(try UpdateProposal(from: &reader))
        case RemoveProposal.proposalType: .remove(try RemoveProposal(from: &reader))
        case PreSharedKeyProposal.proposalType: .preSharedKey(try PreSharedKeyProposal(from: &reader))
        case ReInitProposal.proposalType: .reInit(try ReInitProposal(from: &reader))
        case ExternalInitProposal.proposalType: .externalInit(try ExternalInitProposal(from: &reader))
        case GroupContextExtensionsProposal.proposalType: .groupContextExtensions(try GroupContextExtensionsProposal(from: &reader))
        case SelfRemoveProposal.proposalType: .selfRemove(try SelfRemoveProposal(from: &reader))
        case AppDataUpdate.proposalType: .appDataUpdate(try AppDataUpdate(from: &reader))
        default: nil
        }
    }

    /// Writes `proposal_type` and the body.
    public func encode(to writer: inout WireWriter) {
        let body = self.body
        type(of: body).proposalType.encode(to: &writer)
        body.encode(to: &writer)
    }

    /// Reads `proposal_type` and the body it selects; an unknown type is `invalidValue`.
    public init(from reader: inout WireReader) throws(CodecError) {
        let at = reader.offset
        let type = try ProposalType(from: &reader)
        guard let proposal = try Self.decodeBody(type, from: &reader) else {
            throw CodecError(.invalidValue, at: at, "proposal type \(type) is not supported (its body has no length prefix, so it cannot be skipped)")
        }
        self = proposal
    }
}
