import MLS
import MLSCrypto

/// An entry of `secret-tree.json`: sender-data key and nonce, and each leaf's handshake and application
/// keys at the listed generations (RFC 9420 §6.3.2, §9), derived alone and through a shared tree.
struct SecretTreeVector: TestVector {
    struct SenderData: Decodable { let sender_data_secret: HexBytes; let ciphertext: HexBytes; let key: HexBytes; let nonce: HexBytes }
    struct Generation: Decodable {
        let generation: FlexibleInt
        let handshake_key: HexBytes, handshake_nonce: HexBytes, application_key: HexBytes, application_nonce: HexBytes
    }

    let cipher_suite: UInt16
    let encryption_secret: HexBytes
    let sender_data: SenderData
    let leaves: [[Generation]]

    var suite: UInt16? { cipher_suite }

    func verify() -> VectorVerdict {
        guard let crypto = VectorCrypto.context(cipher_suite) else { return .skipped("cipher suite \(cipher_suite)") }
        do {
            let sd = try SenderDataKeys.derive(crypto, senderDataSecret: sender_data.sender_data_secret.bytes, ciphertext: sender_data.ciphertext.bytes)
            if let f = check("sender_data.key", sender_data.key.bytes, sd.key) ?? check("sender_data.nonce", sender_data.nonce.bytes, sd.nonce) {
                return .failed(f)
            }
            // A member deriving alone, then two members reading one shared tree (the first fills it, the second reads it).
            var sharing = crypto
            sharing.sharedDerivations = SharedDerivations()
            for (member, memberCrypto) in [("alone", crypto), ("first sharing", sharing), ("second sharing", sharing)] {
                var tree = try SecretTree(encryptionSecret: encryption_secret.bytes, leafCount: UInt32(leaves.count),
                                          sharing: member == "alone" ? nil : sharing)
                let sd = try tree.senderDataKeys(memberCrypto, senderDataSecret: sender_data.sender_data_secret.bytes, ciphertext: sender_data.ciphertext.bytes)
                if let f = check("\(member): sender_data.key", sender_data.key.bytes, sd.key)
                    ?? check("\(member): sender_data.nonce", sender_data.nonce.bytes, sd.nonce) { return .failed(f) }
                for (i, generations) in leaves.enumerated() {
                    for g in generations {
                        let gen = UInt32(g.generation.value)
                        let hs = try tree.receiveKey(memberCrypto, leaf: LeafIndex(UInt32(i)), type: .handshake, generation: gen)
                        let app = try tree.receiveKey(memberCrypto, leaf: LeafIndex(UInt32(i)), type: .application, generation: gen)
                        let at = "\(member): leaves[\(i)][\(gen)]"
                        if let f = check("\(at).handshake_key", g.handshake_key.bytes, hs.key)
                            ?? check("\(at).handshake_nonce", g.handshake_nonce.bytes, hs.nonce)
                            ?? check("\(at).application_key", g.application_key.bytes, app.key)
                            ?? check("\(at).application_nonce", g.application_nonce.bytes, app.nonce) { return .failed(f) }
                    }
                }
            }
            return .passed
        } catch {
            return .failed("\(error)")
        }
    }
}
