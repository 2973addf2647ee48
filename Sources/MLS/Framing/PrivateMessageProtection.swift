import MLSCrypto

/// Encryption of PrivateMessage (RFC 9420 §6.3): signed content, padding, the secret tree's ratchet keys
/// with a reuse guard, and the encrypted sender data.
public enum PrivateMessageProtection {
    /// Signs and encrypts `content` from a member sender, advancing that sender's ratchet in `secretTree`.
    /// A commit passes the signature it already made (it enters the confirmed transcript hash first).
    public static func protect(_ crypto: CryptoContext, content: FramedContent, context: GroupContext, signer: SignaturePrivateKey,
                               secretTree: inout SecretTree, senderDataSecret: [UInt8], confirmationTag: [UInt8]? = nil,
                               paddingLength: Int = 0, signature precomputed: [UInt8]? = nil) throws(MLSError) -> PrivateMessage {
        guard case .member(let leaf) = content.sender else {
            throw MLSError(.invalidSender, "only members send PrivateMessages")
        }
        do {
            let tbs = try FramedContentTBS(wireFormat: .privateMessage, content: content, context: context)
            let signature = try precomputed ?? tbs.sign(with: signer, crypto: crypto)
            let auth = FramedContentAuthData(signature: signature, confirmationTag: confirmationTag)
            let plaintext = try PrivateMessageContent(body: content.body, auth: auth, paddingLength: paddingLength).encoded()
            var tree = secretTree
            let key = try tree.nextSendKey(crypto, leaf: leaf, type: content.contentType == .application ? .application : .handshake)
            let guardBytes = crypto.random.bytes(4)
            let aad = PrivateContentAAD(groupID: content.groupID, epoch: content.epoch, contentType: content.contentType,
                                        authenticatedData: content.authenticatedData).encoded()
            let ciphertext = try crypto.aeadSeal(key: key.key, nonce: applyReuseGuard(key.nonce, guardBytes), aad: aad, plaintext: plaintext)
            let reuseGuard = guardBytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let senderData = SenderData(leafIndex: leaf, generation: key.generation, reuseGuard: reuseGuard).encoded()
            let sd = try tree.senderDataKeys(crypto, senderDataSecret: senderDataSecret, ciphertext: ciphertext)
            let sdAAD = SenderDataAAD(groupID: content.groupID, epoch: content.epoch, contentType: content.contentType).encoded()
            let encryptedSenderData = try crypto.aeadSeal(key: sd.key, nonce: sd.nonce, aad: sdAAD, plaintext: senderData)
            secretTree = tree
            return PrivateMessage(groupID: content.groupID, epoch: content.epoch, contentType: content.contentType,
                                  authenticatedData: content.authenticatedData, encryptedSenderData: encryptedSenderData, ciphertext: ciphertext)
        } catch let error as MLSError {
            throw error
        } catch let error as CodecError {
            throw MLSError(error, context: "PrivateMessage")
        } catch let error as CryptoError {
            throw MLSError(error, context: "PrivateMessage")
        } catch {
            throw MLSError(.crypto, "\(error)")
        }
    }

    /// Decrypts and checks a PrivateMessage. Returns the authenticated content and the secret tree with the
    /// used key consumed; the caller keeps that tree only if it accepts the message (stage, then merge).
    public static func unprotect(_ crypto: CryptoContext, _ message: PrivateMessage, context: GroupContext, secretTree: SecretTree,
                                 senderDataSecret: [UInt8], signerKey: (Sender) throws(MLSError) -> SignaturePublicKey)
        throws(MLSError) -> (content: AuthenticatedContent, secretTree: SecretTree) {
        let (content, update) = try unprotectStaged(crypto, message, context: context, secretTree: secretTree,
                                                    senderDataSecret: senderDataSecret, signerKey: signerKey)
        var tree = secretTree
        tree.apply(update)
        return (content, tree)
    }

    /// `unprotect` returning the secret-tree change instead of a changed copy, so a receiver applies it in
    /// place after accepting the message (no copy of a large secret tree per message).
    ///
    /// With the context's `resultCache` (simulations), opening the sender data and opening and verifying the content
    /// are done once for the members that receive the same message: the sender data is found in the received message's
    /// `memo` when the caller has one, else by the sender-data secret and the encrypted sender data
    /// (`CryptoContext.shared`), and the content in that opening's memo. Each member
    /// still takes the key from its own secret tree (consuming the generation, or failing on a reused one), and the
    /// content is shared only when that key and nonce and the sender's signature key are the ones it was opened and
    /// verified with. The key schedule derives the secret tree from the epoch secret, which binds the group context,
    /// so equal keys mean equal contexts.
    /// `signerBytes` may give a sender's signature key as bytes without parsing it (a member's, from the tree), to compare
    /// with the key a shared content was verified with; `signerKey` is called when the content is opened.
    public static func unprotectStaged(_ crypto: CryptoContext, _ message: PrivateMessage, context: GroupContext, secretTree: SecretTree,
                                       senderDataSecret: [UInt8], signerKey: (Sender) throws(MLSError) -> SignaturePublicKey,
                                       signerBytes: (Sender) -> [UInt8]? = { _ in nil }, memo: SharedMemo? = nil)
        throws(MLSError) -> (content: AuthenticatedContent, update: SecretTree.Update) {
        guard sameBytes(message.groupID, context.groupID) else { throw MLSError(.wrongGroup, "PrivateMessage for another group") }
        guard message.epoch == context.epoch else {
            throw MLSError(.wrongEpoch, "PrivateMessage for epoch \(message.epoch); the group is at epoch \(context.epoch)")
        }
        let opening = try crypto.shared("PrivateMessage.senderData", senderDataSecret, message.encryptedSenderData,
                                        size: { _ in 2 * message.byteCount }, in: memo, where: { (known: SenderDataOpening) in
            sameBytes(known.senderDataSecret, senderDataSecret) && known.message.sameBytes(as: message)
        }) { () throws(MLSError) in
            SenderDataOpening(message: message, senderDataSecret: senderDataSecret,
                              senderData: try openSenderData(crypto, message, secretTree: secretTree, senderDataSecret: senderDataSecret))
        }
        let senderData = opening.senderData
        let type: RatchetType = message.contentType == .application ? .application : .handshake
        let (key, update) = try secretTree.stagedReceiveKey(crypto, leaf: senderData.leafIndex, type: type, generation: senderData.generation)
        let nonce = applyReuseGuard(key.nonce, senderData.reuseGuardBytes)
        let sender = Sender.member(senderData.leafIndex)
        // The sender's signature key as bytes, empty when it has none (a real key is never empty).
        let signer = signerBytes(sender) ?? (try? signerKey(sender))?.bytes ?? []
        let content = try crypto.shared("PrivateMessage.content", in: opening.memo, where: { (known: OpenedContent) in
            sameBytes(known.key, key.key) && sameBytes(known.nonce, nonce) && sameBytes(known.signer, signer)
        }) { () throws(MLSError) in
            OpenedContent(key: key.key, nonce: nonce, signer: signer,
                          value: try openContent(crypto, message, key: key.key, nonce: nonce, sender: sender, context: context,
                                                 signer: { () throws(MLSError) in try signerKey(sender) }))
        }.value
        return (content, update)
    }

