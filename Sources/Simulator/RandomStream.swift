/// A xoshiro256** generator: one stream of the run's randomness.
///
/// Streams are derived with `RandomStream(seed:name:)` from the run's master seed and a stable
/// actor name, so adding an actor never changes the draws of the others.
public struct RandomStream: Sendable {
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A stream for the actor called `name` under master `seed`: splitmix64 over
    /// `seed ^ FNV-1a-64(name)` fills the four state words.
    public init(seed: UInt64, name: String) {
        self.init(seed: seed ^ StableHash.fnv1a64(name))
    }

    /// A stream seeded directly from one 64-bit value (splitmix64 expands it to 256 bits).
    public init(seed: UInt64) {
        var x = seed
        s0 = StableHash.splitMix64(&x); s1 = StableHash.splitMix64(&x)
        s2 = StableHash.splitMix64(&x); s3 = StableHash.splitMix64(&x)
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }   // the all-zero state is a fixed point
    }

    /// The next 64 random bits.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A uniform double in (0, 1): never exactly 0 or 1, safe for logarithms and inverse CDFs.
    @inlinable @inline(__always)
    public mutating func nextOpenUnit() -> Double { (Double(next() >> 11) + 0.5) * 0x1.0p-53 }

    /// A uniform integer in 0..<bound (Lemire's multiply-shift with rejection, unbiased).
    public mutating func next(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "bound must be positive")
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return m.high
    }
}

/// Hashes that do not change between processes or machines (unlike Swift's `Hasher`).
public enum StableHash {
    /// FNV-1a 64-bit over the UTF-8 bytes of `text`.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    /// One step of splitmix64: advances `x` and returns a well-mixed 64-bit value.
    public static func splitMix64(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
