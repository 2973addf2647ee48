import MLSCrypto

/// The SignContent (RFC 9420 §5.1.2) of a FramedContentTBS, written in one pass into a buffer of its exact size.
///
/// `verifyWithLabel(key, label, tbs.encoded(), signature)` verifies the same bytes, but builds them with several
/// copies of the group context: the extension list is a vector whose length is patched in after its content
/// (moving the content up for a 2- or 4-byte length), the buffer grows as it is written, and the whole TBS is
/// then copied behind the label. In a big room the group context carries the participant list (tens of KB),
/// and every member verifies every message. Here every length is computed first, so the bytes are written once.
enum SignContent {
    /// `struct { opaque label<V> = "MLS 1.0 " + label; opaque content<V> = tbs }`, byte for byte.
    static func of(_ tbs: FramedContentTBS, label: String) -> [UInt8] {
        let labelBytes = Array("MLS 1.0 \(label)".utf8)
        var head = WireWriter()
        tbs.version.encode(to: &head)
        tbs.wireFormat.encode(to: &head)
        tbs.content.encode(to: &head)
        var tbsLength = head.count
        var contextHead = WireWriter()
        var extensionsLength = 0
        if let context = tbs.context {
            context.version.encode(to: &contextHead)
            context.cipherSuite.encode(to: &contextHead)
            contextHead.writeOpaque(context.groupID)
            contextHead.writeUInt64(context.epoch)
            contextHead.writeOpaque(context.treeHash)
            contextHead.writeOpaque(context.confirmedTranscriptHash)
            for e in context.extensions {
                var type = WireWriter()
                e.extensionType.encode(to: &type)
                guard let size = VarInt.encodedSize(of: e.extensionData.count) else { return fallback(tbs, labelBytes) }
                extensionsLength += type.count + size + e.extensionData.count
            }
            guard let size = VarInt.encodedSize(of: extensionsLength) else { return fallback(tbs, labelBytes) }
            tbsLength += contextHead.count + size + extensionsLength
        }
        guard let labelSize = VarInt.encodedSize(of: labelBytes.count), let tbsSize = VarInt.encodedSize(of: tbsLength) else {
            return fallback(tbs, labelBytes)
        }
        var out = WireWriter(capacity: labelSize + labelBytes.count + tbsSize + tbsLength)
        out.writeOpaque(labelBytes)
        out.writeVarInt(tbsLength)
        out.writeBytes(head.bytes)
        if let context = tbs.context {
            out.writeBytes(contextHead.bytes)
            out.writeVarInt(extensionsLength)
            for e in context.extensions { e.encode(to: &out) }
        }
        return out.bytes
    }

    /// The plain construction (for lengths no varint can hold, which encoding then rejects the same way).
    static func fallback(_ tbs: FramedContentTBS, _ labelBytes: [UInt8]) -> [UInt8] {
        var out = WireWriter()
        out.writeOpaque(labelBytes)
        out.writeOpaque(tbs.encoded())
        return out.bytes
    }
}
