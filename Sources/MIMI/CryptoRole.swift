/// The roles DESIGN.md reports crypto per: a client is a `member` (its base role) except while it builds,
/// or merges, its own commit (`committer`: creating a room, committing, joining by external commit); a
/// provider is a `follower` (its base role) except while it serves a room it hosts (`hub`).
public enum CryptoRole {
    /// A client building or merging its own commit.
    public static let committer = "committer"
    /// A client doing anything else: processing others' commits, joining by Welcome, sending and receiving messages.
    public static let member = "member"
    /// A provider serving a room it hosts (commit validation, franking, GroupInfo, key material at the hub).
    public static let hub = "hub"
    /// A provider doing anything else.
    public static let follower = "follower"

    /// The meter job of the commit that takes `room` to `epoch`: its committer's building and merging, the
    /// hub's validation, and every member's processing (not a new member's Welcome join, whose epoch is
    /// known only once it is decrypted). A losing commit for the same epoch is charged to it too.
    public static func commitJob(room: IdentifierURI, epoch: UInt64) -> String { "commit \(room.uri) \(epoch)" }
}
