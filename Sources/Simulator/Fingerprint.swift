/// A 64-bit order-sensitive hash over the (time, kind, actor) of every processed event.
///
/// Each event mixes two 64-bit words, `time` and `kind << 32 | actor`, with
/// `h = (h ^ w) * 0x9E3779B97F4A7C15; h ^= h >> 29`. The printed value is passed
/// through a final avalanche (`value`), so two runs agree in one line iff their traces agree
/// (up to 2^-64 collisions).
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    @usableFromInline var state: UInt64 = 0xCBF2_9CE4_8422_2325
    @usableFromInline var mixedCount: UInt64 = 0
    /// Number of events mixed in.
    public var count: UInt64 { mixedCount }

    /// The fingerprint of an empty trace.
    public init() {}

    /// Mixes one event in.
    @inlinable @inline(__always)
    public mutating func mix(time: Int64, kind: UInt32, actor: UInt32) {
        var h = (state ^ UInt64(bitPattern: time)) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        h = (h ^ (UInt64(kind) << 32 | UInt64(actor))) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        state = h
        mixedCount &+= 1
    }

    /// The finished 64-bit hash (splitmix64 finalizer over the running state and the count).
    public var value: UInt64 {
        var z = state ^ (count &* 0xD1B5_4A32_D192_ED03)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The value as 16 lowercase hex digits.
    public var description: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
