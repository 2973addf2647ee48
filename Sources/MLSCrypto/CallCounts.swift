/// How many calls of each primitive a piece of work counted (only the primitives it called).
public struct CallCounts: Equatable, Sendable {
    /// (primitive, calls) pairs, in the order the primitives were first seen.
    public private(set) var entries: [(primitive: Primitive, calls: UInt64)] = []

    /// No calls.
    public init() {}

    /// The difference between two readings of an actor's per-primitive counts (indexed by raw value).
    @usableFromInline
    init(from before: [UInt64], to after: [UInt64]) {
        for p in Primitive.allCases where after[p.rawValue] != before[p.rawValue] {
            entries.append((p, after[p.rawValue] &- before[p.rawValue]))
        }
    }

    /// The calls of `primitive` counted.
    public subscript(_ primitive: Primitive) -> UInt64 { entries.first { $0.primitive == primitive }?.calls ?? 0 }

    /// Equal when every primitive has the same count.
    public static func == (a: CallCounts, b: CallCounts) -> Bool {
        Primitive.allCases.allSatisfy { a[$0] == b[$0] }
    }
}
