import MLSCrypto

/// A MIMI message ID (draft-ietf-mimi-content-08 §2.3): a hash-algorithm octet and the first 31 octets of
/// `hash(senderUriLength || senderUri || roomUriLength || roomUri || message || salt)`.
public struct MessageId: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The size of a message ID.
    public static let size = 32
    /// The IANA Named Information hash algorithm ID of SHA-256, the only algorithm the draft defines.
    public static let sha256Algorithm: UInt8 = 0x01

    /// The 32 bytes.
    public let bytes: [UInt8]

    /// Wraps 32 bytes; throws `invalidContent` for another size.
    public init(bytes: [UInt8]) throws(MIMIError) {
        guard bytes.count == Self.size else {
            throw MIMIError(.invalidContent, "a MessageId has \(Self.size) bytes, not \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// The hash algorithm octet.
    public var hashAlgorithm: UInt8 { bytes[0] }

    /// Computes the ID of a message from its encoded content, its salt and the sender and room URIs.
    ///
    /// The URI lengths are big-endian `uint16`; a URI longer than 65535 bytes is `invalidContent`. The hash
    /// is SHA-256 regardless of the room's suite; it runs through `crypto` so the meter counts it (every
    /// suite this build supports hashes with SHA-256).
    public static func compute(senderURI: String, roomURI: String, content: [UInt8], salt: [UInt8],
                               crypto: CryptoContext) throws(MIMIError) -> MessageId {
        let sender = Array(senderURI.utf8), room = Array(roomURI.utf8)
        guard sender.count <= 0xffff, room.count <= 0xffff else {
            throw MIMIError(.invalidContent, "sender and room URIs must be at most 65535 bytes for a MessageId")
        }
        guard crypto.suite.hashLength == 32 else {
            throw MIMIError(.crypto, "MessageId needs SHA-256; suite \(crypto.suite.id) hashes with another function")
        }
        var input: [UInt8] = []
        input.reserveCapacity(4 + sender.count + room.count + content.count + salt.count)
        input += [UInt8(sender.count >> 8), UInt8(sender.count & 0xff)] + sender
        input += [UInt8(room.count >> 8), UInt8(room.count & 0xff)] + room
        input += content
        input += salt
        let digest = crypto.hash(input)
        return try MessageId(bytes: [sha256Algorithm] + digest.prefix(31))
    }

    /// Orders lexically by bytes (the draft's tie-break for equal timestamps in a topic).
    public static func < (a: MessageId, b: MessageId) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }

    /// The ID as lowercase hex.
    public var description: String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xf)]] })
    }
}
