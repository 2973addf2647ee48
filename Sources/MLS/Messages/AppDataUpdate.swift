/// `AppDataUpdateOperation` (draft-ietf-mls-extensions §4.7); `invalid(0)` and undefined values are `invalidValue`.
public enum AppDataUpdateOperation: UInt8, WireEnum {
    /// Give the component's application logic an update.
    case update = 1
    /// Remove the component's data.
    case remove = 2
    /// The draft's enum name.
    public static var wireName: String { "AppDataUpdateOperation" }
}

/// The AppDataUpdate proposal (draft-ietf-mls-extensions §4.7, `app_data_update`, suggested 0x0008): an update
/// of one component's data in the GroupContext's `app_data_dictionary`, interpreted by that component's
/// application logic (`AppDataHandlers`), or the removal of that data. Needs no UpdatePath.
public struct AppDataUpdate: ProposalBody {
    /// `app_data_update` (0x0008).
    public static var proposalType: ProposalType { .appDataUpdate }
    /// The component updated.
    public var componentID: ComponentID
    /// The update given to the component's logic (`update`), or nil for `remove`.
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

    /// Writes the component, the operation and, for `update`, `opaque update<V>`.
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
