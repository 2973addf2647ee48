import COpenSSL

/// OpenSSL algorithm handles fetched once per process (fetching per call is slow in OpenSSL 3.0).
///
/// These are immutable, thread-safe provider objects; they are never freed (process lifetime).
enum Algorithms {
    nonisolated(unsafe) static let sha256: OpaquePointer = fetch(EVP_MD_fetch(nil, "SHA256", nil), "SHA256")
    nonisolated(unsafe) static let hmac: OpaquePointer = fetch(EVP_MAC_fetch(nil, "HMAC", nil), "HMAC")
    nonisolated(unsafe) static let aes128Gcm: OpaquePointer = fetch(EVP_CIPHER_fetch(nil, "AES-128-GCM", nil), "AES-128-GCM")
    nonisolated(unsafe) static let chacha20Poly1305: OpaquePointer = fetch(EVP_CIPHER_fetch(nil, "ChaCha20-Poly1305", nil), "ChaCha20-Poly1305")
    nonisolated(unsafe) static let p256Group: OpaquePointer = fetch(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1), "P-256 group")
    /// The P-256 group order n, big-endian, 32 bytes.
    static let p256Order: [UInt8] = {
        let bn = EC_GROUP_get0_order(p256Group)!
        var out = [UInt8](repeating: 0, count: 32)
        _ = BN_bn2binpad(bn, &out, 32)
        return out
    }()

    private static func fetch(_ pointer: OpaquePointer?, _ name: String) -> OpaquePointer {
        guard let pointer else { fatalError("OpenSSL 3.0 default provider lacks \(name); libcrypto is unusable") }
        return pointer
    }
}

/// OpenSSL's most recent error as text, and clears the queue.
func opensslReason() -> String {
    let code = ERR_get_error()
    ERR_clear_error()
    guard code != 0 else { return "no OpenSSL reason" }
    var buffer = [CChar](repeating: 0, count: 256)
    ERR_error_string_n(code, &buffer, buffer.count)
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// NUL-terminated names that OpenSSL keeps pointers to (OSSL_PARAM keys and values), allocated once.
enum ParamNames {
    nonisolated(unsafe) static let group = strdup("group")!
    nonisolated(unsafe) static let pub = strdup("pub")!
    nonisolated(unsafe) static let priv = strdup("priv")!
    nonisolated(unsafe) static let prime256v1 = strdup("prime256v1")!
    nonisolated(unsafe) static let digest = strdup("digest")!
    nonisolated(unsafe) static let sha256 = strdup("SHA256")!
}
