import MLS

/// `RichDescription` (draft-ietf-mimi-protocol-06 §9.6): one room description.
public struct RichDescription: Hashable, Sendable, WireCodable {
    /// The media type (empty: `text/plain;charset=utf-8`).
    public var mediaType: [UInt8]
    /// The language tag.
    public var languageTag: [UInt8]
    /// The description.
    public var content: [UInt8]

    /// A description.
    public init(mediaType: [UInt8] = [], languageTag: [UInt8] = [], content: [UInt8]) {
        self.mediaType = mediaType
        self.languageTag = languageTag
        self.content = content
    }

    /// Writes the three `opaque<V>`.
    public func encode(to writer: inout WireWriter) {
        writer.writeOpaque(mediaType)
        writer.writeOpaque(languageTag)
        writer.writeOpaque(content)
    }

    /// Reads the three `opaque<V>`.
    public init(from reader: inout WireReader) throws(CodecError) {
        mediaType = try reader.readOpaque()
        languageTag = try reader.readOpaque()
        content = try reader.readOpaque()
    }
}

/// `RoomMetaData` (§9.6): the `room_metadata` component's data, and the `update` of its AppDataUpdate
/// (`RoomMetaUpdate`), which replaces the data whole.
public struct RoomMetadata: Hashable, Sendable, WireCodable {
    /// The room's URI.
    public var roomURI: IdentifierURI
    /// The room's name (UTF-8).
    public var name: String
    /// Descriptions.
    public var descriptions: [RichDescription]
    /// An https URI of the avatar image.
    public var avatar: IdentifierURI
    /// The subject (UTF-8).
    public var subject: String
    /// The mood (UTF-8).
    public var mood: String

    /// Metadata.
    public init(roomURI: IdentifierURI, name: String = "", descriptions: [RichDescription] = [], avatar: IdentifierURI = "",
                subject: String = "", mood: String = "") {
        self.roomURI = roomURI
        self.name = name
        self.descriptions = descriptions
        self.avatar = avatar
        self.subject = subject
        self.mood = mood
    }

    /// The capabilities needed to change this metadata into `new`, one per changed field, in field order;
    /// nil when the room URI changes (never allowed).
    public func capabilitiesToChange(to new: RoomMetadata) -> [Capability]? {
        guard new.roomURI == roomURI else { return nil }
        var needed: [Capability] = []
        if new.name != name { needed.append(.canChangeRoomName) }
        if new.descriptions != descriptions { needed.append(.canChangeRoomDescription) }
        if new.avatar != avatar { needed.append(.canChangeRoomAvatar) }
        if new.subject != subject { needed.append(.canChangeRoomSubject) }
        if new.mood != mood { needed.append(.canChangeRoomMood) }
        return needed
    }

    /// Writes the fields (strings as `opaque<V>` UTF-8 without NUL).
    public func encode(to writer: inout WireWriter) {
        roomURI.encode(to: &writer)
        writer.writeOpaque(Array(name.utf8))
        writer.writeArray(descriptions)
        avatar.encode(to: &writer)
        writer.writeOpaque(Array(subject.utf8))
        writer.writeOpaque(Array(mood.utf8))
    }

    /// Reads the fields; strings must be UTF-8 without NUL.
    public init(from reader: inout WireReader) throws(CodecError) {
        roomURI = try IdentifierURI(from: &reader)
        name = try Self.readString(&reader, "room_name")
        descriptions = try reader.readArray()
        avatar = try IdentifierURI(from: &reader)
        subject = try Self.readString(&reader, "room_subject")
        mood = try Self.readString(&reader, "room_mood")
    }

    private static func readString(_ reader: inout WireReader, _ field: String) throws(CodecError) -> String {
        let at = reader.offset
        let text = try WireText.read(from: &reader, field: field, at: at)
        guard !text.utf8.contains(0) else { throw CodecError(.invalidValue, at: at, "\(field) must not contain NUL") }
        return text
    }
}
