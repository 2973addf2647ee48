/// The plaintext of a PrivateMessage (RFC 9420 §6.3.1): the body, the auth data and zero padding.
///
/// The encoding has no content type and ends in padding that runs to the end of the plaintext, so it is
/// decoded from the whole plaintext with `decode(_:contentType:)`, the content type coming from the
/// PrivateMessage header. Every padding byte must be zero (`invalidValue` otherwise).
public struct PrivateMessageContent: Hashable, Sendable, WireEncodable {
    /// The application data, proposal or commit.
    public let body: FramedContentBody
    /// The signature and, for commits, the confirmation tag.
    public let auth: FramedContentAuthData
    /// The number of zero bytes after the auth data.
    public let paddingLength: Int

    /// Content with `paddingLength` zero bytes of padding; throws `invalidValue` unless the confirmation
    /// tag is present exactly for commits and the padding length is not negative.
    public init(body: FramedContentBody, auth: FramedContentAuthData, paddingLength: Int = 0) throws(CodecError) {
        try auth.check(matches: body.contentType)
        guard paddingLength >= 0 else {
            throw CodecError(.invalidValue, at: 0, "padding length \(paddingLength) is negative")
        }
        self.body = body
        self.auth = auth
        self.paddingLength = paddingLength
    }

    /// The content type of `body` (it must match the PrivateMessage header).
    public var contentType: ContentType { body.contentType }

    /// Writes the body (without content type), the auth data and the zero padding.
    public func encode(to writer: inout WireWriter) {
        body.encodeBody(to: &writer)
        auth.encode(to: &writer)
        writer.writeBytes(repeatElement(UInt8(0), count: paddingLength))
    }

    /// Decodes a whole decrypted plaintext whose header says `contentType`; the rest after the auth data
    /// is padding and must be all zero.
    public static func decode(_ plaintext: [UInt8], contentType: ContentType,
                              maxVectorLength: Int = VarInt.maxValue) throws(CodecError) -> PrivateMessageContent {
        var reader = WireReader(plaintext, maxVectorLength: maxVectorLength)
        let body = try FramedContentBody(contentType: contentType, from: &reader)
        let auth = try FramedContentAuthData(from: &reader, contentType: contentType)
        let paddingStart = reader.offset
        let padding = try reader.readBytes(count: reader.remaining)
        if let nonZero = padding.firstIndex(where: { $0 != 0 }) {
            throw CodecError(.invalidValue, at: paddingStart + nonZero, "padding byte \(nonZero) is 0x\(String(padding[nonZero], radix: 16)); padding must be all zero")
        }
        return try PrivateMessageContent(body: body, auth: auth, paddingLength: padding.count)
    }
}