    /// A message's opened sender data, shared by the members that receive the message, with the memo where its
    /// content, once opened, is kept for them.
    final class SenderDataOpening {
        let message: PrivateMessage
        let senderDataSecret: [UInt8]
        let senderData: SenderData
        let memo = SharedMemo()
        init(message: PrivateMessage, senderDataSecret: [UInt8], senderData: SenderData) {
            self.message = message
            self.senderDataSecret = senderDataSecret
            self.senderData = senderData
        }
    }

    /// A message's content, opened with `key` and `nonce` and verified with `signer`.
    final class OpenedContent {
        let key: [UInt8]
        let nonce: [UInt8]
        let signer: [UInt8]
        let value: AuthenticatedContent
        init(key: [UInt8], nonce: [UInt8], signer: [UInt8], value: AuthenticatedContent) {
            self.key = key; self.nonce = nonce; self.signer = signer; self.value = value
        }
    }

    /// Decrypts the sender data (§6.3.2).
    static func openSenderData(_ crypto: CryptoContext, _ message: PrivateMessage, secretTree: SecretTree,
                               senderDataSecret: [UInt8]) throws(MLSError) -> SenderData {
        let sd = try secretTree.senderDataKeys(crypto, senderDataSecret: senderDataSecret, ciphertext: message.ciphertext)
        do {
            let plain = try crypto.aeadOpen(key: sd.key, nonce: sd.nonce, aad: message.encodedSenderDataAAD, ciphertext: message.encryptedSenderData)
            return try SenderData.decode(plain)
        } catch let error as CodecError {
            throw MLSError(error, context: "SenderData")
        } catch let error as CryptoError {
            throw MLSError(error, context: "sender data decryption")
        } catch { throw MLSError(.crypto, "\(error)") }
    }

    /// Decrypts the content with the sender's ratchet key and nonce (reuse guard applied) and verifies its signature.
    static func openContent(_ crypto: CryptoContext, _ message: PrivateMessage, key: [UInt8], nonce: [UInt8], sender: Sender,
                            context: GroupContext, signer signerKey: () throws(MLSError) -> SignaturePublicKey)
        throws(MLSError) -> AuthenticatedContent {
        let contentBody: PrivateMessageContent
        do {
            let plain = try crypto.aeadOpen(key: key, nonce: nonce, aad: message.encodedContentAAD, ciphertext: message.ciphertext)
            contentBody = try PrivateMessageContent.decode(plain, contentType: message.contentType)
        } catch let error as CodecError {
            throw MLSError(error, context: "PrivateMessageContent")
        } catch let error as CryptoError {
            throw MLSError(error, context: "content decryption")
        } catch { throw MLSError(.crypto, "\(error)") }

        let content = FramedContent(groupID: message.groupID, epoch: message.epoch, sender: sender,
                                    authenticatedData: message.authenticatedData, body: contentBody.body)
        let signer = try signerKey()
        do {
            let tbs = try FramedContentTBS(wireFormat: .privateMessage, content: content, context: context)
            // VerifyWithLabel(signer, "FramedContentTBS", tbs), with the SignContent in pieces (see `SignContent`).
            try crypto.verify(contentBody.auth.signature, ofConcatenation: SignContent.pieces(tbs, label: FramedContentTBS.signatureLabel),
                              with: signer)
            return try AuthenticatedContent(wireFormat: .privateMessage, content: content, auth: contentBody.auth)
        } catch let error as CodecError {
            throw MLSError(error, context: "PrivateMessage content")
        } catch let error as CryptoError {
            throw MLSError(error, context: "PrivateMessage signature")
        } catch { throw MLSError(.crypto, "\(error)") }
    }

    /// XORs the 4-byte reuse guard into the first bytes of the nonce.
    static func applyReuseGuard(_ nonce: [UInt8], _ guardBytes: [UInt8]) -> [UInt8] {
        var out = nonce
        for i in 0..<min(4, guardBytes.count) { out[i] ^= guardBytes[i] }
        return out
    }
}
