import COpenSSL

/// An immutable OpenSSL `EVP_PKEY`, shared by the key values that wrap it and freed with the last of them.
final class EVPKey: @unchecked Sendable {
    // An EVP_PKEY is only read after construction (derive, sign, verify), which OpenSSL allows concurrently.
    let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { EVP_PKEY_free(pointer) }

    /// A raw X25519 or Ed25519 private key (32 bytes).
    static func rawPrivate(_ type: Int32, _ bytes: [UInt8], name: String) throws(CryptoError) -> EVPKey {
        guard bytes.count == 32 else { throw CryptoError(.invalidKey, "\(name) private key of \(bytes.count) bytes; needs 32") }
        guard let p = EVP_PKEY_new_raw_private_key(type, nil, bytes, 32) else {
            throw CryptoError(.invalidKey, "\(name) private key rejected: \(opensslReason())")
        }
        return EVPKey(p)
    }

    /// A raw X25519 or Ed25519 public key (32 bytes).
    static func rawPublic(_ type: Int32, _ bytes: [UInt8], name: String) throws(CryptoError) -> EVPKey {
        guard bytes.count == 32 else { throw CryptoError(.invalidKey, "\(name) public key of \(bytes.count) bytes; needs 32") }
        guard let p = EVP_PKEY_new_raw_public_key(type, nil, bytes, 32) else {
            throw CryptoError(.invalidKey, "\(name) public key rejected: \(opensslReason())")
        }
        return EVPKey(p)
    }

    /// The raw public key of an X25519 / Ed25519 key.
    func rawPublicKey() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length = 32
        let ok = EVP_PKEY_get_raw_public_key(pointer, &out, &length)
        precondition(ok == 1 && length == 32, "EVP_PKEY_get_raw_public_key failed")
        return out
    }

    /// A P-256 public key from its uncompressed SEC1 encoding (65 bytes); the point must be on the curve.
    static func p256Public(_ bytes: [UInt8]) throws(CryptoError) -> EVPKey {
        guard bytes.count == 65, bytes[0] == 0x04 else {
            throw CryptoError(.invalidKey, "P-256 public key must be 65 bytes, uncompressed (0x04 ‖ x ‖ y); got \(bytes.count) bytes")
        }
        return try p256(publicKey: bytes, scalar: nil)
    }

    /// A P-256 private key from its 32-byte big-endian scalar (1 ≤ sk < n); also returns the public point.
    static func p256Private(_ scalar: [UInt8]) throws(CryptoError) -> (key: EVPKey, publicKey: [UInt8]) {
        guard scalar.count == 32 else { throw CryptoError(.invalidKey, "P-256 private key of \(scalar.count) bytes; needs 32") }
        guard scalar.contains(where: { $0 != 0 }), scalar.lexicographicallyPrecedes(Algorithms.p256Order) else {
            throw CryptoError(.invalidKey, "P-256 private key is zero or not below the group order")
        }
        let publicKey = try p256PublicPoint(of: scalar)
        return (try p256(publicKey: publicKey, scalar: scalar), publicKey)
    }

    /// sk × G, uncompressed.
    private static func p256PublicPoint(of scalar: [UInt8]) throws(CryptoError) -> [UInt8] {
        let group = Algorithms.p256Group
        guard let bn = BN_bin2bn(scalar, 32, nil) else { throw CryptoError(.openssl, "BN_bin2bn failed") }
        defer { BN_clear_free(bn) }
        guard let point = EC_POINT_new(group) else { throw CryptoError(.openssl, "EC_POINT_new failed") }
        defer { EC_POINT_free(point) }
        guard EC_POINT_mul(group, point, bn, nil, nil, nil) == 1 else {
            throw CryptoError(.openssl, "EC_POINT_mul failed: \(opensslReason())")
        }
        var out = [UInt8](repeating: 0, count: 65)
        let n = EC_POINT_point2oct(group, point, POINT_CONVERSION_UNCOMPRESSED, &out, 65, nil)
        guard n == 65 else { throw CryptoError(.openssl, "EC_POINT_point2oct failed") }
        return out
    }

    private static func p256(publicKey: [UInt8], scalar: [UInt8]?) throws(CryptoError) -> EVPKey {
        guard let bld = OSSL_PARAM_BLD_new() else { throw CryptoError(.openssl, "OSSL_PARAM_BLD_new failed") }
        defer { OSSL_PARAM_BLD_free(bld) }
        var bn: OpaquePointer?
        defer { if let bn { BN_clear_free(bn) } }
        if let scalar { bn = BN_bin2bn(scalar, 32, nil) }
        // The builder keeps pointers to strings and buffers until `to_param` copies them,
        // so everything it is given must stay alive until then.
        let built: UnsafeMutablePointer<OSSL_PARAM>? = publicKey.withUnsafeBytes { pub in
            var ok = OSSL_PARAM_BLD_push_utf8_string(bld, ParamNames.group, ParamNames.prime256v1, 0) == 1
            ok = ok && OSSL_PARAM_BLD_push_octet_string(bld, ParamNames.pub, pub.baseAddress, 65) == 1
            if scalar != nil { ok = ok && bn != nil && OSSL_PARAM_BLD_push_BN(bld, ParamNames.priv, bn) == 1 }
            return ok ? OSSL_PARAM_BLD_to_param(bld) : nil
        }
        guard let params = built else { throw CryptoError(.openssl, "building P-256 key parameters failed") }
        defer { OSSL_PARAM_free(params) }
        guard let ctx = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else { throw CryptoError(.openssl, "no EC provider") }
        defer { EVP_PKEY_CTX_free(ctx) }
        var pkey: OpaquePointer?
        let selection = scalar == nil ? MIMISIM_EVP_PKEY_PUBLIC_KEY : MIMISIM_EVP_PKEY_KEYPAIR
        guard EVP_PKEY_fromdata_init(ctx) == 1, EVP_PKEY_fromdata(ctx, &pkey, selection, params) == 1, let pkey else {
            throw CryptoError(.invalidKey, "P-256 key rejected (not a point on the curve?): \(opensslReason())")
        }
        return EVPKey(pkey)
    }
}
