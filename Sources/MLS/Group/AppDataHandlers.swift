/// The application logic of one `app_data_dictionary` component (draft-ietf-mls-extensions §4.7): given the
/// component's data in the GroupContext (nil when it has none) and the `update` payloads of a commit's
/// AppDataUpdate proposals for it, in commit order, it returns the new data, or throws when it considers the
/// updates invalid (the commit is then rejected). It must be deterministic and pure: the committer, every
/// member and an observing delivery service run it on the same input and must get the same bytes.
public typealias AppDataUpdateHandler = @Sendable (_ current: [UInt8]?, _ updates: [[UInt8]]) throws -> [UInt8]

/// The application components a member (or observer) knows, by component ID: an AppDataUpdate proposal for a
/// component without a handler is invalid. Part of `GroupConfig`; every member of a group needs the same set.
public struct AppDataHandlers: Sendable {
    private var handlers: [ComponentID: AppDataUpdateHandler] = [:]

    /// No components: every AppDataUpdate proposal is rejected.
    public init() {}

    /// Registers (or replaces) the logic of `component`.
    public mutating func register(_ component: ComponentID, _ handler: @escaping AppDataUpdateHandler) {
        handlers[component] = handler
    }

    /// The logic of `component`, or nil when it is unknown.
    public func handler(for component: ComponentID) -> AppDataUpdateHandler? { handlers[component] }

    /// Whether `component` is known.
    public func knows(_ component: ComponentID) -> Bool { handlers[component] != nil }
}
