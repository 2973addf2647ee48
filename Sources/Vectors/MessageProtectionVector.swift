import MLS
import MLSCrypto

/// An entry of `message-protection.json` (RFC 9420 §6): for a proposal, a commit and application data sent by
/// leaf 1 of a two-member group, unprotect the given PublicMessage / PrivateMessage, and protect the raw value
/// ourselves and unprotect it again. Application data as a PublicMessage must be refused.
struct MessageProtectionVector: TestVector {
    let cipher_suite: UInt16
    let group_id: HexBytes, epoch: FlexibleInt, tree_hash: HexBytes, confirmed_transcript_hash: HexBytes
    let signature_priv: HexBytes, signature_pub: HexBytes
    let encryption_secret: HexBytes, sender_data_secret: HexBytes, membership_key: HexBytes
    let proposal: HexBytes, proposal_priv: HexBytes, proposal_pub: HexBytes
    let commit: HexBytes, commit_priv: HexBytes, commit_pub: HexBytes
    let application: HexBytes, application_priv: HexBytes

    var suite: UInt16? { cipher_suite }

    func verify() -> VectorVerdict {
        guard let crypto = VectorCrypto.context(cipher_suite) else { return .skipped("cipher suite \(cipher_suite)") }
        do {
            let context = GroupContext(cipherSuite: CipherSuiteID(rawValue: cipher_suite), groupID: group_id.bytes, epoch: epoch.value,
                                       treeHash: tree_hash.bytes, confirmedTranscriptHash: confirmed_transcript_hash.bytes)
            let signer = try crypto.signaturePrivateKey(signature_priv.bytes)
            let signerPub = try crypto.signaturePublicKey(signature_pub.bytes)
            let lookup: (Sender) throws(MLSError) -> SignaturePublicKey = { sender throws(MLSError) in
                guard sender == .member(LeafIndex(1)) else { throw MLSError(.invalidSender, "unexpected sender \(sender)") }
                return signerPub
            }
            let freshTree = { () throws(MLSError) -> SecretTree in try SecretTree(encryptionSecret: encryption_secret.bytes, leafCount: 2) }
            let bodies: [(String, FramedContentBody, [UInt8]?, [UInt8])] = [
                ("proposal", .proposal(try Proposal.decode(proposal.bytes)), proposal_pub.bytes, proposal_priv.bytes),
                ("commit", .commit(try Commit.decode(commit.bytes)), commit_pub.bytes, commit_priv.bytes),
                ("application", .application(application.bytes), nil, application_priv.bytes),
            ]
            for (name, body, pubBytes, privBytes) in bodies {
                let isCommit = name == "commit"
                // The given PublicMessage.
                if let pubBytes {
                    guard case .publicMessage(let pub) = try MLSMessage.decode(pubBytes).body else { return .failed("\(name)_pub is not a PublicMessage") }
                    let got = try PublicMessageProtection.unprotect(crypto, pub, context: context, membershipKey: membership_key.bytes, signerKey: lookup)
                    if got.content.body != body { return .failed("\(name)_pub: content differs from \(name)") }
                }
                // The given PrivateMessage.
                guard case .privateMessage(let priv) = try MLSMessage.decode(privBytes).body else { return .failed("\(name)_priv is not a PrivateMessage") }
                let got = try PrivateMessageProtection.unprotect(crypto, priv, context: context, secretTree: try freshTree(),
                                                                 senderDataSecret: sender_data_secret.bytes, signerKey: lookup)
                if got.content.content.body != body { return .failed("\(name)_priv: content differs from \(name)") }

                // Our own protection, then unprotection.
                let content = FramedContent(groupID: group_id.bytes, epoch: epoch.value, sender: .member(LeafIndex(1)), body: body)
                let tag: [UInt8]? = isCommit ? [UInt8](repeating: 0x42, count: crypto.suite.hashLength) : nil
                if name == "application" {
                    if (try? PublicMessageProtection.protect(crypto, content: content, context: context, signer: signer, membershipKey: membership_key.bytes)) != nil {
                        return .failed("application data was protected as a PublicMessage")
                    }
                } else {
                    let ours = try PublicMessageProtection.protect(crypto, content: content, context: context, signer: signer,
                                                                   membershipKey: membership_key.bytes, confirmationTag: tag)
                    let back = try PublicMessageProtection.unprotect(crypto, try PublicMessage.decode(ours.encoded()), context: context,
                                                                     membershipKey: membership_key.bytes, signerKey: lookup)
                    if back.content != content { return .failed("\(name): own PublicMessage round trip differs") }
                }
                var senderTree = try freshTree()
                let ours = try PrivateMessageProtection.protect(crypto, content: content, context: context, signer: signer, secretTree: &senderTree,
                                                                senderDataSecret: sender_data_secret.bytes, confirmationTag: tag, paddingLength: 7)
                let back = try PrivateMessageProtection.unprotect(crypto, try PrivateMessage.decode(ours.encoded()), context: context,
                                                                  secretTree: try freshTree(), senderDataSecret: sender_data_secret.bytes, signerKey: lookup)
                if back.content.content != content { return .failed("\(name): own PrivateMessage round trip differs") }
            }
            return .passed
        } catch {
            return .failed("\(error)")
        }
    }
}

/// An entry of `transcript-hashes.json` (RFC 9420 §8.2): the confirmed and interim transcript hashes after a
/// commit, and its confirmation tag.
struct TranscriptHashesVector: TestVector {
    let cipher_suite: UInt16
    let confirmation_key: HexBytes
    let authenticated_content: HexBytes
    let interim_transcript_hash_before: HexBytes
    let confirmed_transcript_hash_after: HexBytes
    let interim_transcript_hash_after: HexBytes

    var suite: UInt16? { cipher_suite }

    func verify() -> VectorVerdict {
        guard let crypto = VectorCrypto.context(cipher_suite) else { return .skipped("cipher suite \(cipher_suite)") }
        do {
            let content = try AuthenticatedContent.decode(authenticated_content.bytes)
            let confirmed = try TranscriptHash.confirmed(crypto, interimBefore: interim_transcript_hash_before.bytes, commit: content)
            if let f = check("confirmed_transcript_hash_after", confirmed_transcript_hash_after.bytes, confirmed) { return .failed(f) }
            try TranscriptHash.verifyConfirmationTag(crypto, content.auth.confirmationTag, confirmationKey: confirmation_key.bytes, confirmed: confirmed)
            let interim = TranscriptHash.interim(crypto, confirmed: confirmed, confirmationTag: content.auth.confirmationTag ?? [])
            return check("interim_transcript_hash_after", interim_transcript_hash_after.bytes, interim).map { .failed($0) } ?? .passed
        } catch {
            return .failed("\(error)")
        }
    }
}
