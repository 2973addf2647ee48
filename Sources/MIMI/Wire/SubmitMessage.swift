import MLS

/// `SubmitMessageRequest` (draft-ietf-mimi-protocol-06 §5.4): an application message for the hub to fan out.
public struct SubmitMessageRequest: Hashable, Sendable, WireCodable {
    /// The end-to-end protocol (always `mls10`).
    public var protocolVersion: MIMIProtocol
    /// A PrivateMessage with content type `application`.
    public var appMessage: MLSMessage
    /// The sender's URI (an active participant of the room).
    public var sendingURI: IdentifierURI

    /// A request; throws `invalidValue` unless `appMessage` is a PrivateMessage carrying application data.
    public init(appMessage: MLSMessage, sendingURI: IdentifierURI) throws(MIMIError) {
        do {
            try Self.check(appMessage, at: 0)
        } catch {
            throw MIMIError(error, context: "SubmitMessageRequest")
        }
        protocolVersion = .mls10
        self.appMessage = appMessage
        self.sendingURI = sendingURI
    }

    static func check(_ message: MLSMessage, at: Int) throws(CodecError) {
        guard case .privateMessage(let m) = message.body, m.contentType == .application else {
            throw CodecError(.invalidValue, at: at, "appMessage must be a PrivateMessage with content_type application")
        }
    }

    /// Writes the protocol, the message and the sender.
    public func encode(to writer: inout WireWriter) {
        protocolVersion.encode(to: &writer)
        appMessage.encode(to: &writer)
        sendingURI.encode(to: &writer)
    }

    /// Reads the fields; anything but an application PrivateMessage is `invalidValue`.
    public init(from reader: inout WireReader) throws(CodecError) {
        protocolVersion = try MIMIProtocol(from: &reader)
        let at = reader.offset
        appMessage = try MLSMessage(from: &reader)
        try Self.check(appMessage, at: at)
        sendingURI = try IdentifierURI(from: &reader)
    }
}

/// `Frank` (§5.4): the hub's server frank and its integrity signature.
public struct Frank: Hashable, Sendable, WireCodable {
    /// The size of `serverFrank`.
    public static let serverFrankSize = 32

    /// `server_frank[32]`.
    public var serverFrank: [UInt8]
    /// The cipher suite whose signature algorithm produced the signature.
    public var frankingSignatureCipherSuite: CipherSuiteID
    /// `franking_integrity_signature`.
    public var frankingIntegritySignature: [UInt8]

    /// A frank; throws `invalidValue` unless `serverFrank` has 32 bytes.
    public init(serverFrank: [UInt8], frankingSignatureCipherSuite: CipherSuiteID, frankingIntegritySignature: [UInt8]) throws(MIMIError) {
        guard serverFrank.count == Self.serverFrankSize else {
            throw MIMIError(.invalidValue, "server_frank must have \(Self.serverFrankSize) bytes, not \(serverFrank.count)")
        }
        self.serverFrank = serverFrank
        self.frankingSignatureCipherSuite = frankingSignatureCipherSuite
        self.frankingIntegritySignature = frankingIntegritySignature
    }

    /// Writes the fixed 32 bytes, the suite and the signature.
    public func encode(to writer: inout WireWriter) {
        writer.writeBytes(serverFrank)
        frankingSignatureCipherSuite.encode(to: &writer)
        writer.writeOpaque(frankingIntegritySignature)
    }

    /// Reads the fixed 32 bytes, the suite and the signature.
    public init(from reader: inout WireReader) throws(CodecError) {
        serverFrank = try reader.readBytes(count: Self.serverFrankSize)
        frankingSignatureCipherSuite = try CipherSuiteID(from: &reader)
        frankingIntegritySignature = try reader.readOpaque()
    }
}

/// `SubmitResponseCode` (§5.4).
public enum SubmitResponseCode: UInt8, MIMIWireEnum {
    /// Accepted; will be distributed.
    case accepted = 0
    /// Policy or authorization forbids it.
    case notAllowed = 1
    /// The hub has moved to a newer epoch.
    case epochTooOld = 2
    /// The draft's enum name.
    public static var wireName: String { "SubmitResponseCode" }
}

/// `SubmitMessageResponse` (§5.4): the hub's answer to a `SubmitMessageRequest`.
public struct SubmitMessageResponse: Hashable, Sendable, WireCodable {
    /// The outcome and the fields its code selects.
    public enum Outcome: Hashable, Sendable {
        /// `accepted` with the hub's acceptance time (ms since the UNIX epoch) and a frank when one was asked for.
        case accepted(acceptedTimestamp: UInt64, frank: Frank?)
        /// `notAllowed`.
        case notAllowed
        /// `epochTooOld` with the group's current epoch.
        case epochTooOld(currentEpoch: UInt64)

        /// The code on the wire.
        public var code: SubmitResponseCode {
            switch self {
            case .accepted: .accepted
            case .notAllowed: .notAllowed
            case .epochTooOld: .epochTooOld
            }
        }
    }

    /// The end-to-end protocol (always `mls10`).
    public var protocolVersion: MIMIProtocol
    /// The outcome.
    public var outcome: Outcome

    /// A response.
    public init(_ outcome: Outcome) {
        protocolVersion = .mls10
        self.outcome = outcome
    }

    /// Writes the protocol, the code and the selected fields.
    public func encode(to writer: inout WireWriter) {
        protocolVersion.encode(to: &writer)
        outcome.code.encode(to: &writer)
        switch outcome {
        case .accepted(let timestamp, let frank):
            writer.writeUInt64(timestamp)
            writer.writeOptional(frank)
        case .notAllowed: break
        case .epochTooOld(let epoch): writer.writeUInt64(epoch)
        }
    }

    /// Reads the protocol, the code and the selected fields.
    public init(from reader: inout WireReader) throws(CodecError) {
        protocolVersion = try MIMIProtocol(from: &reader)
        switch try SubmitResponseCode(from: &reader) {
        case .accepted: outcome = .accepted(acceptedTimestamp: try reader.readUInt64(), frank: try reader.readOptional(of: Frank.self))
        case .notAllowed: outcome = .notAllowed
        case .epochTooOld: outcome = .epochTooOld(currentEpoch: try reader.readUInt64())
        }
    }
}
