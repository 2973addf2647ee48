import MLS
import MLSCrypto

/// An entry of `key-schedule.json`: a chain of epochs from an initial init secret (RFC 9420 §8),
/// checking the GroupContext encoding, every epoch secret, the external key and the exporter.
/// The exporter's `label` is used as the text the file holds (the hex digits themselves), which is how the
/// vectors were generated; decoding it as hex gives a different secret.
struct KeyScheduleVector: TestVector {
    struct Exporter: Decodable { let label: String; let context: HexBytes; let length: FlexibleInt; let secret: HexBytes }
    struct Epoch: Decodable {
        let tree_hash: HexBytes, commit_secret: HexBytes, psk_secret: HexBytes, confirmed_transcript_hash: HexBytes
        let group_context: HexBytes, joiner_secret: HexBytes, welcome_secret: HexBytes, init_secret: HexBytes
        let sender_data_secret: HexBytes, encryption_secret: HexBytes, exporter_secret: HexBytes, epoch_authenticator: HexBytes
        let external_secret: HexBytes, confirmation_key: HexBytes, membership_key: HexBytes, resumption_psk: HexBytes
        let external_pub: HexBytes
        let exporter: Exporter
    }

    let cipher_suite: UInt16
    let group_id: HexBytes
    let initial_init_secret: HexBytes
    let epochs: [Epoch]

    var suite: UInt16? { cipher_suite }

    func verify() -> VectorVerdict {
        guard let crypto = VectorCrypto.context(cipher_suite) else { return .skipped("cipher suite \(cipher_suite)") }
        var initSecret = initial_init_secret.bytes
        do {
            for (n, e) in epochs.enumerated() {
                let context = GroupContext(cipherSuite: CipherSuiteID(rawValue: cipher_suite), groupID: group_id.bytes, epoch: UInt64(n),
                                           treeHash: e.tree_hash.bytes, confirmedTranscriptHash: e.confirmed_transcript_hash.bytes)
                if let f = check("epochs[\(n)].group_context", e.group_context.bytes, context.encoded()) { return .failed(f) }
                let s = try KeySchedule.epoch(crypto, initSecret: initSecret, commitSecret: e.commit_secret.bytes,
                                              pskSecret: e.psk_secret.bytes, groupContext: e.group_context.bytes)
                let fields: [(String, [UInt8], [UInt8])] = [
                    ("joiner_secret", e.joiner_secret.bytes, s.joinerSecret), ("welcome_secret", e.welcome_secret.bytes, s.welcomeSecret),
                    ("init_secret", e.init_secret.bytes, s.initSecret), ("sender_data_secret", e.sender_data_secret.bytes, s.senderDataSecret),
                    ("encryption_secret", e.encryption_secret.bytes, s.encryptionSecret), ("exporter_secret", e.exporter_secret.bytes, s.exporterSecret),
                    ("epoch_authenticator", e.epoch_authenticator.bytes, s.epochAuthenticator), ("external_secret", e.external_secret.bytes, s.externalSecret),
                    ("confirmation_key", e.confirmation_key.bytes, s.confirmationKey), ("membership_key", e.membership_key.bytes, s.membershipKey),
                    ("resumption_psk", e.resumption_psk.bytes, s.resumptionPSK),
                ]
                for (name, expected, actual) in fields {
                    if let f = check("epochs[\(n)].\(name)", expected, actual) { return .failed(f) }
                }
                let welcome = try KeySchedule.welcomeSecret(crypto, joinerSecret: s.joinerSecret, pskSecret: e.psk_secret.bytes)
                if let f = check("epochs[\(n)].welcome_secret (from joiner)", e.welcome_secret.bytes, welcome) { return .failed(f) }
                let external = try KeySchedule.externalKeyPair(crypto, externalSecret: s.externalSecret)
                if let f = check("epochs[\(n)].external_pub", e.external_pub.bytes, external.publicKey.bytes) { return .failed(f) }
                let exported = try KeySchedule.export(crypto, exporterSecret: s.exporterSecret, label: Array(e.exporter.label.utf8),
                                                      context: e.exporter.context.bytes, length: Int(e.exporter.length.value))
                if let f = check("epochs[\(n)].exporter.secret", e.exporter.secret.bytes, exported) { return .failed(f) }
                initSecret = s.initSecret
            }
            return .passed
        } catch {
            return .failed("\(error)")
        }
    }
}

/// An entry of `psk_secret.json`: the PSK secret of a list of external PSKs (RFC 9420 §8.4).
struct PSKSecretVector: TestVector {
    struct PSK: Decodable { let psk_id: HexBytes; let psk: HexBytes; let psk_nonce: HexBytes }
    let cipher_suite: UInt16
    let psks: [PSK]
    let psk_secret: HexBytes

    var suite: UInt16? { cipher_suite }

    func verify() -> VectorVerdict {
        guard let crypto = VectorCrypto.context(cipher_suite) else { return .skipped("cipher suite \(cipher_suite)") }
        do {
            let inputs = psks.map { p in
                (encodedID: PreSharedKeyID(source: .external(pskID: p.psk_id.bytes), nonce: p.psk_nonce.bytes).encoded(), value: p.psk.bytes)
            }
            return check("psk_secret", psk_secret.bytes, try PSKSecret.derive(crypto, psks: inputs)).map { .failed($0) } ?? .passed
        } catch {
            return .failed("\(error)")
        }
    }
}
