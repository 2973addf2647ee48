/// Typed constructors for the extensions RFC 9420 defines (§13.4 list, §17.3 registry).
extension Extension {
    /// `application_id` (§5.3.3): an opaque application-level identifier of a leaf.
    public static func applicationID(_ id: [UInt8]) -> Extension {
        Extension(type: .applicationID, data: OpaqueBytes(id).encoded())
    }

    /// `ratchet_tree` (§12.4.3.3): the public tree, for joiners.
    public static func ratchetTree(_ tree: RatchetTreeNodes) -> Extension {
        Extension(type: .ratchetTree, data: tree.encoded())
    }

    /// `required_capabilities` (§11.1).
    public static func requiredCapabilities(_ required: RequiredCapabilities) -> Extension {
        Extension(type: .requiredCapabilities, data: required.encoded())
    }

    /// `external_pub` (§12.4.3.2).
    public static func externalPub(_ key: ExternalPub) -> Extension {
        Extension(type: .externalPub, data: key.encoded())
    }

    /// `external_senders` (§12.1.8.1).
    public static func externalSenders(_ senders: [ExternalSender]) -> Extension {
        Extension(type: .externalSenders, data: senders.encoded())
    }
}

/// Typed views of the RFC 9420 extensions in a list: nil when absent, `CodecError` when present but malformed.
extension ExtensionList {
    /// The `application_id`, if present.
    public func applicationID() throws(CodecError) -> [UInt8]? {
        try self[.applicationID]?.decodeData(as: OpaqueBytes.self).bytes
    }

    /// The `ratchet_tree`, if present.
    public func ratchetTree() throws(CodecError) -> RatchetTreeNodes? {
        try self[.ratchetTree]?.decodeData(as: RatchetTreeNodes.self)
    }

    /// The `required_capabilities`, if present.
    public func requiredCapabilities() throws(CodecError) -> RequiredCapabilities? {
        try self[.requiredCapabilities]?.decodeData(as: RequiredCapabilities.self)
    }

    /// The `external_pub`, if present.
    public func externalPub() throws(CodecError) -> ExternalPub? {
        try self[.externalPub]?.decodeData(as: ExternalPub.self)
    }

    /// The `external_senders`, if present.
    public func externalSenders() throws(CodecError) -> [ExternalSender]? {
        try self[.externalSenders]?.decodeData(as: [ExternalSender].self)
    }
}
