import MLSCrypto

/// The `RefHash` of a KeyPackage (RFC 9420 §5.2): how Welcome messages name the new member they are for.
public struct KeyPackageRef: Hashable, Sendable, WireCodable, CustomStringConvertible {
    /// The `RefHash` label of key packages.
    public static let label = "MLS 1.0 KeyPackage Reference"

    /// The hash output (`opaque HashReference<V>`).
    public var bytes: [UInt8]

    /// Wraps reference bytes.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// `RefHash("MLS 1.0 KeyPackage Reference", KeyPackage)` with the suite of `crypto`.
    public init(_ keyPackage: KeyPackage, crypto: CryptoContext) {
        bytes = crypto.refHash(Self.label, keyPackage.encoded())
    }

    /// Writes `opaque HashReference<V>`.
    public func encode(to writer: inout WireWriter) { writer.writeOpaque(bytes) }

    /// Reads `opaque HashReference<V>`.
    public init(from reader: inout WireReader) throws(CodecError) { bytes = try reader.readOpaque() }

    /// The reference as hex.
    public var description: String { OpaqueBytes(bytes).description }
}

/// The `RefHash` of a proposal's AuthenticatedContent (RFC 9420 §5.2): how commits list proposals by reference.
public struct ProposalRef: Hashable, Sendable, WireCodable, CustomStringConvertible {
    /// The `RefHash` label of proposals.
    public static let label = "MLS 1.0 Proposal Reference"

    /// The hash output (`opaque HashReference<V>`).
    public var bytes: [UInt8]

    /// Wraps reference bytes.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// `RefHash("MLS 1.0 Proposal Reference", AuthenticatedContent)` with the suite of `crypto`.
    public init(_ content: AuthenticatedContent, crypto: CryptoContext) {
        bytes = crypto.refHash(Self.label, content.encoded())
    }

    /// Writes `opaque HashReference<V>`.
    public func encode(to writer: inout WireWriter) { writer.writeOpaque(bytes) }

    /// Reads `opaque HashReference<V>`.
    public init(from reader: inout WireReader) throws(CodecError) { bytes = try reader.readOpaque() }

    /// The reference as hex.
    public var description: String { OpaqueBytes(bytes).description }
}
