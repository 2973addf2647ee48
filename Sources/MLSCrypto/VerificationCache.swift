/// Signature verifications already done in this process, shared by the contexts of many simulated members.
///
/// In a simulation every recipient of a message verifies the same signature over the same bytes; with a
/// cache only the first one runs OpenSSL. The meter still counts every `verify` (so `calibrated` runs charge
/// each member its full virtual cost); only wall time is saved. Do not use it with `measured` crypto time,
/// whose CPU figures would then omit the skipped work. Only successful verifications are remembered.
/// Confined to one thread, like the meter.
public final class VerificationCache {
    private var verified: Set<[UInt8]> = []
    /// The cache is emptied when it holds this many entries.
    public let capacity: Int
    /// Verifications answered from the cache.
    public private(set) var hits: UInt64 = 0

    /// An empty cache holding at most `capacity` verifications and as many keys.
    public init(capacity: Int = 1 << 20) { self.capacity = capacity }

    func contains(_ key: [UInt8]) -> Bool {
        if verified.contains(key) { hits += 1; return true }
        return false
    }

    func insert(_ key: [UInt8]) {
        if verified.count >= capacity { verified.removeAll(keepingCapacity: true) }
        verified.insert(key)
    }

    /// SHA-256 over the scheme, key, signature and message, each length-prefixed.
    static func key(_ pk: SignaturePublicKey, _ signature: [UInt8], _ message: [UInt8]) -> [UInt8] {
        var input: [UInt8] = [UInt8(pk.scheme.rawValue >> 8), UInt8(pk.scheme.rawValue & 0xff)]
        input.reserveCapacity(pk.bytes.count + signature.count + message.count + 16)
        VarintVector.append(pk.bytes, to: &input)
        VarintVector.append(signature, to: &input)
        VarintVector.append(message, to: &input)
        return Digest.sha256(input)
    }
}
