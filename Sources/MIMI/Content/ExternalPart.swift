/// An `ExternalPart` (draft-ietf-mimi-content-08 §3.5): content stored outside the message.
public struct ExternalPart: Hashable, Sendable {
    /// The IANA media type of the content.
    public var contentType: String
    /// Where the content can be fetched.
    public var url: String
    /// When the content stops being valid (seconds since the UNIX epoch), or 0.
    public var expires: UInt32
    /// The size of the content in bytes, or 0 when not given.
    public var size: UInt64
    /// The IANA AEAD algorithm the content is encrypted with, or 0.
    public var encAlg: UInt16
    /// The AEAD key (empty when not encrypted).
    public var key: [UInt8]
    /// The AEAD nonce.
    public var nonce: [UInt8]
    /// The AEAD additional authenticated data.
    public var aad: [UInt8]
    /// The IANA Named Information hash algorithm of `contentHash`, or 0.
    public var hashAlg: UInt8
    /// The hash of the content at `url`.
    public var contentHash: [UInt8]
    /// A text description (may be empty).
    public var description: String
    /// A suggested file name (may be empty).
    public var filename: String

    /// An external part with these fields.
    public init(contentType: String, url: String, expires: UInt32 = 0, size: UInt64 = 0, encAlg: UInt16 = 0,
                key: [UInt8] = [], nonce: [UInt8] = [], aad: [UInt8] = [], hashAlg: UInt8 = 0, contentHash: [UInt8] = [],
                description: String = "", filename: String = "") {
        self.contentType = contentType
        self.url = url
        self.expires = expires
        self.size = size
        self.encAlg = encAlg
        self.key = key
        self.nonce = nonce
        self.aad = aad
        self.hashAlg = hashAlg
        self.contentHash = contentHash
        self.description = description
        self.filename = filename
    }

    /// The 12 CBOR fields after the cardinality.
    var cborFields: [CBOR] {
        [.text(contentType), .text(url), .unsigned(UInt64(expires)), .unsigned(size), .unsigned(UInt64(encAlg)),
         .bytes(key), .bytes(nonce), .bytes(aad), .unsigned(UInt64(hashAlg)), .bytes(contentHash),
         .text(description), .text(filename)]
    }

    /// Reads the fields after the cardinality.
    init(reading fields: inout CBORFields) throws(MIMIError) {
        contentType = try fields.text("contentType")
        url = try fields.text("url")
        expires = UInt32(try fields.unsigned("expires", max: UInt64(UInt32.max)))
        size = try fields.unsigned("size", max: UInt64.max)
        encAlg = UInt16(try fields.unsigned("encAlg", max: UInt64(UInt16.max)))
        key = try fields.bytes("key")
        nonce = try fields.bytes("nonce")
        aad = try fields.bytes("aad")
        hashAlg = UInt8(try fields.unsigned("hashAlg", max: UInt64(UInt8.max)))
        contentHash = try fields.bytes("contentHash")
        description = try fields.text("description")
        filename = try fields.text("filename")
    }
}
