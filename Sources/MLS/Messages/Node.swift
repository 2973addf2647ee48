/// A parent node of the ratchet tree (RFC 9420 §7.1).
public struct ParentNode: Hashable, Sendable, WireCodable {
    /// The node's HPKE public key.
    public var encryptionKey: [UInt8]
    /// The parent hash binding this node to its parent (§7.9).
    public var parentHash: [UInt8]
    /// Leaves added below this node since it was last set, which do not know its private key.
    public var unmergedLeaves: [LeafIndex]

    /// A parent node with these fields.
    public init(encryptionKey: [UInt8], parentHash: [UInt8], unmergedLeaves: [LeafIndex] = []) {
        self.encryptionKey = encryptionKey
        self.parentHash = parentHash
        self.unmergedLeaves = unmergedLeaves
    }

    /// Writes the key, the parent hash and `uint32 unmerged_leaves<V>`.
    public func encode(to writer: inout WireWriter) {
        writer.writeOpaque(encryptionKey)
        writer.writeOpaque(parentHash)
        writer.writeArray(unmergedLeaves)
    }

    /// Reads the key, the parent hash and the unmerged leaves.
    public init(from reader: inout WireReader) throws(CodecError) {
        encryptionKey = try reader.readOpaque()
        parentHash = try reader.readOpaque()
        unmergedLeaves = try reader.readArray()
    }
}

/// A non-blank node of the ratchet tree: a leaf or a parent (RFC 9420 §12.4.3.3).
public enum Node: Hashable, Sendable, WireCodable {
    /// A leaf node.
    case leaf(LeafNode)
    /// A parent node.
    case parent(ParentNode)

    /// The `NodeType` on the wire.
    public var nodeType: NodeType {
        switch self {
        case .leaf: .leaf
        case .parent: .parent
        }
    }

    /// Writes `node_type` and the node.
    public func encode(to writer: inout WireWriter) {
        nodeType.encode(to: &writer)
        switch self {
        case .leaf(let leaf): leaf.encode(to: &writer)
        case .parent(let parent): parent.encode(to: &writer)
        }
    }

    /// Reads `node_type` (unknown values are `invalidValue`) and the node it selects.
    public init(from reader: inout WireReader) throws(CodecError) {
        switch try NodeType(from: &reader) {
        case .leaf: self = .leaf(try LeafNode(from: &reader))
        case .parent: self = .parent(try ParentNode(from: &reader))
        }
    }
}

/// The `optional<Node> ratchet_tree<V>` of RFC 9420 §12.4.3.3: the tree's nodes in array order, nil for blanks.
///
/// Validated at decode: the vector is not empty, its last node is not blank (senders must truncate
/// trailing blanks), and every node sits at a position of its type (leaves at even indices, parents at odd).
public struct RatchetTreeNodes: Hashable, Sendable, WireCodable {
    /// The nodes, leaf `L` at index `2L`; nil is a blank node. Trailing blanks are left out.
    public let nodes: [Node?]

    /// The nodes of a tree; throws `invalidValue` when they break one of the rules above.
    public init(nodes: [Node?]) throws(CodecError) {
        try Self.validate(nodes, at: 0)
        self.nodes = nodes
    }

    /// The number of leaves in the smallest full tree that holds these nodes.
    public var leafCount: UInt32 {
        let leaves = UInt32(truncatingIfNeeded: (nodes.count + 1) / 2)
        return TreeSize(coveringLeaves: leaves)?.leafCount ?? leaves
    }

    /// Writes the `<V>` vector of optional nodes.
    public func encode(to writer: inout WireWriter) { writer.writeArray(nodes) }

    /// Reads the vector and checks it.
    public init(from reader: inout WireReader) throws(CodecError) {
        let at = reader.offset
        let nodes = try reader.readArray(of: Node?.self)
        try Self.validate(nodes, at: at)
        self.nodes = nodes
    }

    private static func validate(_ nodes: [Node?], at offset: Int) throws(CodecError) {
        guard let last = nodes.last else {
            throw CodecError(.invalidValue, at: offset, "ratchet_tree has no nodes")
        }
        guard last != nil else {
            throw CodecError(.invalidValue, at: offset, "ratchet_tree ends in a blank node (trailing blanks must be left out)")
        }
        for (index, node) in nodes.enumerated() {
            guard let node else { continue }
            let expected: NodeType = index % 2 == 0 ? .leaf : .parent
            guard node.nodeType == expected else {
                throw CodecError(.invalidValue, at: offset, "ratchet_tree node \(index) is a \(node.nodeType) node; position \(index) holds a \(expected) node")
            }
        }
    }
}
