/// The sender of a `FramedContent` (RFC 9420 §6).
public enum Sender: Hashable, Sendable, WireCodable, CustomStringConvertible {
    /// A member of the group, by the index of its leaf.
    case member(LeafIndex)
    /// An external sender, by its index in the group's `external_senders` extension.
    case external(senderIndex: UInt32)
    /// A non-member proposing that it be added (an Add proposal by reference).
    case newMemberProposal
    /// A non-member joining by external commit.
    case newMemberCommit

    /// The `SenderType` on the wire.
    public var senderType: SenderType {
        switch self {
        case .member: .member
        case .external: .external
        case .newMemberProposal: .newMemberProposal
        case .newMemberCommit: .newMemberCommit
        }
    }

    /// The sender's leaf when it is a member.
    public var memberLeaf: LeafIndex? {
        if case .member(let leaf) = self { return leaf }
        return nil
    }

    /// Whether the signed content includes the group context (RFC 9420 §6.1): member and new-member-commit senders.
    public var signsGroupContext: Bool {
        switch self {
        case .member, .newMemberCommit: true
        case .external, .newMemberProposal: false
        }
    }

    /// Writes `sender_type` and the index, when the type has one.
    public func encode(to writer: inout WireWriter) {
        senderType.encode(to: &writer)
        switch self {
        case .member(let leaf): leaf.encode(to: &writer)
        case .external(let index): writer.writeUInt32(index)
        case .newMemberProposal, .newMemberCommit: break
        }
    }

    /// Reads `sender_type` (unknown values are `invalidValue`) and the index it selects.
    public init(from reader: inout WireReader) throws(CodecError) {
        switch try SenderType(from: &reader) {
        case .member: self = .member(try LeafIndex(from: &reader))
        case .external: self = .external(senderIndex: try reader.readUInt32())
        case .newMemberProposal: self = .newMemberProposal
        case .newMemberCommit: self = .newMemberCommit
        }
    }

    /// `member(leaf N)`, `external(N)`, `new_member_proposal` or `new_member_commit`.
    public var description: String {
        switch self {
        case .member(let leaf): "member(\(leaf))"
        case .external(let index): "external(\(index))"
        case .newMemberProposal: "new_member_proposal"
        case .newMemberCommit: "new_member_commit"
        }
    }
}
