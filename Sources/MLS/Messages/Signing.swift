import MLSCrypto

/// Signing and verifying the signed structures of RFC 9420 with `SignWithLabel` / `VerifyWithLabel` (§5.1.2).
extension LeafNode {
    /// The signature label of leaf nodes.
    public static let signatureLabel = "LeafNodeTBS"

    /// The content the signature covers; `groupID` and `leafIndex` matter only for update and commit sources.
    public func tbs(groupID: [UInt8], leafIndex: LeafIndex) -> LeafNodeTBS {
        LeafNodeTBS(leafNode: self, groupID: groupID, leafIndex: leafIndex)
    }

    /// Signs the leaf with `key`, replacing `signature`.
    public mutating func sign(with key: SignaturePrivateKey, crypto: CryptoContext, groupID: [UInt8], leafIndex: LeafIndex) throws(CryptoError) {
        signature = try crypto.signWithLabel(key, Self.signatureLabel, tbs(groupID: groupID, leafIndex: leafIndex).encoded())
    }

    /// Verifies `signature` against the leaf's own `signatureKey`; throws `CryptoError` when it does not verify.
    public func verifySignature(crypto: CryptoContext, groupID: [UInt8], leafIndex: LeafIndex) throws(CryptoError) {
        let key = try crypto.signaturePublicKey(signatureKey)
        // VerifyWithLabel(key, "LeafNodeTBS", tbs, signature), the LeafNodeTBS written straight from this leaf
        // (the same bytes as `tbs(groupID:leafIndex:).encoded()`, without copying the leaf first).
        let content = SignContent.labeled(Self.signatureLabel, capacity: 512) { writer in
            encodeContent(to: &writer)
            if source.signsGroupPosition {
                writer.writeOpaque(groupID)
                leafIndex.encode(to: &writer)
            }
        }
        try crypto.verify(signature, of: content, with: key)
    }
}

extension KeyPackage {
    /// The signature label of key packages.
    public static let signatureLabel = "KeyPackageTBS"

    /// Signs the key package with `key` (the leaf's signature key), replacing `signature`.
    public mutating func sign(with key: SignaturePrivateKey, crypto: CryptoContext) throws(CryptoError) {
        signature = try crypto.signWithLabel(key, Self.signatureLabel, tbs.encoded())
    }

    /// Verifies `signature` against the leaf node's signature key.
    public func verifySignature(crypto: CryptoContext) throws(CryptoError) {
        let key = try crypto.signaturePublicKey(leafNode.signatureKey)
        try crypto.verifyWithLabel(key, Self.signatureLabel, tbs.encoded(), signature)
    }
}

extension GroupInfo {
    /// The signature label of group infos.
    public static let signatureLabel = "GroupInfoTBS"

    /// Signs the group info with the signer's key, replacing `signature`.
    public mutating func sign(with key: SignaturePrivateKey, crypto: CryptoContext) throws(CryptoError) {
        signature = try crypto.signWithLabel(key, Self.signatureLabel, tbs.encoded())
    }

    /// Verifies `signature` against `signerKey`, the signature key of the leaf at `signer`.
    public func verifySignature(signerKey: [UInt8], crypto: CryptoContext) throws(CryptoError) {
        let key = try crypto.signaturePublicKey(signerKey)
        try crypto.verifyWithLabel(key, Self.signatureLabel, tbs.encoded(), signature)
    }
}

extension FramedContentTBS {
    /// The signature label of framed content.
    public static let signatureLabel = "FramedContentTBS"

    /// `SignWithLabel(key, "FramedContentTBS", self)`: the `signature` of `FramedContentAuthData`.
    public func sign(with key: SignaturePrivateKey, crypto: CryptoContext) throws(CryptoError) -> [UInt8] {
        try crypto.signWithLabel(key, Self.signatureLabel, encoded())
    }

    /// Verifies a `FramedContentAuthData` signature over this content against the sender's key.
    public func verify(signature: [UInt8], signerKey: [UInt8], crypto: CryptoContext) throws(CryptoError) {
        let key = try crypto.signaturePublicKey(signerKey)
        try crypto.verifyWithLabel(key, Self.signatureLabel, encoded(), signature)
    }
}
