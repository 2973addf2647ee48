import MLS

/// The TLS `bool` of draft-ietf-mimi-room-policy-03 (`false(0)`, `true(1)`); any other byte is `invalidValue`.
enum WireBool {
    static func read(_ reader: inout WireReader, _ field: String) throws(CodecError) -> Bool {
        let at = reader.offset
        switch try reader.readUInt8() {
        case 0: return false
        case 1: return true
        case let other: throw CodecError(.invalidValue, at: at, "\(field) is \(other); a bool is 0 or 1")
        }
    }
}

/// `BaseRoomPolicy` (draft-ietf-mimi-room-policy-03 §4): top-level membership rules of a room.
public struct BaseRoomPolicy: Hashable, Sendable, WireCodable {
    /// Whether the participant list is fixed at creation (DMs).
    public var fixedMembership: Bool
    /// Whether participants must be a subset of a parent room's.
    public var parentDependent: Bool
    /// The parent room's URI (empty unless `parentDependent`).
    public var parentRoom: String
    /// Whether a user may have several clients in the group.
    public var multiDevice: Bool
    /// The most clients the MLS group may have.
    public var maxClients: UInt32?
    /// The most non-banned participants.
    public var maxUsers: UInt32?
    /// Whether pseudonymous credentials are allowed.
    public var pseudonymsAllowed: Bool
    /// Whether the room outlives its MLS group.
    public var persistentRoom: Bool
    /// Whether the room can be found by search.
    public var discoverable: Bool
    /// The component IDs of the room's other policy components.
    public var policyComponentIDs: [ComponentID]

    /// A base policy; defaults are a multi-device, non-persistent room without limits.
    public init(fixedMembership: Bool = false, parentDependent: Bool = false, parentRoom: String = "", multiDevice: Bool = true,
                maxClients: UInt32? = nil, maxUsers: UInt32? = nil, pseudonymsAllowed: Bool = false,
                persistentRoom: Bool = false, discoverable: Bool = false,
                policyComponentIDs: [ComponentID] = [.rolesList, .baseRoomPolicy]) {
        self.fixedMembership = fixedMembership
        self.parentDependent = parentDependent
        self.parentRoom = parentRoom
        self.multiDevice = multiDevice
        self.maxClients = maxClients
        self.maxUsers = maxUsers
        self.pseudonymsAllowed = pseudonymsAllowed
        self.persistentRoom = persistentRoom
        self.discoverable = discoverable
        self.policyComponentIDs = policyComponentIDs
    }

    /// Writes the fields in draft order (`parent_room` as one `opaque<V>` URI).
    public func encode(to writer: inout WireWriter) {
        writer.writeUInt8(fixedMembership ? 1 : 0)
        writer.writeUInt8(parentDependent ? 1 : 0)
        writer.writeOpaque(Array(parentRoom.utf8))
        writer.writeUInt8(multiDevice ? 1 : 0)
        writer.writeOptional(maxClients)
        writer.writeOptional(maxUsers)
        writer.writeUInt8(pseudonymsAllowed ? 1 : 0)
        writer.writeUInt8(persistentRoom ? 1 : 0)
        writer.writeUInt8(discoverable ? 1 : 0)
        writer.writeArray(policyComponentIDs)
    }

    /// Reads the fields; a parent room must be given exactly when `parentDependent`.
    public init(from reader: inout WireReader) throws(CodecError) {
        fixedMembership = try WireBool.read(&reader, "fixed_membership")
        parentDependent = try WireBool.read(&reader, "parent_dependent")
        let parentAt = reader.offset
        parentRoom = try WireText.read(from: &reader, field: "parent_room", at: parentAt)
        guard parentDependent == !parentRoom.isEmpty else {
            throw CodecError(.invalidValue, at: parentAt, "parent_room must be set exactly when parent_dependent is true")
        }
        multiDevice = try WireBool.read(&reader, "multi_device")
        maxClients = try reader.readOptional(of: UInt32.self)
        maxUsers = try reader.readOptional(of: UInt32.self)
        pseudonymsAllowed = try WireBool.read(&reader, "pseudonyms_allowed")
        persistentRoom = try WireBool.read(&reader, "persistent_room")
        discoverable = try WireBool.read(&reader, "discoverable")
        policyComponentIDs = try reader.readArray()
    }
}
