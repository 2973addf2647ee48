import MLS

/// A `ComponentID` of draft-ietf-mls-extensions §3.1 (a `uint16`), with the MIMI components' values.
public struct ComponentID: RawRepresentable, Hashable, Comparable, Sendable, WireCodable {
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

    /// `participant_list` (0x0022, draft-ietf-mimi-protocol-06 §10).
    public static let participantList = ComponentID(rawValue: 0x0022)
    /// `room_metadata` (0x0023, draft-ietf-mimi-protocol-06 §10).
    public static let roomMetadata = ComponentID(rawValue: 0x0023)
    /// `roles_list` (suggested 0x0025, draft-ietf-mimi-room-policy-03 §10).
    public static let rolesList = ComponentID(rawValue: 0x0025)
    /// `base_room_policy` (suggested 0x0027, draft-ietf-mimi-room-policy-03 §10).
    public static let baseRoomPolicy = ComponentID(rawValue: 0x0027)
}

extension ProposalType {
    /// `app_data_update` (suggested 0x0008, draft-ietf-mls-extensions §9).
    public static let appDataUpdate = ProposalType(rawValue: 0x0008)
    /// `self_remove` (suggested 0x000a, draft-ietf-mls-extensions §9).
    public static let selfRemove = ProposalType(rawValue: 0x000a)
}

extension ExtensionType {
    /// `app_data_dictionary` (suggested 0x0006, draft-ietf-mls-extensions §9).
    public static let appDataDictionary = ExtensionType(rawValue: 0x0006)
}

/// `AppDataUpdateOperation` (draft-ietf-mls-extensions §3.7); `invalid(0)` is rejected.
public enum AppDataUpdateOperation: UInt8, MIMIWireEnum {
    /// Replace or merge the component's data with `update`.
    case update = 1
    /// Remove the component's data.
    case remove = 2
    /// The draft's enum name.
    public static var wireName: String { "AppDataUpdateOperation" }
}

/// The body of an `AppDataUpdate` proposal (draft-ietf-mls-extensions §3.7).
public struct AppDataUpdate: Hashable, Sendable, WireCodable {
    /// The component updated.
    public var componentID: ComponentID
    /// The new or changed data (`update`), or nil for `remove`.
    public var update: [UInt8]?

    /// An `update` operation.
    public init(componentID: ComponentID, update: [UInt8]) {
        self.componentID = componentID
        self.update = update
    }

    /// A `remove` operation.
    public init(removing componentID: ComponentID) {
        self.componentID = componentID
        update = nil
    }

    /// The operation on the wire.
    public var operation: AppDataUpdateOperation { update == nil ? .remove : .update }

    /// Writes the component, the operation and, for `update`, the data.
    public func encode(to writer: inout WireWriter) {
        componentID.encode(to: &writer)
        operation.encode(to: &writer)
        if let update { writer.writeOpaque(update) }
    }

    /// Reads the component, the operation and its arm.
    public init(from reader: inout WireReader) throws(CodecError) {
        componentID = try ComponentID(from: &reader)
        switch try AppDataUpdateOperation(from: &reader) {
        case .update: update = try reader.readOpaque()
        case .remove: update = nil
        }
    }
}

/// `ComponentData` (draft-ietf-mls-extensions §3.6): one component's data in an `app_data_dictionary`.
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

/// `AppDataDictionary` (draft-ietf-mls-extensions §3.6): entries sorted by component ID, at most one each.
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

    /// Removes a component's data; throws `invalidPolicy` when there is none (§3.7: such a proposal is invalid).
    public mutating func remove(_ id: ComponentID) throws(MIMIError) {
        guard let i = entries.firstIndex(where: { $0.componentID == id }) else {
            throw MIMIError(.invalidPolicy, "AppDataUpdate removes component 0x\(String(id.rawValue, radix: 16)), which has no data")
        }
        entries.remove(at: i)
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
