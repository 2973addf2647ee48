import MLS

/// `UpdateResponseCode` (draft-ietf-mimi-protocol-06 §5.3).
public enum UpdateResponseCode: UInt8, MIMIWireEnum {
    /// Accepted; will be distributed.
    case success = 0
    /// The hub is in another epoch.
    case wrongEpoch = 1
    /// Policy or authorization forbids it.
    case notAllowed = 2
    /// At least one proposal is invalid.
    case invalidProposal = 3
    /// The draft's enum name.
    public static var wireName: String { "UpdateResponseCode" }
}

/// `UpdateRoomResponse` (§5.3): the hub's answer to an `UpdateRequest`.
public struct UpdateRoomResponse: Hashable, Sendable, WireCodable {
    /// The outcome and the field its code selects.
    public enum Outcome: Hashable, Sendable {
        /// `success` with the hub's acceptance time (milliseconds since the UNIX epoch).
        case success(acceptedTimestamp: UInt64)
        /// `wrongEpoch` with the group's current epoch.
        case wrongEpoch(currentEpoch: UInt64)
        /// `notAllowed`.
        case notAllowed
        /// `invalidProposal` with the references of the invalid proposals.
        case invalidProposal([ProposalRef])

        /// The code on the wire.
        public var code: UpdateResponseCode {
            switch self {
            case .success: .success
            case .wrongEpoch: .wrongEpoch
            case .notAllowed: .notAllowed
            case .invalidProposal: .invalidProposal
            }
        }
    }

    /// The outcome.
    public var outcome: Outcome
    /// `errorDescription`: human-readable text (UTF-8, may be empty).
    public var errorDescription: String

    /// A response.
    public init(_ outcome: Outcome, errorDescription: String = "") {
        self.outcome = outcome
        self.errorDescription = errorDescription
    }

    /// Writes the code, the description (`opaque<V>` UTF-8) and the selected field.
    public func encode(to writer: inout WireWriter) {
        outcome.code.encode(to: &writer)
        writer.writeOpaque(Array(errorDescription.utf8))
        switch outcome {
        case .success(let timestamp): writer.writeUInt64(timestamp)
        case .wrongEpoch(let epoch): writer.writeUInt64(epoch)
        case .notAllowed: break
        case .invalidProposal(let refs): writer.writeArray(refs)
        }
    }

    /// Reads the code, the description and the selected field.
    public init(from reader: inout WireReader) throws(CodecError) {
        let code = try UpdateResponseCode(from: &reader)
        let at = reader.offset
        errorDescription = try WireText.read(from: &reader, field: "errorDescription", at: at)
        switch code {
        case .success: outcome = .success(acceptedTimestamp: try reader.readUInt64())
        case .wrongEpoch: outcome = .wrongEpoch(currentEpoch: try reader.readUInt64())
        case .notAllowed: outcome = .notAllowed
        case .invalidProposal: outcome = .invalidProposal(try reader.readArray())
        }
    }
}
