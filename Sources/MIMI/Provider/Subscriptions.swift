/// Which local clients receive a room's fan-out at a provider, and the notify bodies it processed recently.
///
/// A client is subscribed when a Welcome for it arrives, when it creates the room, or when it asks to (before
/// an external join); it unsubscribes once it has learned it was removed. Each subscription has a generation,
/// carried in every push, so an unsubscribe that crosses a new Welcome does not end the new subscription.
struct RoomSubscriptions {
    /// A subscribed client and its subscription's generation.
    struct Entry: Hashable {
        let client: IdentifierURI
        let generation: UInt64
    }

    /// Subscribed clients, sorted by URI.
    private(set) var entries: [Entry] = []
    /// The last notify bodies processed for the room, newest last (byte-identical repeats are dropped).
    private(set) var recentNotifies: [[UInt8]] = []
    /// How many notify bodies are remembered.
    static let rememberedNotifies = 64

    /// Subscribes `client` with `generation` (replacing an older subscription).
    mutating func subscribe(_ client: IdentifierURI, generation: UInt64) {
        entries.removeAll { $0.client == client }
        let index = entries.firstIndex { client < $0.client } ?? entries.endIndex
        entries.insert(Entry(client: client, generation: generation), at: index)
    }

    /// Ends `client`'s subscription if it still has `generation`; returns whether it did.
    mutating func unsubscribe(_ client: IdentifierURI, generation: UInt64) -> Bool {
        guard let i = entries.firstIndex(where: { $0.client == client && $0.generation == generation }) else { return false }
        entries.remove(at: i)
        return true
    }

    /// Whether `body` is a repeat of a processed notify.
    func isRepeat(_ body: [UInt8]) -> Bool { recentNotifies.contains(body) }

    /// Remembers a processed notify body.
    mutating func remember(_ body: [UInt8]) {
        recentNotifies.append(body)
        if recentNotifies.count > Self.rememberedNotifies { recentNotifies.removeFirst() }
    }
}
