import MLS

/// An MLS-shaped extension (`uint16 extension_type; opaque extension_data<V>;`) used to exercise the codec.
struct SampleExtension: WireCodable, Equatable {
    var type: UInt16
    var data: [UInt8]

    func encode(to writer: inout WireWriter) {
        writer.writeUInt16(type)
        writer.writeOpaque(data)
    }

    init(type: UInt16, data: [UInt8]) {
        self.type = type
        self.data = data
    }

    init(from reader: inout WireReader) throws(CodecError) {
        type = try reader.readUInt16()
        data = try reader.readOpaque()
    }
}

/// An MLS-shaped lifetime (`uint64 not_before; uint64 not_after;`): a struct of fixed-width fields.
struct SampleLifetime: WireCodable, Equatable {
    var notBefore: UInt64
    var notAfter: UInt64

    init(notBefore: UInt64, notAfter: UInt64) {
        self.notBefore = notBefore
        self.notAfter = notAfter
    }

    func encode(to writer: inout WireWriter) {
        writer.writeUInt64(notBefore)
        writer.writeUInt64(notAfter)
    }

    init(from reader: inout WireReader) throws(CodecError) {
        notBefore = try reader.readUInt64()
        notAfter = try reader.readUInt64()
    }
}

/// An MLS-shaped leaf node with every codec feature: an enum that rejects unknown values, opaque vectors,
/// a nested struct, `T items<V>`, `optional<T>`, a fixed-size field, and a leaf index.
struct SampleLeafNode: WireCodable, Equatable {
    enum Source: UInt8 { case keyPackage = 1, update = 2, commit = 3 }

    var encryptionKey: OpaqueBytes
    var source: Source
    var lifetime: SampleLifetime?
    var extensions: [SampleExtension]
    var parentHash: [UInt8]?
    var nonce: [UInt8]               // opaque[4]
    var leaf: LeafIndex

    init(encryptionKey: OpaqueBytes, source: Source, lifetime: SampleLifetime?, extensions: [SampleExtension],
         parentHash: [UInt8]?, nonce: [UInt8], leaf: LeafIndex) {
        self.encryptionKey = encryptionKey
        self.source = source
        self.lifetime = lifetime
        self.extensions = extensions
        self.parentHash = parentHash
        self.nonce = nonce
        self.leaf = leaf
    }

    func encode(to writer: inout WireWriter) {
        writer.write(encryptionKey)
        writer.writeUInt8(source.rawValue)
        writer.writeOptional(lifetime)
        writer.writeArray(extensions)
        writer.writeOptional(parentHash)
        writer.writeBytes(nonce)
        writer.write(leaf)
    }

    init(from reader: inout WireReader) throws(CodecError) {
        encryptionKey = try reader.read()
        let at = reader.offset
        let raw = try reader.readUInt8()
        guard let source = Source(rawValue: raw) else {
            throw CodecError(.invalidValue, at: at, "unknown leaf node source \(raw)")
        }
        self.source = source
        lifetime = try reader.readOptional()
        extensions = try reader.readArray()
        parentHash = try reader.readOptional()
        nonce = try reader.readBytes(count: 4)
        leaf = try reader.read()
    }

    /// A random valid node; `large` makes the key long enough for a 2- or 4-byte length header.
    static func random(_ rng: inout SplitMix64, large: Bool = false) -> SampleLeafNode {
        let keyLength = large ? (rng.oneIn(2) ? rng.inRange(64...16_383) : rng.inRange(16_384...20_000)) : rng.inRange(0...70)
        let extensions = (0..<rng.inRange(0...3)).map { _ in
            SampleExtension(type: UInt16(truncatingIfNeeded: rng.next()), data: rng.bytes(rng.inRange(0...12)))
        }
        return SampleLeafNode(
            encryptionKey: OpaqueBytes(rng.bytes(keyLength)),
            source: [Source.keyPackage, .update, .commit][rng.below(3)],
            lifetime: rng.oneIn(2) ? SampleLifetime(notBefore: rng.next(), notAfter: rng.next()) : nil,
            extensions: extensions,
            parentHash: rng.oneIn(2) ? rng.bytes(rng.inRange(0...40)) : nil,
            nonce: rng.bytes(4),
            leaf: LeafIndex(UInt32(truncatingIfNeeded: rng.next())))
    }
}
