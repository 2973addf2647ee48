import MLSCrypto

/// Signing and membership-tagging of PublicMessage (RFC 9420 §6.1, §6.2), and their checks.
public enum PublicMessageProtection {
    /// Signs `content` (with the group context when the sender signs it) and adds the membership tag
    /// for member senders. Application data may not be sent as a PublicMessage.
    public static func protect(_ crypto: CryptoContext, content: FramedContent, context: GroupContext, signer: SignaturePrivateKey,
                               membershipKey: [UInt8], confirmationTag: [UInt8]? = nil) throws(MLSError) -> PublicMessage {
        guard content.contentType != .application else {
            throw MLSError(.invalidContentType, "application data must be sent as a PrivateMessage")
        }
        do {
            let tbs = try FramedContentTBS(wireFormat: .publicMessage, content: content, context: content.sender.signsGroupContext ? context : nil)
            let auth = FramedContentAuthData(signature: try tbs.sign(with: signer, crypto: crypto), confirmationTag: confirmationTag)
            var tag: [UInt8]? = nil
            if case .member = content.sender {
                tag = crypto.mac(key: membershipKey, data: try AuthenticatedContentTBM(contentTBS: tbs, auth: auth).encoded())
            }
            return try PublicMessage(content: content, auth: auth, membershipTag: tag)
        } catch let error as CodecError {
            throw MLSError(error, context: "PublicMessage")
        } catch let error as CryptoError {
            throw MLSError(error, context: "PublicMessage signature")
        } catch {
            throw MLSError(.crypto, "\(error)")
        }
    }

    /// Checks group, epoch, membership tag (member senders) and signature; returns the authenticated content.
    /// `signerKey` maps the sender to its signature key (and throws `invalidSender` for an unknown one).
    public static func unprotect(_ crypto: CryptoContext, _ message: PublicMessage, context: GroupContext, membershipKey: [UInt8],
                                 signerKey: (Sender) throws(MLSError) -> SignaturePublicKey) throws(MLSError) -> AuthenticatedContent {
        let content = message.content
        guard content.groupID == context.groupID else { throw MLSError(.wrongGroup, "PublicMessage for another group") }
        guard content.epoch == context.epoch else {
            throw MLSError(.wrongEpoch, "PublicMessage for epoch \(content.epoch); the group is at epoch \(context.epoch)")
        }
        guard content.contentType != .application else {
            throw MLSError(.invalidContentType, "application data in a PublicMessage")
        }
        let tbs: FramedContentTBS
        do {
            tbs = try FramedContentTBS(wireFormat: .publicMessage, content: content, context: content.sender.signsGroupContext ? context : nil)
        } catch { throw MLSError(error, context: "FramedContentTBS") }
        if case .member = content.sender {
            guard let tag = message.membershipTag else { throw MLSError(.invalidMembershipTag, "member PublicMessage without a membership tag") }
            let expected: [UInt8]
            do { expected = crypto.mac(key: membershipKey, data: try AuthenticatedContentTBM(contentTBS: tbs, auth: message.auth).encoded()) }
            catch { throw MLSError(error, context: "AuthenticatedContentTBM") }
            guard constantTimeEqual(tag, expected) else { throw MLSError(.invalidMembershipTag, "membership tag does not verify") }
        } else if message.membershipTag != nil {
            throw MLSError(.invalidMembershipTag, "membership tag from a non-member sender")
        }
        let key = try signerKey(content.sender)
        do { try crypto.verifyWithLabel(key, FramedContentTBS.signatureLabel, tbs.encoded(), message.auth.signature) }
        catch { throw MLSError(error, context: "PublicMessage signature") }
        return message.authenticatedContent
    }
}
