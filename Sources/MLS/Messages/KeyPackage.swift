/// A client's signed, pre-published offer to be added to a group (RFC 9420 §10).
public struct KeyPackage: Hashable, Sendable, WireCodable {
    /// The protocol version the client will use.
    public var version: ProtocolVersion
    /// The cipher suite the client will use.
    public var cipherSuite: CipherSuiteID
    /// The HPKE key a Welcome is encrypted to (`HPKEPublicKey init_key`).
    public var initKey: [UInt8]
    /// The leaf node the client will occupy (source `key_package`).
    public var leafNode: LeafNode
    /// The key package's own extensions.
    public var extensions: ExtensionList
    /// `SignWithLabel(., "KeyPackageTBS", KeyPackageTBS)` with the leaf's signature key.
    public var signature: [UInt8]

    /// A key package with all its fields.
    public init(version: ProtocolVersion = .mls10, cipherSuite: CipherSuiteID, initKey: [UInt8], leafNode: LeafNode,
                extensions: ExtensionList = .empty, signature: [UInt8] = []) {
        self.version = version
        self.cipherSuite = cipherSuite
        self.initKey = initKey
        self.leafNode = leafNode
        self.extensions = extensions
        self.signature = signature
    }

    /// The content the signature covers.
    public var tbs: KeyPackageTBS {
        KeyPackageTBS(version: version, cipherSuite: cipherSuite, initKey: initKey, leafNode: leafNode, extensions: extensions)
    }

    /// Writes the key package.
    public func encode(to writer: inout WireWriter) {
        tbs.encode(to: &writer)
        writer.writeOpaque(signature)
    }

    /// Reads a key package.
    public init(from reader: inout WireReader) throws(CodecError) {
        let tbs = try KeyPackageTBS(from: &reader)
        self.init(version: tbs.version, cipherSuite: tbs.cipherSuite, initKey: tbs.initKey, leafNode: tbs.leafNode,
                  extensions: tbs.extensions, signature: try reader.readOpaque())
    }
}

/// The content of a KeyPackage that its signature covers (RFC 9420 §10).
public struct KeyPackageTBS: Hashable, Sendable, WireCodable {
    /// The protocol version.
    public var version: ProtocolVersion
    /// The cipher suite.
    public var cipherSuite: CipherSuiteID
    /// The HPKE init key.
    public var initKey: [UInt8]
    /// The leaf node.
    public var leafNode: LeafNode
    /// The key package's extensions.
    public var extensions: ExtensionList

    /// The to-be-signed content with these fields.
    public init(version: ProtocolVersion, cipherSuite: CipherSuiteID, initKey: [UInt8], leafNode: LeafNode, extensions: ExtensionList) {
        self.version = version
        self.cipherSuite = cipherSuite
        self.initKey = initKey
        self.leafNode = leafNode
        self.extensions = extensions
    }

    /// Writes the fields in order.
    public func encode(to writer: inout WireWriter) {
        version.encode(to: &writer)
        cipherSuite.encode(to: &writer)
        writer.writeOpaque(initKey)
        leafNode.encode(to: &writer)
        extensions.encode(to: &writer)
    }

    /// Reads the fields in order.
    public init(from reader: inout WireReader) throws(CodecError) {
        version = try ProtocolVersion(from: &reader)
        cipherSuite = try CipherSuiteID(from: &reader)
        initKey = try reader.readOpaque()
        leafNode = try LeafNode(from: &reader)
        extensions = try ExtensionList(from: &reader)
    }
}

