import COpenSSL

/// Where key generation, path secrets, HPKE ephemerals and reuse guards get their random bytes.
///
/// Simulations use `SeededRandom` so a seed fixes every byte; live mode uses `SystemRandom`.
public protocol RandomSource: AnyObject {
    /// `count` random bytes.
    func bytes(_ count: Int) -> [UInt8]
}

/// OpenSSL's CSPRNG (`RAND_bytes`).
public final class SystemRandom: RandomSource {
    /// A handle on OpenSSL's generator.
    public init() {}

    /// `count` bytes from RAND_bytes.
    public func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return out }
        precondition(RAND_bytes(&out, Int32(count)) == 1, "RAND_bytes failed: \(opensslReason())")
        return out
    }
}

/// A deterministic generator: SHA-256(seed ‖ counter) blocks. Same seed, same bytes, on every machine.
public final class SeededRandom: RandomSource {
    private let seed: [UInt8]
    private var counter: UInt64 = 0
    private var buffer: [UInt8] = []
    private var position = 0

    /// A stream fixed by `seed` (any length) and an optional stream label (for example an actor name).
    public init(seed: UInt64, stream: String = "") {
        var s = [UInt8]()
        for i in 0..<8 { s.append(UInt8(truncatingIfNeeded: seed >> (8 * UInt64(i)))) }
        self.seed = Digest.sha256(s + Array(stream.utf8))
    }

    /// The next `count` bytes of the stream.
    public func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(count)
        while out.count < count {
            if position == buffer.count {
                var block = seed
                for i in 0..<8 { block.append(UInt8(truncatingIfNeeded: counter >> (8 * UInt64(i)))) }
                buffer = Digest.sha256(block)
                counter += 1
                position = 0
            }
            let take = min(count - out.count, buffer.count - position)
            out += buffer[position..<position + take]
            position += take
        }
        return out
    }
}
