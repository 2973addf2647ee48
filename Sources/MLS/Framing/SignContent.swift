import MLSCrypto

/// The SignContent (RFC 9420 §5.1.2) of a FramedContentTBS, as pieces whose concatenation is its bytes.
///
/// `verifyWithLabel(key, label, tbs.encoded(), signature)` verifies the same bytes, but builds them with several
/// copies of the group context: the extension list is a vector whose length is patched in after its content
/// (moving the content up for a 2- or 4-byte length), the buffer grows as it is written, and the whole TBS is
/// then copied behind the label. In a big room the group context carries the participant list (tens of KB),
/// and every member verifies every message. Here every length is computed first, and a large extension's data
/// is a piece of its own (the extension's array, not a copy): `CryptoContext.verify(_:ofConcatenation:with:)`
/// then compares the pieces with a remembered verification and assembles them only to run OpenSSL.
enum SignContent {
    /// Extension bodies at least this long are pieces of their own instead of being copied.
    static let sharedPieceSize = 1024

    /// `struct { opaque label<V> = "MLS 1.0 " + label; opaque content<V> = tbs }`, in pieces.
    static func pieces(_ tbs: FramedContentTBS, label: String) -> [[UInt8]] {
        let labelBytes = Array("MLS 1.0 \(label)".utf8)
        var head = WireWriter(capacity: 64 + tbs.content.groupID.count + tbs.content.authenticatedData.count + Self.bodySizeHint(tbs.content.body))
        tbs.version.encode(to: &head)
        tbs.wireFormat.encode(to: &head)
        tbs.content.encode(to: &head)
        var tbsLength = head.count
        var contextHead = WireWriter(capacity: 32 + (tbs.context.map { $0.groupID.count + $0.treeHash.count + $0.confirmedTranscriptHash.count } ?? 0))
        var extensionsLength = 0
        if let context = tbs.context {
            context.version.encode(to: &contextHead)
            context.cipherSuite.encode(to: &contextHead)
            contextHead.writeOpaque(context.groupID)
            contextHead.writeUInt64(context.epoch)
            contextHead.writeOpaque(context.treeHash)
            contextHead.writeOpaque(context.confirmedTranscriptHash)
            for e in context.extensions {
                guard let size = VarInt.encodedSize(of: e.extensionData.count) else { return [fallback(tbs, labelBytes)] }
                extensionsLength += Self.extensionTypeSize + size + e.extensionData.count
            }
            guard let size = VarInt.encodedSize(of: extensionsLength) else { return [fallback(tbs, labelBytes)] }
            tbsLength += contextHead.count + size + extensionsLength
        }
        guard VarInt.encodedSize(of: labelBytes.count) != nil, VarInt.encodedSize(of: tbsLength) != nil else {
            return [fallback(tbs, labelBytes)]
        }
        var pieces: [[UInt8]] = []
        var out = WireWriter(capacity: labelBytes.count + head.count + contextHead.count + 16
                                       + min(extensionsLength, 4 * sharedPieceSize))
        out.writeOpaque(labelBytes)
        out.writeVarInt(tbsLength)
        out.writeBytes(head.bytes)
        if let context = tbs.context {
            out.writeBytes(contextHead.bytes)
            out.writeVarInt(extensionsLength)
            for e in context.extensions {
                e.extensionType.encode(to: &out)
                out.writeVarInt(e.extensionData.count)
                if e.extensionData.count >= sharedPieceSize {
                    pieces.append(out.bytes)
                    pieces.append(e.extensionData)
                    out = WireWriter()
                } else {
                    out.writeBytes(e.extensionData)
                }
            }
        }
        if out.count > 0 || pieces.isEmpty { pieces.append(out.bytes) }
        return pieces
    }

    /// `struct { opaque label<V> = "MLS 1.0 " + label; opaque content<V> }` around the content `body` writes,
    /// in one buffer of its exact size (`CryptoContext.verifyWithLabel` builds the same bytes from a copy of the
    /// encoded content). `capacity` is a guess of the content's size.
    static func labeled(_ label: String, capacity: Int, _ body: (inout WireWriter) -> Void) -> [UInt8] {
        var content = WireWriter(capacity: capacity)
        body(&content)
        let labelLength = 8 + label.utf8.count
        var out = WireWriter(capacity: labelLength + content.count + 8)
        out.writeVarInt(labelLength)
        out.writeBytes("MLS 1.0 ".utf8)
        out.writeBytes(label.utf8)
        out.writeOpaque(content.buffer)
        return out.bytes
    }

    /// The encoded size of an `ExtensionType` (`uint16`).
    static let extensionTypeSize = 2

    /// A guess of a body's encoded size, for reserving buffer space (the application data's size; small otherwise).
    static func bodySizeHint(_ body: FramedContentBody) -> Int {
        if case .application(let data) = body { return data.count + 4 }
        return 256
    }

    /// The pieces, assembled.
    static func of(_ tbs: FramedContentTBS, label: String) -> [UInt8] {
        pieces(tbs, label: label).reduce(into: []) { $0 += $1 }
    }

    /// The plain construction (for lengths no varint can hold, which encoding then rejects the same way).
    static func fallback(_ tbs: FramedContentTBS, _ labelBytes: [UInt8]) -> [UInt8] {
        var out = WireWriter()
        out.writeOpaque(labelBytes)
        out.writeOpaque(tbs.encoded())
        return out.bytes
    }
}
