import MLSCrypto

/// Signing and membership-tagging of PublicMessage (RFC 9420 §6.1, §6.2), and their checks.
public enum PublicMessageProtection {
    /// Signs `content` (with the group context when the sender signs it) and adds the membership tag
    /// for member senders. Application data may not be sent as a PublicMessage.
    public static func protect(_ crypto: CryptoContext, content: FramedContent, context: GroupContext, signer: SignaturePrivateKey,
                               membershipKey: [UInt8], confirmationTag: [UInt8]? = nil) throws(MLSError) -> PublicMessage {
        let signature = try sign(crypto, content: content, wireFormat: .publicMessage, context: context, signer: signer)
        return try assemble(crypto, content: content, signature: signature, context: context, membershipKey: membershipKey,
                            confirmationTag: confirmationTag)
    }

    /// The signature over `FramedContentTBS` for a given wire format (a commit's signature enters its
    /// confirmed transcript hash before the message can be assembled).
    public static func sign(_ crypto: CryptoContext, content: FramedContent, wireFormat: WireFormat, context: GroupContext,
                            signer: SignaturePrivateKey) throws(MLSError) -> [UInt8] {
        if wireFormat == .publicMessage && content.contentType == .application {
            throw MLSError(.invalidContentType, "application data must be sent as a PrivateMessage")
        }
        do {
            let tbs = try FramedContentTBS(wireFormat: wireFormat, content: content, context: content.sender.signsGroupContext ? context : nil)
            return try tbs.sign(with: signer, crypto: crypto)
        } catch let error as CodecError {
            throw MLSError(error, context: "FramedContentTBS")
        } catch let error as CryptoError {
            throw MLSError(error, context: "signature")
        } catch { throw MLSError(.crypto, "\(error)") }
    }

    /// Builds the PublicMessage from content and its signature, adding the membership tag for member senders.
    public static func assemble(_ crypto: CryptoContext, content: FramedContent, signature: [UInt8], context: GroupContext,
                                membershipKey: [UInt8], confirmationTag: [UInt8]? = nil) throws(MLSError) -> PublicMessage {
        guard content.contentType != .application else {
            throw MLSError(.invalidContentType, "application data must be sent as a PrivateMessage")
        }
        do {
            let tbs = try FramedContentTBS(wireFormat: .publicMessage, content: content, context: content.sender.signsGroupContext ? context : nil)
            let auth = FramedContentAuthData(signature: signature, confirmationTag: confirmationTag)
            var tag: [UInt8]? = nil
            if case .member = content.sender {
                tag = crypto.mac(key: membershipKey, data: try AuthenticatedContentTBM(contentTBS: tbs, auth: auth).encoded())
            }
            return try PublicMessage(content: content, auth: auth, membershipTag: tag)
        } catch { throw MLSError(error, context: "PublicMessage") }
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
        // With the context's result cache (simulations), the checks below run once for the members that receive the
        // same message with the same signer key, in an epoch with the same membership key (which the key schedule
        // derives from the epoch secret, binding the group context); each member counts the MAC and verification.
        let signer = try? signerKey(content.sender)
        try crypto.shared("PublicMessage.unprotect", membershipKey, message.auth.signature, size: { _ in 2 * message.auth.signature.count + 256 },
                          where: { (known: CheckedPublicMessage) in known.signer == signer?.bytes && known.message == message }) {
            () throws(MLSError) in
            try check(crypto, message, context: context, membershipKey: membershipKey, signerKey: { () throws(MLSError) in
                if let signer { return signer } else { return try signerKey(content.sender) }
            })
            return CheckedPublicMessage(message: message, signer: signer?.bytes)
        }
        return message.authenticatedContent
    }

    /// A message whose membership tag and signature verified, and the signer key they verified with.
    struct CheckedPublicMessage {
        let message: PublicMessage
        let signer: [UInt8]?
    }

    /// Checks the membership tag (member senders) and the signature of a PublicMessage of the context's epoch.
    static func check(_ crypto: CryptoContext, _ message: PublicMessage, context: GroupContext, membershipKey: [UInt8],
                      signerKey: () throws(MLSError) -> SignaturePublicKey) throws(MLSError) {
        let content = message.content
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
        let key = try signerKey()
        do { try crypto.verifyWithLabel(key, FramedContentTBS.signatureLabel, tbs.encoded(), message.auth.signature) }
        catch { throw MLSError(error, context: "PublicMessage signature") }
    }
}
