import COpenSSL

/// SHA-256, HMAC-SHA256 and HKDF-SHA256 on OpenSSL (unmetered building blocks; `CryptoContext` meters them).
enum Digest {
    /// SHA-256 of `data`.
    static func sha256(_ data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = data.withUnsafeBytes { d in
            EVP_Digest(d.baseAddress, d.count, &out, &length, Algorithms.sha256, nil)
        }
        precondition(ok == 1 && length == 32, "EVP_Digest(SHA256) failed: \(opensslReason())")
        return out
    }

    /// HMAC-SHA256(key, data).
    static func hmac(key: [UInt8], data: [UInt8]) -> [UInt8] {
        hmac(key: key) { update in update(data) }
    }

    /// HMAC-SHA256 over the pieces the body feeds in (RFC 2104 on the process's fetched SHA-256).
    ///
    /// Computed as H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ data)) with one digest context: OpenSSL 3.0's EVP_MAC HMAC
    /// looks its digest up by name on every init (a locked provider fetch), which cost more than the hashing
    /// for the short inputs MLS derives keys from.
    static func hmac(key: [UInt8], _ body: ((([UInt8]) -> Void)) -> Void) -> [UInt8] {
        let blockSize = 64
        let k = key.count > blockSize ? sha256(key) : key
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * blockSize) { pads in
            k.withUnsafeBufferPointer { k in
                for i in 0..<blockSize {
                    let byte: UInt8 = i < k.count ? k[i] : 0
                    pads[i] = byte ^ 0x36
                    pads[blockSize + i] = byte ^ 0x5c
                }
            }
            let ctx = EVP_MD_CTX_new()!
            defer { EVP_MD_CTX_free(ctx) }
            var out = [UInt8](repeating: 0, count: 32)
            var length: UInt32 = 0
            var ok = EVP_DigestInit_ex(ctx, Algorithms.sha256, nil)
            ok &= EVP_DigestUpdate(ctx, pads.baseAddress, blockSize)
            body { piece in
                guard !piece.isEmpty else { return }
                let r = piece.withUnsafeBufferPointer { EVP_DigestUpdate(ctx, $0.baseAddress, $0.count) }
                precondition(r == 1, "EVP_DigestUpdate failed: \(opensslReason())")
            }
            ok &= EVP_DigestFinal_ex(ctx, &out, &length)
            ok &= EVP_DigestInit_ex(ctx, Algorithms.sha256, nil)
            ok &= EVP_DigestUpdate(ctx, pads.baseAddress! + blockSize, blockSize)
            ok &= out.withUnsafeBufferPointer { EVP_DigestUpdate(ctx, $0.baseAddress, 32) }
            ok &= EVP_DigestFinal_ex(ctx, &out, &length)
            precondition(ok == 1 && length == 32, "HMAC-SHA256 failed: \(opensslReason())")
            return out
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
        if length > 0 && length <= 32 {
            let block = hmac(key: prk) { update in update(info); update(Self.firstCounter) }
            return length == 32 ? block : Array(block.prefix(length))
        }
        var out = [UInt8]()
        out.reserveCapacity(length + 32)
        var previous = [UInt8]()
        var counter: UInt8 = 1
        while out.count < length {
            previous = hmac(key: prk) { update in
                update(previous)
                update(info)
                update([counter])
            }
            out += previous
            counter &+= 1
        }
        return Array(out.prefix(length))
    }

    /// The counter byte of HKDF-Expand's first block.
    private static let firstCounter: [UInt8] = [1]

}
