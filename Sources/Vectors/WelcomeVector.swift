import MLS
import MLSCrypto

/// An entry of `welcome.json` (RFC 9420 §12.4.3.1): open the group secrets with the KeyPackage's init key,
/// decrypt the GroupInfo, check its signature with the signer's key, and check the confirmation tag of the
/// epoch derived from the joiner secret.
struct WelcomeVector: TestVector {
    let cipher_suite: UInt16
    let init_priv: HexBytes
    let signer_pub: HexBytes
    let key_package: HexBytes
    let welcome: HexBytes

    var suite: UInt16? { cipher_suite }

    func verify() -> VectorVerdict {
        guard let crypto = VectorCrypto.context(cipher_suite) else { return .skipped("cipher suite \(cipher_suite)") }
        do {
            guard case .keyPackage(let kp) = try MLSMessage.decode(key_package.bytes).body else { return .failed("key_package is not a KeyPackage") }
            guard case .welcome(let welcome) = try MLSMessage.decode(welcome.bytes).body else { return .failed("welcome is not a Welcome") }
            let initKey = try crypto.hpkePrivateKey(init_priv.bytes)
            if let f = check("init_priv's public key", kp.initKey, initKey.publicKey.bytes) { return .failed(f) }
            let secrets = try WelcomeSecrets.open(crypto, welcome: welcome, keyPackageRef: KeyPackageRef(kp, crypto: crypto), initKey: initKey)
            guard secrets.psks.isEmpty else { return .skipped("Welcome with PSKs") }
            let psk = KeySchedule.zeros(crypto)
            let welcomeSecret = try KeySchedule.welcomeSecret(crypto, joinerSecret: secrets.joinerSecret, pskSecret: psk)
            let info = try WelcomeSecrets.openGroupInfo(crypto, welcome: welcome, welcomeSecret: welcomeSecret)
            try info.verifySignature(signerKey: signer_pub.bytes, crypto: crypto)
            let epoch = try KeySchedule.fromJoiner(crypto, joinerSecret: secrets.joinerSecret, pskSecret: psk,
                                                   groupContext: info.groupContext.encoded())
            try TranscriptHash.verifyConfirmationTag(crypto, info.confirmationTag, confirmationKey: epoch.confirmationKey,
                                                     confirmed: info.groupContext.confirmedTranscriptHash)
            return .passed
        } catch {
            return .failed("\(error)")
        }
    }
}
