/// The AppDataUpdate rules of draft-ietf-mls-extensions §4.7, for `ProposalApplication`: the proposal-list rule,
/// the restriction on GroupContextExtensions, member support, and the new `app_data_dictionary` a commit's
/// AppDataUpdate proposals produce through the components' handlers. Pure functions: nothing changes on failure.
enum AppDataApplication {
    /// A list is valid only if, per component, it holds a single `remove` or one or more `update`s.
    static func checkList(_ updates: [AppDataUpdate]) throws(MLSError) {
        var removed: [ComponentID] = [], updated: [ComponentID] = []
        for u in updates {
            let id = u.componentID
            if u.update == nil {
                guard !removed.contains(id), !updated.contains(id) else {
                    throw MLSError(.invalidProposal, "AppDataUpdate: a remove of \(id) together with another AppDataUpdate of it")
                }
                removed.append(id)
            } else {
                guard !removed.contains(id) else { throw MLSError(.invalidProposal, "AppDataUpdate: an update and a remove of \(id)") }
                updated.append(id)
            }
        }
    }

    /// One proposal on its own: its component is known, and a `remove` names a component that has data.
    static func checkStandalone(_ update: AppDataUpdate, extensions: ExtensionList, handlers: AppDataHandlers) throws(MLSError) {
        guard handlers.knows(update.componentID) else { throw MLSError(.invalidProposal, "AppDataUpdate for unknown \(update.componentID)") }
        if update.update == nil, try dictionary(in: extensions)[update.componentID] == nil {
            throw MLSError(.invalidProposal, "AppDataUpdate removes \(update.componentID), which has no data")
        }
    }

    /// The extensions with `app_data_dictionary` computed from `updates` (commit order): per component, in order
    /// of first appearance, a `remove` deletes the entry and `update`s go to the component's handler, whose result
    /// becomes the entry's data. A missing `app_data_dictionary` is appended at the end of the list.
    static func apply(_ updates: [AppDataUpdate], to extensions: ExtensionList, handlers: AppDataHandlers) throws(MLSError) -> ExtensionList {
        guard !updates.isEmpty else { return extensions }
        try checkList(updates)
        var dictionary = try dictionary(in: extensions)
        var components: [ComponentID] = []
        for u in updates where !components.contains(u.componentID) { components.append(u.componentID) }
        for id in components {
            guard let handler = handlers.handler(for: id) else { throw MLSError(.invalidProposal, "AppDataUpdate for unknown \(id)") }
            let payloads = updates.filter { $0.componentID == id }.map(\.update)
            if payloads == [nil] {
                guard dictionary.remove(id) else { throw MLSError(.invalidProposal, "AppDataUpdate removes \(id), which has no data") }
                continue
            }
            let newData: [UInt8]
            do { newData = try handler(dictionary[id], payloads.compactMap { $0 }) } catch {
                throw MLSError(.invalidProposal, "AppDataUpdate: \(id) rejects the update: \(error)")
            }
            dictionary.set(id, newData)
        }
        var result = extensions
        result.set(.appDataDictionary(dictionary))
        return result
    }

    /// A GroupContextExtensions proposal may not add, remove or change `app_data_dictionary` when the group
    /// requires AppDataUpdate (its `required_capabilities`) or when the same commit carries AppDataUpdate proposals.
    static func checkGroupContextExtensions(old: ExtensionList, new: ExtensionList, withAppDataUpdates: Bool) throws(MLSError) {
        let required = ProposalApplication.requiredCapabilities(old)?.proposalTypes.contains(.appDataUpdate) == true
        guard required || withAppDataUpdates else { return }
        guard old[.appDataDictionary] == new[.appDataDictionary] else {
            throw MLSError(.invalidProposal, required
                ? "the group requires AppDataUpdate: GroupContextExtensions may not change app_data_dictionary"
                : "GroupContextExtensions changes app_data_dictionary in a commit with AppDataUpdate proposals")
        }
    }

    /// Every member of `tree` supports the AppDataUpdate proposal and the `app_data_dictionary` extension. When
    /// `extensions` require both, every leaf was validated against that requirement, so the scan is skipped.
    static func checkSupported(by tree: RatchetTree, extensions: ExtensionList) throws(MLSError) {
        if let required = ProposalApplication.requiredCapabilities(extensions), required.proposalTypes.contains(.appDataUpdate),
           required.extensionTypes.contains(.appDataDictionary) {
            return
        }
        for leaf in tree.occupiedLeaves {
            guard let capabilities = tree.leafNode(at: leaf)?.capabilities else { continue }
            guard capabilities.proposals.contains(.appDataUpdate), capabilities.extensions.contains(.appDataDictionary) else {
                throw MLSError(.invalidProposal, "\(leaf) does not support AppDataUpdate and app_data_dictionary")
            }
        }
    }

    /// The `app_data_dictionary` of `extensions` (empty when absent); a malformed one is `invalidProposal`.
    static func dictionary(in extensions: ExtensionList) throws(MLSError) -> AppDataDictionary {
        do { return try extensions.appDataDictionary() ?? AppDataDictionary() } catch {
            throw MLSError(.invalidProposal, "the GroupContext's app_data_dictionary is malformed: \(error)")
        }
    }
}
