import COpenSSL

/// SHA-256, HMAC-SHA256 and HKDF-SHA256 on OpenSSL (unmetered building blocks; `CryptoContext` meters them).
///
/// The digests use OpenSSL's SHA-256 functions on a stack context (`mimisim_sha256_*` in `COpenSSL`): MLS
/// hashes and derives from many short inputs (every received message runs a dozen HKDF-Expands), and the EVP
/// layer's per-digest context allocation and provider dispatch cost more than the hashing itself.
enum Digest {
    /// SHA-256 of `data`.
    static func sha256(_ data: [UInt8]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { out, count in
            data.withUnsafeBufferPointer { d in mimisim_sha256(d.baseAddress, d.count, out.baseAddress!) }
            count = 32
        }
    }

    /// HMAC-SHA256(key, data).
    static func hmac(key: [UInt8], data: [UInt8]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { out, count in
            key.withUnsafeBytes { k in
                data.withUnsafeBytes { d in hmac(key: k, d, Self.none, Self.none, into: out.baseAddress!) }
            }
            count = 32
        }
    }

    private static var none: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: nil, count: 0) }

    /// HMAC-SHA256(key, a ‖ b ‖ c) written to the 32 bytes at `out` (RFC 2104). `out` may overlap the inputs:
    /// it is written last.
    private static func hmac(key: UnsafeRawBufferPointer, _ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer,
                             _ c: UnsafeRawBufferPointer, into out: UnsafeMutablePointer<UInt8>) {
        let blockSize = 64
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: blockSize + 32) { buffer in
            let pad = buffer.baseAddress!, inner = pad + blockSize
            var keyBytes = key
            if key.count > blockSize {
                mimisim_sha256(key.baseAddress!.assumingMemoryBound(to: UInt8.self), key.count, inner)
                keyBytes = UnsafeRawBufferPointer(start: inner, count: 32)
            }
            for i in 0..<blockSize { pad[i] = (i < keyBytes.count ? keyBytes[i] : 0) ^ 0x36 }
            var ctx = SHA256_CTX()
            mimisim_sha256_init(&ctx)
            mimisim_sha256_update(&ctx, pad, blockSize)
            if !a.isEmpty { mimisim_sha256_update(&ctx, a.baseAddress, a.count) }
            if !b.isEmpty { mimisim_sha256_update(&ctx, b.baseAddress, b.count) }
            if !c.isEmpty { mimisim_sha256_update(&ctx, c.baseAddress, c.count) }
            mimisim_sha256_final(inner, &ctx)
            for i in 0..<blockSize { pad[i] ^= 0x36 ^ 0x5c }
            mimisim_sha256_init(&ctx)
            mimisim_sha256_update(&ctx, pad, blockSize)
            mimisim_sha256_update(&ctx, inner, 32)
            mimisim_sha256_final(out, &ctx)
        }
    }

    /// HKDF-Extract(salt, ikm) (RFC 5869); an empty salt means Nh zero bytes.
    static func extract(salt: [UInt8], ikm: [UInt8]) -> [UInt8] {
        hmac(key: salt.isEmpty ? [UInt8](repeating: 0, count: 32) : salt, data: ikm)
    }

    /// HKDF-Expand(prk, info, length) (RFC 5869); length at most 255 × 32.
    static func expand(prk: [UInt8], info: [UInt8], length: Int) throws(CryptoError) -> [UInt8] {
        guard length >= 0, length <= 255 * 32 else {
            throw CryptoError(.invalidLength, "HKDF-Expand length \(length) exceeds 255 × Nh")
        }
        guard prk.count >= 32 else { throw CryptoError(.invalidKey, "HKDF-Expand PRK of \(prk.count) bytes is shorter than Nh") }
        guard length > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: length) { out, count in
            prk.withUnsafeBytes { key in
                info.withUnsafeBytes { info in
                    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 33) { t in
                        // t[0..<32] is T(i-1) (empty for the first block), t[32] the counter byte.
                        let block = t.baseAddress!
                        var written = 0, previous = 0
                        var counter: UInt8 = 1
                        while written < length {
                            block[32] = counter
                            hmac(key: key, UnsafeRawBufferPointer(start: block, count: previous), info,
                                 UnsafeRawBufferPointer(start: block + 32, count: 1), into: block)
                            let n = min(32, length - written)
                            (out.baseAddress! + written).initialize(from: block, count: n)
                            written += n
                            previous = 32
                            counter &+= 1
                        }
                    }
                }
            }
            count = length
        }
    }
}
