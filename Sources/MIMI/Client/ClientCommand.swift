/// What the user of a client asks it to do (each becomes requests to its provider).
public enum ClientCommand: Hashable, Sendable {
    /// Publish this many new KeyPackages to the provider.
    case publishKeyPackages(count: Int)
    /// Create a room hosted by the provider of the room URI (which must be this client's provider).
    case createRoom(IdentifierURI)
    /// Add every client of `user`: claim their KeyPackages through the hub, then commit the Adds with the
    /// participant-list addition.
    case addUser(room: IdentifierURI, user: IdentifierURI)
    /// Add several users in one commit (claims for each, then one commit with every Add and the participant-list
    /// additions); users whose key material cannot be claimed are left out (a `failed` event names them).
    case addUsers(room: IdentifierURI, users: [IdentifierURI])
    /// Remove every client of `user` and the user from the participant list.
    case removeUser(room: IdentifierURI, user: IdentifierURI)
    /// Leave the room by a SelfRemove proposal, which another member's next commit includes.
    case leave(room: IdentifierURI)
    /// Commit the pending proposals (an empty commit with a path when there are none).
    case commit(room: IdentifierURI)
    /// Join as a new device of a participant: fetch the GroupInfo from the hub and commit externally.
    case joinExternally(room: IdentifierURI)
    /// Send `content` to the room.
    case sendMessage(room: IdentifierURI, content: [UInt8])
}

/// What a client receives.
public enum ClientInput: Sendable {
    /// A response or push from its provider.
    case received(Transmit)
    /// A command of its user.
    case command(ClientCommand)
}
