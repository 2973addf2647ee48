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

    /// HMAC-SHA256 over the pieces the body feeds in.
    static func hmac(key: [UInt8], _ body: ((([UInt8]) -> Void)) -> Void) -> [UInt8] {
        let ctx = EVP_MAC_CTX_new(Algorithms.hmac)!
        defer { EVP_MAC_CTX_free(ctx) }
        var params = [
            OSSL_PARAM_construct_utf8_string(ParamNames.digest, ParamNames.sha256, 0),
            OSSL_PARAM_construct_end(),
        ]
        // HMAC accepts an empty key; OpenSSL needs a non-null pointer for it.
        var ok = key.isEmpty
            ? EVP_MAC_init(ctx, emptyKey, 0, &params)
            : key.withUnsafeBufferPointer { EVP_MAC_init(ctx, $0.baseAddress, $0.count, &params) }
        precondition(ok == 1, "EVP_MAC_init failed: \(opensslReason())")
        body { piece in
            guard !piece.isEmpty else { return }
            let r = piece.withUnsafeBufferPointer { EVP_MAC_update(ctx, $0.baseAddress, $0.count) }
            precondition(r == 1, "EVP_MAC_update failed")
        }
        var out = [UInt8](repeating: 0, count: 32)
        var length = 0
        ok = EVP_MAC_final(ctx, &out, &length, 32)
        precondition(ok == 1 && length == 32, "EVP_MAC_final failed")
        return out
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

    nonisolated(unsafe) private static let emptyKey: UnsafeMutablePointer<UInt8> = .allocate(capacity: 1)
}
