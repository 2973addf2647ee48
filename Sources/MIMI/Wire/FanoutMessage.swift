import MLS

/// `FanoutMessage` (draft-ietf-mimi-protocol-06 §5.5): one accepted message the hub sends to `/notify/{roomId}`.
///
/// Like `UpdateRequest`, the protocol is the room's and is not sent. The draft switches on
/// `message.wire_format` with the cases application, welcome, proposal and commit, which are not wire
/// formats; this type switches on what the message carries: a Welcome, or the clear-text `content_type`
/// of a PublicMessage or PrivateMessage. GroupInfo and KeyPackage messages are `invalidValue`.
public struct FanoutMessage: Hashable, Sendable, WireCodable {
    /// The message and the fields its kind selects.
    public enum Payload: Hashable, Sendable {
        /// An application PrivateMessage, with the hub's frank when there is one.
        case application(MLSMessage, frank: Frank?)
        /// A Welcome and how to get the ratchet tree.
        case welcome(Welcome, ratchetTree: RatchetTreeOption)
        /// A proposal and the further proposals submitted with it (the same list as in the `HandshakeBundle`).
        case proposals(ProposalBundle)
        /// A commit with the hub's replacement proposals stapled to it after an external commit.
        case commit(MLSMessage, externalProposals: [MLSMessage])

        /// The MLS message as sent.
        public var message: MLSMessage {
            switch self {
            case .application(let m, _): m
            case .welcome(let w, _): MLSMessage(.welcome(w))
            case .proposals(let bundle): bundle.proposal
            case .commit(let m, _): m
            }
        }
    }

    /// The hub's acceptance time (milliseconds since the UNIX epoch).
    public var timestamp: UInt64
    /// The message and its extra fields.
    public var payload: Payload

    /// A fanout message; throws `invalidValue` when an application or commit message has the wrong content type.
    public init(timestamp: UInt64, payload: Payload) throws(MIMIError) {
        do {
            switch payload {
            case .application(let m, _): try SubmitMessageRequest.check(m, at: 0)
            case .commit(let m, let more):
                try MessageKind.require(m, is: .commit, field: "message", at: 0)
                for (i, p) in more.enumerated() { try MessageKind.require(p, is: .proposal, field: "externalProposals[\(i)]", at: 0) }
            case .welcome, .proposals: break
            }
        } catch {
            throw MIMIError(error, context: "FanoutMessage")
        }
        self.timestamp = timestamp
        self.payload = payload
    }

    /// Writes the timestamp, the message and the selected fields.
    public func encode(to writer: inout WireWriter) {
        writer.writeUInt64(timestamp)
        switch payload {
        case .application(let message, let frank):
            message.encode(to: &writer)
            writer.writeOptional(frank)
        case .welcome(let welcome, let tree):
            MLSMessage(.welcome(welcome)).encode(to: &writer)
            tree.encode(to: &writer)
        case .proposals(let bundle): bundle.encode(to: &writer)
        case .commit(let message, let more):
            message.encode(to: &writer)
            writer.writeArray(more)
        }
    }

    /// Reads the timestamp, the message and the fields its kind selects.
    public init(from reader: inout WireReader) throws(CodecError) {
        timestamp = try reader.readUInt64()
        let at = reader.offset
        let message = try MLSMessage(from: &reader)
        if case .welcome(let welcome) = message.body {
            payload = .welcome(welcome, ratchetTree: try RatchetTreeOption(from: &reader))
            return
        }
        switch MessageKind.contentType(of: message) {
        case .application?:
            try SubmitMessageRequest.check(message, at: at)
            payload = .application(message, frank: try reader.readOptional(of: Frank.self))
        case .proposal?: payload = .proposals(try ProposalBundle(proposal: message, rest: &reader))
        case .commit?: payload = .commit(message, externalProposals: try ProposalBundle.readProposals(&reader, field: "externalProposals"))
        case nil: throw CodecError(.invalidValue, at: at, "a FanoutMessage cannot carry wire format \(message.wireFormat)")
        }
    }

    /// The body of one `/notify` request: fanout messages concatenated.
    public static func encodeConcatenated(_ messages: [FanoutMessage]) -> [UInt8] {
        var writer = WireWriter()
        for message in messages { message.encode(to: &writer) }
        return writer.bytes
    }

    /// Splits a `/notify` body into its fanout messages; any malformed one rejects the whole body.
    public static func decodeConcatenated(_ bytes: [UInt8]) throws(MIMIError) -> [FanoutMessage] {
        var reader = WireReader(bytes)
        var messages: [FanoutMessage] = []
        do {
            while !reader.isAtEnd { messages.append(try FanoutMessage(from: &reader)) }
        } catch {
            throw MIMIError(error, context: "FanoutMessage #\(messages.count)")
        }
        return messages
    }
}
