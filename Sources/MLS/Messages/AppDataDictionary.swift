/// A `ComponentID` of draft-ietf-mls-extensions §4.1 (a `uint16` naming one application component).
public struct ComponentID: RawRepresentable, Hashable, Comparable, Sendable, WireCodable, CustomStringConvertible {
    /// The value.
    public let rawValue: UInt16
    /// Wraps a value.
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// Writes the `uint16`.
    public func encode(to writer: inout WireWriter) { writer.writeUInt16(rawValue) }
    /// Reads a `uint16`.
    public init(from reader: inout WireReader) throws(CodecError) { rawValue = try reader.readUInt16() }
    /// Orders by value.
    public static func < (a: ComponentID, b: ComponentID) -> Bool { a.rawValue < b.rawValue }
    /// `component 0x....` in hexadecimal.
    public var description: String {
        let hex = String(rawValue, radix: 16)
        return "component 0x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

/// `ComponentData` (draft-ietf-mls-extensions §4.6): one component's data in an `app_data_dictionary`.
public struct ComponentData: Hashable, Sendable, WireCodable {
    /// The component.
    public var componentID: ComponentID
    /// Its data.
    public var data: [UInt8]

    /// An entry.
    public init(componentID: ComponentID, data: [UInt8]) {
        self.componentID = componentID
        self.data = data
    }

    /// Writes the ID and the data.
    public func encode(to writer: inout WireWriter) {
        componentID.encode(to: &writer)
        writer.writeOpaque(data)
    }

    /// Reads the ID and the data.
    public init(from reader: inout WireReader) throws(CodecError) {
        componentID = try ComponentID(from: &reader)
        data = try reader.readOpaque()
    }
}

/// `AppDataDictionary` (draft-ietf-mls-extensions §4.6), the body of the `app_data_dictionary` extension:
/// entries sorted by component ID, at most one each.
public struct AppDataDictionary: Hashable, Sendable, WireCodable {
    /// The entries, sorted by `componentID`.
    public private(set) var entries: [ComponentData]

    /// An empty dictionary.
    public init() { entries = [] }

    /// The data of a component, or nil.
    public subscript(id: ComponentID) -> [UInt8]? { entries.first { $0.componentID == id }?.data }

    /// Sets a component's data, keeping the entries sorted.
    public mutating func set(_ id: ComponentID, _ data: [UInt8]) {
        if let i = entries.firstIndex(where: { $0.componentID == id }) {
            entries[i].data = data
        } else {
            let i = entries.firstIndex { $0.componentID > id } ?? entries.endIndex
            entries.insert(ComponentData(componentID: id, data: data), at: i)
        }
    }

    /// Removes a component's data; returns false (and changes nothing) when there is none.
    @discardableResult
    public mutating func remove(_ id: ComponentID) -> Bool {
        guard let i = entries.firstIndex(where: { $0.componentID == id }) else { return false }
        entries.remove(at: i)
        return true
    }

    /// Writes `ComponentData component_data<V>`.
    public func encode(to writer: inout WireWriter) { writer.writeArray(entries) }

    /// Reads the entries; unsorted or repeated component IDs are `invalidValue`.
    public init(from reader: inout WireReader) throws(CodecError) {
        let at = reader.offset
        entries = try reader.readArray()
        for (a, b) in zip(entries, entries.dropFirst()) where !(a.componentID < b.componentID) {
            throw CodecError(.invalidValue, at: at, "app_data_dictionary entries must be sorted by component_id, each at most once")
        }
    }
}

extension Extension {
    /// `app_data_dictionary` (draft-ietf-mls-extensions §4.6) holding `dictionary`.
    public static func appDataDictionary(_ dictionary: AppDataDictionary) -> Extension {
        Extension(type: .appDataDictionary, data: dictionary.encoded())
    }
}

extension ExtensionList {
    /// The `app_data_dictionary`, if present.
    public func appDataDictionary() throws(CodecError) -> AppDataDictionary? {
        try self[.appDataDictionary]?.decodeData(as: AppDataDictionary.self)
    }
}
