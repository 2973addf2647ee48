import COpenSSL

/// AEAD seal and open on OpenSSL's EVP cipher API (unmetered; `CryptoContext` meters them).
enum AEADCipher {
    /// Encrypts and authenticates; returns ciphertext ‖ tag.
    static func seal(_ aead: AEAD, key: [UInt8], nonce: [UInt8], aad: [UInt8], plaintext: [UInt8]) throws(CryptoError) -> [UInt8] {
        try checkLengths(aead, key: key, nonce: nonce)
        let ctx = EVP_CIPHER_CTX_new()!
        defer { EVP_CIPHER_CTX_free(ctx) }
        guard EVP_EncryptInit_ex2(ctx, cipher(aead), key, nonce, nil) == 1 else {
            throw CryptoError(.openssl, "AEAD init: \(opensslReason())")
        }
        var length: Int32 = 0
        if !aad.isEmpty {
            guard aad.withUnsafeBufferPointer({ EVP_EncryptUpdate(ctx, nil, &length, $0.baseAddress, Int32($0.count)) }) == 1 else {
                throw CryptoError(.openssl, "AEAD aad: \(opensslReason())")
            }
        }
        var failed = false
        // Written in place without zero-filling first: every byte is produced by the cipher or the tag.
        let out = [UInt8](unsafeUninitializedCapacity: plaintext.count + aead.tagLength) { o, initialized in
            var written = 0
            if !plaintext.isEmpty {
                guard plaintext.withUnsafeBufferPointer({ EVP_EncryptUpdate(ctx, o.baseAddress, &length, $0.baseAddress, Int32($0.count)) }) == 1 else {
                    failed = true; initialized = 0; return
                }
                written = Int(length)
            }
            guard EVP_EncryptFinal_ex(ctx, o.baseAddress! + written, &length) == 1,
                  written + Int(length) == plaintext.count,
                  EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, Int32(aead.tagLength), o.baseAddress! + plaintext.count) == 1 else {
                failed = true; initialized = 0; return
            }
            initialized = plaintext.count + aead.tagLength
        }
        guard !failed else { throw CryptoError(.openssl, "AEAD seal: \(opensslReason())") }
        return out
    }

    /// Checks the tag and decrypts ciphertext ‖ tag.
    static func open(_ aead: AEAD, key: [UInt8], nonce: [UInt8], aad: [UInt8], ciphertext: [UInt8]) throws(CryptoError) -> [UInt8] {
        try checkLengths(aead, key: key, nonce: nonce)
        guard ciphertext.count >= aead.tagLength else {
            throw CryptoError(.decryptionFailed, "ciphertext of \(ciphertext.count) bytes is shorter than the tag")
        }
        let bodyLength = ciphertext.count - aead.tagLength
        let ctx = EVP_CIPHER_CTX_new()!
        defer { EVP_CIPHER_CTX_free(ctx) }
        guard EVP_DecryptInit_ex2(ctx, cipher(aead), key, nonce, nil) == 1 else {
            throw CryptoError(.openssl, "AEAD init: \(opensslReason())")
        }
        var length: Int32 = 0
        if !aad.isEmpty {
            guard aad.withUnsafeBufferPointer({ EVP_DecryptUpdate(ctx, nil, &length, $0.baseAddress, Int32($0.count)) }) == 1 else {
                throw CryptoError(.openssl, "AEAD aad: \(opensslReason())")
            }
        }
        var out = [UInt8](repeating: 0, count: max(bodyLength, 1))
        let ok = ciphertext.withUnsafeBufferPointer { c -> Bool in
            out.withUnsafeMutableBufferPointer { o -> Bool in
                var written = 0
                if bodyLength > 0 {
                    guard EVP_DecryptUpdate(ctx, o.baseAddress, &length, c.baseAddress, Int32(bodyLength)) == 1 else { return false }
                    written = Int(length)
                }
                let tag = UnsafeMutableRawPointer(mutating: c.baseAddress! + bodyLength)
                guard EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, Int32(aead.tagLength), tag) == 1 else { return false }
                return EVP_DecryptFinal_ex(ctx, o.baseAddress! + written, &length) == 1
            }
        }
        guard ok else {
            ERR_clear_error()
            throw CryptoError(.decryptionFailed, "AEAD authentication failed")
        }
        if bodyLength == 0 { return [] }
        return out
    }

    private static func cipher(_ aead: AEAD) -> OpaquePointer {
        aead == .aes128Gcm ? Algorithms.aes128Gcm : Algorithms.chacha20Poly1305
    }

    private static func checkLengths(_ aead: AEAD, key: [UInt8], nonce: [UInt8]) throws(CryptoError) {
        guard key.count == aead.keyLength else {
            throw CryptoError(.invalidKey, "AEAD key of \(key.count) bytes; \(aead) needs \(aead.keyLength)")
        }
        guard nonce.count == aead.nonceLength else {
            throw CryptoError(.invalidLength, "AEAD nonce of \(nonce.count) bytes; needs \(aead.nonceLength)")
        }
    }
}
