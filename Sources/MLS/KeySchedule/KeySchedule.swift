import MLSCrypto

/// The secrets of one epoch (RFC 9420 §8, Table 4), derived from the previous init secret,
/// the commit secret, the PSK secret and the serialized GroupContext of the new epoch.
public struct EpochSecrets: Sendable {
    /// joiner_secret (what a Welcome carries).
    public let joinerSecret: [UInt8]
    /// welcome_secret (keys the Welcome's GroupInfo).
    public let welcomeSecret: [UInt8]
    /// epoch_secret.
    public let epochSecret: [UInt8]
    /// sender_data_secret.
    public let senderDataSecret: [UInt8]
    /// encryption_secret (root of the secret tree).
    public let encryptionSecret: [UInt8]
    /// exporter_secret.
    public let exporterSecret: [UInt8]
    /// external_secret (seed of the external HPKE key pair).
    public let externalSecret: [UInt8]
    /// confirmation_key.
    public let confirmationKey: [UInt8]
    /// membership_key.
    public let membershipKey: [UInt8]
    /// resumption_psk.
    public let resumptionPSK: [UInt8]
    /// epoch_authenticator.
    public let epochAuthenticator: [UInt8]
    /// init_secret of the next epoch.
    public let initSecret: [UInt8]
}

/// The key schedule of RFC 9420 §8: pure functions over secrets, metered through the caller's context.
public enum KeySchedule {
    /// Derives an epoch from `initSecret` (of the previous epoch), `commitSecret` (zeros when the commit
    /// has no path), `pskSecret` (zeros without PSKs) and the new epoch's serialized GroupContext.
    public static func epoch(_ crypto: CryptoContext, initSecret: [UInt8], commitSecret: [UInt8], pskSecret: [UInt8],
                             groupContext: [UInt8]) throws(MLSError) -> EpochSecrets {
        let joiner: [UInt8]
        do {
            joiner = try crypto.expandWithLabel(crypto.extract(salt: initSecret, ikm: commitSecret), "joiner", groupContext, crypto.suite.hashLength)
        } catch { throw MLSError(error, context: "joiner_secret") }
        return try fromJoiner(crypto, joinerSecret: joiner, pskSecret: pskSecret, groupContext: groupContext)
    }

    /// Derives an epoch from the joiner secret (how a new member starts from a Welcome).
    public static func fromJoiner(_ crypto: CryptoContext, joinerSecret: [UInt8], pskSecret: [UInt8],
                                  groupContext: [UInt8]) throws(MLSError) -> EpochSecrets {
        do {
            let member = crypto.extract(salt: joinerSecret, ikm: pskSecret)
            let welcome = try crypto.deriveSecret(member, "welcome")
            let epoch = try crypto.expandWithLabel(member, "epoch", groupContext, crypto.suite.hashLength)
            return EpochSecrets(
                joinerSecret: joinerSecret,
                welcomeSecret: welcome,
                epochSecret: epoch,
                senderDataSecret: try crypto.deriveSecret(epoch, "sender data"),
                encryptionSecret: try crypto.deriveSecret(epoch, "encryption"),
                exporterSecret: try crypto.deriveSecret(epoch, "exporter"),
                externalSecret: try crypto.deriveSecret(epoch, "external"),
                confirmationKey: try crypto.deriveSecret(epoch, "confirm"),
                membershipKey: try crypto.deriveSecret(epoch, "membership"),
                resumptionPSK: try crypto.deriveSecret(epoch, "resumption"),
                epochAuthenticator: try crypto.deriveSecret(epoch, "authentication"),
                initSecret: try crypto.deriveSecret(epoch, "init"))
        } catch { throw MLSError(error, context: "key schedule") }
    }

    /// welcome_secret from a joiner secret and PSK secret (to open a Welcome's GroupInfo before the epoch).
    public static func welcomeSecret(_ crypto: CryptoContext, joinerSecret: [UInt8], pskSecret: [UInt8]) throws(MLSError) -> [UInt8] {
        do { return try crypto.deriveSecret(crypto.extract(salt: joinerSecret, ikm: pskSecret), "welcome") }
        catch { throw MLSError(error, context: "welcome_secret") }
    }

    /// The Welcome's GroupInfo key and nonce: ExpandWithLabel(welcome_secret, "key"/"nonce", "", Nk/Nn) (§12.4.3.1).
    public static func welcomeKeyAndNonce(_ crypto: CryptoContext, welcomeSecret: [UInt8]) throws(MLSError) -> (key: [UInt8], nonce: [UInt8]) {
        do {
            return (try crypto.expandWithLabel(welcomeSecret, "key", [], crypto.suite.aead.keyLength),
                    try crypto.expandWithLabel(welcomeSecret, "nonce", [], crypto.suite.aead.nonceLength))
        } catch { throw MLSError(error, context: "welcome key") }
    }

    /// The external HPKE key pair: DeriveKeyPair(external_secret) (§8.3).
    public static func externalKeyPair(_ crypto: CryptoContext, externalSecret: [UInt8]) throws(MLSError) -> HPKEPrivateKey {
        do { return try crypto.deriveHPKEKey(ikm: externalSecret) } catch { throw MLSError(error, context: "external key pair") }
    }

    /// MLS-Exporter(label, context, length) (§8.5).
    public static func export(_ crypto: CryptoContext, exporterSecret: [UInt8], label: [UInt8], context: [UInt8], length: Int) throws(MLSError) -> [UInt8] {
        do {
            let derived = try crypto.expandWithLabel(exporterSecret, labelBytes: label, [], crypto.suite.hashLength)
            return try crypto.expandWithLabel(derived, "exported", crypto.hash(context), length)
        } catch { throw MLSError(error, context: "exporter") }
    }

    /// A string of Nh zero bytes (the commit secret without a path, the PSK secret without PSKs).
    public static func zeros(_ crypto: CryptoContext) -> [UInt8] { [UInt8](repeating: 0, count: crypto.suite.hashLength) }
}
