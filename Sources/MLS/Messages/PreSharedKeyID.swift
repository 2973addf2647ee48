/// Which pre-shared key a `PreSharedKeyID` names (RFC 9420 §8.4).
public enum PSKSource: Hashable, Sendable {
    /// An external PSK, by its application-defined id.
    case external(pskID: [UInt8])
    /// The resumption secret of `groupID` at `epoch`, used for `usage`.
    case resumption(usage: ResumptionPSKUsage, groupID: [UInt8], epoch: UInt64)

    /// The `PSKType` on the wire.
    public var pskType: PSKType {
        switch self {
        case .external: .external
        case .resumption: .resumption
        }
    }
}

/// The identity of a pre-shared key and the nonce of its use (RFC 9420 §8.4).
public struct PreSharedKeyID: Hashable, Sendable, WireCodable {
    /// Which PSK this is.
    public var source: PSKSource
    /// A fresh random nonce of length `KDF.Nh`, so every use derives a different secret.
    public var nonce: [UInt8]

    /// A PSK id with this source and nonce.
    public init(source: PSKSource, nonce: [UInt8]) {
        self.source = source
        self.nonce = nonce
    }

    /// Writes `psktype`, the fields it selects and `psk_nonce`.
    public func encode(to writer: inout WireWriter) {
        source.pskType.encode(to: &writer)
        switch source {
        case .external(let pskID):
            writer.writeOpaque(pskID)
        case .resumption(let usage, let groupID, let epoch):
            usage.encode(to: &writer)
            writer.writeOpaque(groupID)
            writer.writeUInt64(epoch)
        }
        writer.writeOpaque(nonce)
    }

    /// Reads `psktype` (unknown values are `invalidValue`), its fields and `psk_nonce`.
    public init(from reader: inout WireReader) throws(CodecError) {
        switch try PSKType(from: &reader) {
        case .external:
            source = .external(pskID: try reader.readOpaque())
        case .resumption:
            let usage = try ResumptionPSKUsage(from: &reader)
            let groupID = try reader.readOpaque()
            source = .resumption(usage: usage, groupID: groupID, epoch: try reader.readUInt64())
        }
        nonce = try reader.readOpaque()
    }
}

/// The context of one PSK in the PSK secret derivation: its id and position in the list (RFC 9420 §8.4).
public struct PSKLabel: Hashable, Sendable, WireCodable {
    /// The PSK.
    public var id: PreSharedKeyID
    /// Its index in the list of PSKs.
    public var index: UInt16
    /// The number of PSKs in the list.
    public var count: UInt16

    /// The label of PSK `index` of `count`.
    public init(id: PreSharedKeyID, index: UInt16, count: UInt16) {
        self.id = id
        self.index = index
        self.count = count
    }

    /// Writes the id, `uint16 index` and `uint16 count`.
    public func encode(to writer: inout WireWriter) {
        id.encode(to: &writer)
        writer.writeUInt16(index)
        writer.writeUInt16(count)
    }

    /// Reads the id, the index and the count.
    public init(from reader: inout WireReader) throws(CodecError) {
        id = try PreSharedKeyID(from: &reader)
        index = try reader.readUInt16()
        count = try reader.readUInt16()
    }
}
