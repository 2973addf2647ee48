/// An HPKE ciphertext: the KEM output and the AEAD ciphertext (RFC 9420 §7.6).
public struct HPKECiphertext: Hashable, Sendable, WireCodable {
    /// The encapsulated key (`enc`).
    public var kemOutput: [UInt8]
    /// The AEAD ciphertext.
    public var ciphertext: [UInt8]

    /// A ciphertext with these parts.
    public init(kemOutput: [UInt8], ciphertext: [UInt8]) {
        self.kemOutput = kemOutput
        self.ciphertext = ciphertext
    }

    /// Writes the two `<V>` vectors.
    public func encode(to writer: inout WireWriter) {
        writer.writeOpaque(kemOutput)
        writer.writeOpaque(ciphertext)
    }

    /// Reads the two `<V>` vectors.
    public init(from reader: inout WireReader) throws(CodecError) {
        kemOutput = try reader.readOpaque()
        ciphertext = try reader.readOpaque()
    }
}

/// One node of an UpdatePath: its new public key and the path secret encrypted to each copath resolution node (RFC 9420 §7.6).
public struct UpdatePathNode: Hashable, Sendable, WireCodable {
    /// The node's new HPKE public key.
    public var encryptionKey: [UInt8]
    /// The path secret, encrypted once per node in the resolution of the copath child.
    public var encryptedPathSecret: [HPKECiphertext]

    /// A path node with these fields.
    public init(encryptionKey: [UInt8], encryptedPathSecret: [HPKECiphertext]) {
        self.encryptionKey = encryptionKey
        self.encryptedPathSecret = encryptedPathSecret
    }

    /// Writes the key and the ciphertext vector.
    public func encode(to writer: inout WireWriter) {
        writer.writeOpaque(encryptionKey)
        writer.writeArray(encryptedPathSecret)
    }

    /// Reads the key and the ciphertext vector.
    public init(from reader: inout WireReader) throws(CodecError) {
        encryptionKey = try reader.readOpaque()
        encryptedPathSecret = try reader.readArray()
    }
}

/// The committer's new leaf and the new keys along its filtered direct path (RFC 9420 §7.6).
public struct UpdatePath: Hashable, Sendable, WireCodable {
    /// The committer's new leaf node (source `commit`).
    public var leafNode: LeafNode
    /// One node per entry of the filtered direct path, from the leaf up.
    public var nodes: [UpdatePathNode]

    /// A path with these fields.
    public init(leafNode: LeafNode, nodes: [UpdatePathNode]) {
        self.leafNode = leafNode
        self.nodes = nodes
    }

    /// Writes the leaf and the node vector.
    public func encode(to writer: inout WireWriter) {
        leafNode.encode(to: &writer)
        writer.writeArray(nodes)
    }

    /// Reads the leaf and the node vector.
    public init(from reader: inout WireReader) throws(CodecError) {
        leafNode = try LeafNode(from: &reader)
        nodes = try reader.readArray()
    }
}
