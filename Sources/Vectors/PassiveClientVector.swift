import MLS
import MLSCrypto

/// A passive-client scenario (mls-implementations `test-vectors.md`, "Passive Client Scenarios"): join by
/// Welcome (with external PSKs and an optional out-of-band tree), check the epoch authenticator, then for
/// each epoch process its proposals and commit and check the authenticator again. Any file in this format
/// runs with `mimisim vectors --kind passive-client FILE`.
struct PassiveClientVector: TestVector {
    struct PSK: Decodable { let psk_id: HexBytes; let psk: HexBytes }
    struct Epoch: Decodable { let proposals: [HexBytes]; let commit: HexBytes; let epoch_authenticator: HexBytes }

    let cipher_suite: UInt16
    let external_psks: [PSK]
    let key_package: HexBytes
    let signature_priv: HexBytes
    let encryption_priv: HexBytes
    let init_priv: HexBytes
    let welcome: HexBytes
    let ratchet_tree: HexBytes?
    let initial_epoch_authenticator: HexBytes
    let epochs: [Epoch]

    var suite: UInt16? { cipher_suite }

    func verify() -> VectorVerdict {
        guard let crypto = VectorCrypto.context(cipher_suite) else { return .skipped("cipher suite \(cipher_suite)") }
        do {
            guard case .keyPackage(let kp) = try MLSMessage.decode(key_package.bytes).body else { return .failed("key_package is not a KeyPackage") }
            guard case .welcome(let welcome) = try MLSMessage.decode(welcome.bytes).body else { return .failed("welcome is not a Welcome") }
            let signer = try crypto.signaturePrivateKey(signature_priv.bytes)
            let initKey = try crypto.hpkePrivateKey(init_priv.bytes)
            let encryptionKey = try crypto.hpkePrivateKey(encryption_priv.bytes)
            if let f = check("signature_priv's public key", kp.leafNode.signatureKey, signer.publicKey.bytes)
                ?? check("init_priv's public key", kp.initKey, initKey.publicKey.bytes)
                ?? check("encryption_priv's public key", kp.leafNode.encryptionKey, encryptionKey.publicKey.bytes) { return .failed(f) }
            let identity = MemberIdentity(credential: kp.leafNode.credential, signer: signer, capabilities: kp.leafNode.capabilities)
            let bundle = KeyPackageBundle(keyPackage: kp, initKey: initKey, encryptionKey: encryptionKey, identity: identity, crypto: crypto)
            var config = GroupConfig()
            for psk in external_psks { config.externalPSKs[psk.psk_id.bytes] = psk.psk.bytes }
            let tree = try ratchet_tree.map { try RatchetTree(decoding: $0.bytes) }
            var group = try Group.join(crypto, welcome: welcome, keyPackage: bundle, ratchetTree: tree, config: config)
            if let f = check("initial_epoch_authenticator", initial_epoch_authenticator.bytes, group.epochAuthenticator) { return .failed(f) }
            for (n, epoch) in epochs.enumerated() {
                for (i, proposal) in epoch.proposals.enumerated() {
                    guard case .proposal = try group.process(try MLSMessage.decode(proposal.bytes)) else {
                        return .failed("epochs[\(n)].proposals[\(i)] is not a proposal")
                    }
                }
                guard case .commit(let staged) = try group.process(try MLSMessage.decode(epoch.commit.bytes)) else {
                    return .failed("epochs[\(n)].commit is not a commit")
                }
                try group.merge(staged)
                if let f = check("epochs[\(n)].epoch_authenticator", epoch.epoch_authenticator.bytes, group.epochAuthenticator) { return .failed(f) }
            }
            return .passed
        } catch {
            return .failed("\(error)")
        }
    }
}
