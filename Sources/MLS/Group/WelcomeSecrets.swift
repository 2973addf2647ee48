import MLSCrypto

/// The cryptographic envelope of a Welcome (RFC 9420 §12.4.3.1): per-joiner GroupSecrets sealed to the
/// KeyPackage's init key, and the GroupInfo sealed under the welcome secret.
public enum WelcomeSecrets {
    /// The label of `EncryptWithLabel` for group secrets.
    static let label = "Welcome"

    /// Seals each joiner's GroupSecrets to its KeyPackage (the encrypted GroupInfo, their shared context, is hashed once).
    public static func sealAll(_ crypto: CryptoContext, secrets: [GroupSecrets], to keyPackages: [KeyPackage],
                               encryptedGroupInfo: [UInt8]) throws(MLSError) -> [EncryptedGroupSecrets] {
        do {
            var keys: [HPKEPublicKey] = []
            for kp in keyPackages { keys.append(try crypto.hpkePublicKey(kp.initKey)) }
            let sealed = try crypto.encryptWithLabel(keys, label, encryptedGroupInfo, secrets.map { $0.encoded() })
            return zip(keyPackages, sealed).map { kp, s in
                EncryptedGroupSecrets(newMember: KeyPackageRef(kp, crypto: crypto),
                                      encryptedGroupSecrets: HPKECiphertext(kemOutput: s.kemOutput, ciphertext: s.ciphertext))
            }
        } catch { throw MLSError(error, context: "Welcome group secrets") }
    }

    /// Finds and opens the joiner's GroupSecrets; `welcomeNotForUs` when the Welcome has none for this KeyPackage.
    public static func open(_ crypto: CryptoContext, welcome: Welcome, keyPackageRef: KeyPackageRef,
                            initKey: HPKEPrivateKey) throws(MLSError) -> GroupSecrets {
        guard welcome.cipherSuite.rawValue == crypto.suite.id else {
            throw MLSError(.welcomeNotForUs, "Welcome for cipher suite \(welcome.cipherSuite.rawValue)")
        }
        guard let mine = welcome.secrets(for: keyPackageRef) else {
            throw MLSError(.welcomeNotForUs, "the Welcome holds no group secrets for KeyPackage \(keyPackageRef)")
        }
        let plaintext: [UInt8]
        do {
            plaintext = try crypto.decryptWithLabel(initKey, label, welcome.encryptedGroupInfo,
                                                    kemOutput: mine.encryptedGroupSecrets.kemOutput,
                                                    ciphertext: mine.encryptedGroupSecrets.ciphertext)
        } catch { throw MLSError(error, context: "Welcome group secrets") }
        do { return try GroupSecrets.decode(plaintext) } catch { throw MLSError(error, context: "GroupSecrets") }
    }

    /// Encrypts a signed GroupInfo under the welcome secret.
    public static func sealGroupInfo(_ crypto: CryptoContext, _ info: GroupInfo, welcomeSecret: [UInt8]) throws(MLSError) -> [UInt8] {
        let (key, nonce) = try KeySchedule.welcomeKeyAndNonce(crypto, welcomeSecret: welcomeSecret)
        do { return try crypto.aeadSeal(key: key, nonce: nonce, aad: [], plaintext: info.encoded()) }
        catch { throw MLSError(error, context: "Welcome GroupInfo") }
    }

    /// Decrypts the Welcome's GroupInfo with the welcome secret (its signature is not checked here).
    public static func openGroupInfo(_ crypto: CryptoContext, welcome: Welcome, welcomeSecret: [UInt8]) throws(MLSError) -> GroupInfo {
        let (key, nonce) = try KeySchedule.welcomeKeyAndNonce(crypto, welcomeSecret: welcomeSecret)
        let plaintext: [UInt8]
        do { plaintext = try crypto.aeadOpen(key: key, nonce: nonce, aad: [], ciphertext: welcome.encryptedGroupInfo) }
        catch { throw MLSError(error, context: "Welcome GroupInfo") }
        do { return try GroupInfo.decode(plaintext) } catch { throw MLSError(error, context: "GroupInfo") }
    }
}
