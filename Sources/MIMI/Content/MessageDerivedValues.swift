/// `MessageDerivedValues` (draft-ietf-mimi-content-08 §3.6, Appendix B.2): what a receiver knows about a
/// message beyond its content, as the draft's `implied-original` example encodes it.
public struct MessageDerivedValues: Hashable, Sendable {
    /// The hub's acceptance time: milliseconds since the UNIX epoch, or an RFC 9581 extended time (tag 1001).
    public enum Timestamp: Hashable, Sendable {
        /// `uint .size 8` milliseconds.
        case milliseconds(UInt64)
        /// `#6.1001({* name => value})`, kept as its map.
        case extended([CBORMapEntry])
    }

    /// The message's ID.
    public var messageId: MessageId
    /// The hub's acceptance time.
    public var hubAcceptedTimestamp: Timestamp
    /// The MLS group ID.
    public var mlsGroupId: [UInt8]
    /// The sender's leaf index.
    public var senderLeafIndex: UInt32
    /// The sender's client URL.
    public var senderClientUrl: String
    /// The sender's user URL.
    public var senderUserUrl: String
    /// The room's URL.
    public var roomUrl: String

    /// Derived values.
    public init(messageId: MessageId, hubAcceptedTimestamp: Timestamp, mlsGroupId: [UInt8], senderLeafIndex: UInt32,
                senderClientUrl: String, senderUserUrl: String, roomUrl: String) {
        self.messageId = messageId
        self.hubAcceptedTimestamp = hubAcceptedTimestamp
        self.mlsGroupId = mlsGroupId
        self.senderLeafIndex = senderLeafIndex
        self.senderClientUrl = senderClientUrl
        self.senderUserUrl = senderUserUrl
        self.roomUrl = roomUrl
    }

    /// The values as a 7-element CBOR array.
    public var cbor: CBOR {
        let timestamp: CBOR = switch hubAcceptedTimestamp {
        case .milliseconds(let ms): .unsigned(ms)
        case .extended(let entries): .tagged(1001, .map(entries))
        }
        return .array([.bytes(messageId.bytes), timestamp, .bytes(mlsGroupId), .unsigned(UInt64(senderLeafIndex)),
                       .text(senderClientUrl), .text(senderUserUrl), .text(roomUrl)])
    }

    /// The deterministic CBOR encoding.
    public func encoded() -> [UInt8] { cbor.encoded() }

    /// Decodes deterministic CBOR.
    public static func decode(_ bytes: [UInt8]) throws(MIMIError) -> MessageDerivedValues {
        try MessageDerivedValues(cbor: try CBOR.decode(bytes))
    }

    /// Reads the values from a CBOR item.
    public init(cbor item: CBOR) throws(MIMIError) {
        var fields = try CBORFields(item, type: "MessageDerivedValues", counts: [7])
        messageId = try MessageId(bytes: try fields.bytes("messageId", size: MessageId.size))
        switch fields.next() {
        case .unsigned(let ms): hubAcceptedTimestamp = .milliseconds(ms)
        case .tagged(1001, .map(let entries)): hubAcceptedTimestamp = .extended(entries)
        case let other: throw CBORFields.invalid("MessageDerivedValues", "hubAcceptedTimestamp", "a uint or tag 1001 map", other)
        }
        mlsGroupId = try fields.bytes("mlsGroupId")
        senderLeafIndex = UInt32(try fields.unsigned("senderLeafIndex", max: UInt64(UInt32.max)))
        senderClientUrl = try fields.text("senderClientUrl")
        senderUserUrl = try fields.text("senderUserUrl")
        roomUrl = try fields.text("roomUrl")
    }
}
