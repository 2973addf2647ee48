import MLSCrypto

/// An entry of the RFC 9180 Appendix A vectors: DeriveKeyPair, Encap/Decap, the key schedule, every
/// sequence number's seal and open, and every export. Base mode only; other modes are skipped.
struct HPKEVector: TestVector {
    struct Encryption: Decodable { let sequence_number: FlexibleInt; let pt: HexBytes; let aad: HexBytes; let nonce: HexBytes; let ct: HexBytes }
    struct Export: Decodable { let exporter_context: HexBytes; let L: FlexibleInt; let exported_value: HexBytes }

    let mode: FlexibleInt
    let kem_id: FlexibleInt
    let kdf_id: FlexibleInt
    let aead_id: FlexibleInt
    let info: HexBytes
    let ikmE: HexBytes
    let ikmR: HexBytes
    let skRm: HexBytes
    let pkRm: HexBytes
    let skEm: HexBytes
    let pkEm: HexBytes
    let enc: HexBytes
    let shared_secret: HexBytes
    let key_schedule_context: HexBytes
    let secret: HexBytes
    let key: HexBytes
    let base_nonce: HexBytes
    let exporter_secret: HexBytes
    let encryptions: [Encryption]
    let exports: [Export]

    /// The MLS suite with the same KEM, KDF and AEAD, when there is one.
    var mlsSuite: CipherSuite? {
        CipherSuite.supported.first {
            UInt64($0.kem.rawValue) == kem_id.value && UInt64($0.kdfID) == kdf_id.value && UInt64($0.aead.rawValue) == aead_id.value
        }
    }

    var suite: UInt16? { mlsSuite?.id }

    func verify() -> VectorVerdict {
        guard mode.value == 0 else { return .skipped("HPKE mode \(mode.value) (only base mode is used by MLS)") }
        guard let suite = mlsSuite else { return .skipped("HPKE KEM/KDF/AEAD \(kem_id.value)/\(kdf_id.value)/\(aead_id.value)") }
        do {
            let skR = try HPKE.deriveKeyPair(suite.kem, ikm: ikmR.bytes)
            if let f = check("skRm", skRm.bytes, skR.bytes) ?? check("pkRm", pkRm.bytes, skR.publicKey.bytes) { return .failed(f) }
            let skE = try HPKE.deriveKeyPair(suite.kem, ikm: ikmE.bytes)
            if let f = check("skEm", skEm.bytes, skE.bytes) ?? check("pkEm", pkEm.bytes, skE.publicKey.bytes) { return .failed(f) }

            var (encOut, sender) = try HPKE.setupBaseSender(suite, pkR: skR.publicKey, info: info.bytes, ikmE: ikmE.bytes)
            if let f = check("enc", enc.bytes, encOut) { return .failed(f) }
            if let f = check("key_schedule_context", key_schedule_context.bytes, sender.keyScheduleContext)
                ?? check("secret", secret.bytes, sender.secret) ?? check("key", key.bytes, sender.key)
                ?? check("base_nonce", base_nonce.bytes, sender.baseNonce)
                ?? check("exporter_secret", exporter_secret.bytes, sender.exporterSecret) { return .failed(f) }
            let shared = try HPKE.decap(enc: enc.bytes, skR)
            if let f = check("shared_secret", shared_secret.bytes, shared) { return .failed(f) }
            var receiver = try HPKE.setupBaseReceiver(suite, enc: enc.bytes, skR: skR, info: info.bytes)

            for e in encryptions {
                sender.setSequence(e.sequence_number.value)
                receiver.setSequence(e.sequence_number.value)
                let seq = e.sequence_number.value
                if let f = check("nonce[\(seq)]", e.nonce.bytes, sender.currentNonce()) { return .failed(f) }
                let ct = try sender.seal(aad: e.aad.bytes, plaintext: e.pt.bytes)
                if let f = check("ct[\(seq)]", e.ct.bytes, ct) { return .failed(f) }
                let pt = try receiver.open(aad: e.aad.bytes, ciphertext: e.ct.bytes)
                if let f = check("pt[\(seq)]", e.pt.bytes, pt) { return .failed(f) }
            }
            for (i, x) in exports.enumerated() {
                let value = try receiver.export(context: x.exporter_context.bytes, length: Int(x.L.value))
                if let f = check("exports[\(i)]", x.exported_value.bytes, value) { return .failed(f) }
            }
            return .passed
        } catch {
            return .failed("\(error)")
        }
    }
}
