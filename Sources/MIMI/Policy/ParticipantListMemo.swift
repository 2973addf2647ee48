import Foundation

/// The last result of `RoomComponents.participantList(current:updates:memo:)`, shared by the groups whose
/// configuration carries it (`ClientConfig.participantLists`, `ProviderConfig.participantLists`; a simulation
/// gives all its nodes one).
///
/// At each commit every member of a room (and the hub's observer) applies the same participant-list updates to
/// the same list: decoding, applying and encoding thousands of participants per member. The computation is pure,
/// so the result for exactly the same bytes (compared with `memcmp`, not hashed) is reused, and is the same array
/// for every member. Only successes are kept: a failing input is computed again and throws the same error.
/// One entry (the newest inputs); thread-safe (members handled on several threads share it).
public final class ParticipantListMemo: @unchecked Sendable {
    /// An empty memo.
    public init() {}

    private let lock = NSLock()
    private var current: [UInt8] = []
    private var updates: [[UInt8]] = []
    private var result: [UInt8]?

    /// `compute()`, or the remembered result when `current` and `updates` are byte for byte the last ones computed.
    func result(current: [UInt8], updates: [[UInt8]], _ compute: () throws(MIMIError) -> [UInt8]) throws(MIMIError) -> [UInt8] {
        lock.lock()
        let known = result.flatMap { Self.equal(self.current, current) && Self.equal(self.updates, updates) ? $0 : nil }
        lock.unlock()
        if let known { return known }
        let computed = try compute()
        lock.lock()
        (self.current, self.updates, result) = (current, updates, computed)
        lock.unlock()
        return computed
    }

    /// Whether `a` and `b` hold the same bytes.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { pa in b.withUnsafeBytes { pb in a.isEmpty || memcmp(pa.baseAddress!, pb.baseAddress!, a.count) == 0 } }
    }

    /// Whether `a` and `b` hold the same byte strings in the same order.
    static func equal(_ a: [[UInt8]], _ b: [[UInt8]]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
    }
}
