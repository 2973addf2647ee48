/// A proposal in a commit: sent inline, or referenced by the `ProposalRef` of an earlier proposal message (RFC 9420 §12.4).
public enum ProposalOrRef: Hashable, Sendable, WireCodable {
    /// The proposal itself.
    case proposal(Proposal)
    /// A reference to a proposal sent earlier in the epoch.
    case reference(ProposalRef)

    /// The `ProposalOrRefType` on the wire.
    public var type: ProposalOrRefType {
        switch self {
        case .proposal: .proposal
        case .reference: .reference
        }
    }

    /// Writes the type and the proposal or reference.
    public func encode(to writer: inout WireWriter) {
        type.encode(to: &writer)
        switch self {
        case .proposal(let proposal): proposal.encode(to: &writer)
        case .reference(let reference): reference.encode(to: &writer)
        }
    }

    /// Reads the type (unknown values are `invalidValue`) and what it selects.
    public init(from reader: inout WireReader) throws(CodecError) {
        switch try ProposalOrRefType(from: &reader) {
        case .proposal: self = .proposal(try Proposal(from: &reader))
        case .reference: self = .reference(try ProposalRef(from: &reader))
        }
    }
}

/// The message that applies proposals and moves the group to its next epoch (RFC 9420 §12.4).
public struct Commit: Hashable, Sendable, WireCodable {
    /// The proposals applied, in order.
    public var proposals: [ProposalOrRef]
    /// The committer's new path secrets, when the commit has a path.
    public var path: UpdatePath?

    /// A commit of `proposals`, with `path` when given.
    public init(proposals: [ProposalOrRef], path: UpdatePath? = nil) {
        self.proposals = proposals
        self.path = path
    }

    /// Writes the proposal vector and `optional<UpdatePath>`.
    public func encode(to writer: inout WireWriter) {
        writer.writeArray(proposals)
        writer.writeOptional(path)
    }

    /// Reads the proposal vector and the optional path.
    public init(from reader: inout WireReader) throws(CodecError) {
        proposals = try reader.readArray()
        path = try reader.readOptional()
    }
}
