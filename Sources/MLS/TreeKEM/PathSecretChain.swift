import MLSCrypto

/// The path-secret chain of TreeKEM (RFC 9420 §7.4): each node on a filtered direct path gets a path
/// secret, its key pair comes from `DeriveKeyPair(DeriveSecret(path_secret, "node"))`, and the next node's
/// secret is `DeriveSecret(path_secret, "path")`; the secret after the last node is the commit secret.
enum PathSecretChain {
    /// The HPKE key pair of the node holding `secret`.
    /// Derived once for the members sharing the context's result cache (simulations: the members below a node of a
    /// received path all derive its key), each counting the calls.
    static func nodeKey(_ secret: [UInt8], _ crypto: CryptoContext) throws(MLSError) -> HPKEPrivateKey {
        try crypto.shared("PathSecretChain.nodeKey", secret, [], size: { $0.bytes.count + $0.publicKey.bytes.count }, where: { _ in true }) {
            () throws(MLSError) in
            do throws(CryptoError) {
                return try crypto.deriveHPKEKey(ikm: crypto.deriveSecret(secret, "node"))
            } catch {
                throw MLSError(error, context: "DeriveKeyPair(node secret)")
            }
        }
    }

    /// The path secret of the next node up (or the commit secret after the last node).
    static func next(_ secret: [UInt8], _ crypto: CryptoContext) throws(MLSError) -> [UInt8] {
        do {
            return try crypto.deriveSecret(secret, "path")
        } catch {
            throw MLSError(error, context: "DeriveSecret(path secret, \"path\")")
        }
    }
}

/// One node of a filtered direct path with its path secret and the key pair derived from it.
struct PathNodeSecret: Sendable {
    /// The node on the filtered direct path.
    let node: NodeIndex
    /// Its child on the sender's copath (whose resolution receives the encrypted secret).
    let copathChild: NodeIndex
    /// The node's path secret.
    let pathSecret: [UInt8]
    /// The key pair derived from it.
    let key: HPKEPrivateKey
}
