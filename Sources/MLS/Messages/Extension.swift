import MLSCrypto
/// One extension: a type and its opaque data (RFC 9420 §13).
///
/// Unknown extension types are kept as they are (receivers must ignore them, §13.5); the typed views of
/// the RFC 9420 extensions are in `Extension+Typed.swift`.
public struct Extension: Hashable, Sendable, WireCodable {
    /// The extension's registry type.
    public var extensionType: ExtensionType
    /// The encoded extension body.
    public var extensionData: [UInt8]

    /// An extension of `type` with body `data`.
    public init(type: ExtensionType, data: [UInt8]) {
        extensionType = type
        extensionData = data
    }

    /// Writes `extension_type` and `opaque extension_data<V>`.
    public func encode(to writer: inout WireWriter) {
        extensionType.encode(to: &writer)
        writer.writeOpaque(extensionData)
    }

    /// Reads `extension_type` (any value) and `opaque extension_data<V>`.
    public init(from reader: inout WireReader) throws(CodecError) {
        extensionType = try ExtensionType(from: &reader)
        extensionData = try reader.readOpaque()
    }

    /// Decodes the body as `T`, which must fill it exactly; errors count offsets from the body's first byte.
    public func decodeData<T: WireDecodable>(as type: T.Type) throws(CodecError) -> T {
        try T.decode(extensionData)
    }
}

/// An `Extension extensions<V>` field: at most one extension of each type (RFC 9420 §13.4), in wire order.
public struct ExtensionList: Hashable, Sendable, WireCodable, RandomAccessCollection {
    /// The extensions in the order they appear on the wire.
    public private(set) var items: [Extension]

    /// No extensions.
    public static let empty = ExtensionList(validated: [])

    /// A list of extensions; two of the same type are `invalidValue` (RFC 9420 §13.4).
    public init(_ items: [Extension]) throws(CodecError) {
        if let duplicate = Self.firstDuplicate(in: items) {
            throw CodecError(.invalidValue, at: 0, "extension type \(duplicate) appears more than once")
        }
        self.items = items
    }

    private init(validated items: [Extension]) { self.items = items }

    /// The index of the first extension.
    public var startIndex: Int { items.startIndex }
    /// One past the index of the last extension.
    public var endIndex: Int { items.endIndex }
    /// The extension at `position`.
    public subscript(position: Int) -> Extension { items[position] }

    /// The extension of `type`, if present.
    public subscript(type: ExtensionType) -> Extension? {
        items.first { $0.extensionType == type }
    }

    /// The extension types present, in wire order.
    public var types: [ExtensionType] { items.map(\.extensionType) }

    /// Adds `item`, replacing an extension of the same type in place (or appending).
    public mutating func set(_ item: Extension) {
        if let index = items.firstIndex(where: { $0.extensionType == item.extensionType }) {
            items[index] = item
        } else {
            items.append(item)
        }
    }

    /// Removes the extension of `type`, if present.
    public mutating func remove(_ type: ExtensionType) {
        items.removeAll { $0.extensionType == type }
    }

    /// Lets each extension body share storage with the byte-equal body of the same type at the same position in
    /// `other`: memory only (members of a group keep one copy of a large body), the list's value is unchanged.
    public mutating func shareStorage(with other: ExtensionList) {
        guard items.count == other.items.count else { return }
        for i in items.indices where items[i].extensionType == other.items[i].extensionType
            && MLSCrypto.sameBytes(items[i].extensionData, other.items[i].extensionData) {
            items[i].extensionData = other.items[i].extensionData
        }
    }

    /// Whether both lists hold the same extensions, byte for byte (bodies compared with `memcmp`).
    public func sameBytes(as other: ExtensionList) -> Bool {
        items.count == other.items.count && zip(items, other.items).allSatisfy {
            $0.extensionType == $1.extensionType && MLSCrypto.sameBytes($0.extensionData, $1.extensionData)
        }
    }

    /// Writes the `<V>` vector of extensions.
    public func encode(to writer: inout WireWriter) { writer.writeArray(items) }

    /// Reads the `<V>` vector; a repeated extension type is `invalidValue`.
    public init(from reader: inout WireReader) throws(CodecError) {
        let at = reader.offset
        let items = try reader.readArray(of: Extension.self)
        if let duplicate = Self.firstDuplicate(in: items) {
            throw CodecError(.invalidValue, at: at, "extension type \(duplicate) appears more than once in the list")
        }
        self.items = items
    }

    private static func firstDuplicate(in items: [Extension]) -> ExtensionType? {
        var seen = Set<UInt16>()
        for item in items where !seen.insert(item.extensionType.rawValue).inserted {
            return item.extensionType
        }
        return nil
    }
}
