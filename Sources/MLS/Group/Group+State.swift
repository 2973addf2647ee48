import MLSCrypto

extension Group {
    /// The whole member state in a canonical byte form: GroupContext, tree, private keys, transcript hashes,
    /// epoch secrets, secret-tree state, pending proposals and PSK history. Two groups with equal bytes are
    /// in the same state; tests compare it before and after a rejected message.
    public func serializedState() -> [UInt8] {
        var w = WireWriter()
        let s = state
        w.write(s.context)
        w.writeOpaque((try? s.tree.encoded()) ?? [])
        w.write(s.privateTree.leaf)
        for node in s.privateTree.nodesWithKeys {
            w.writeUInt64(node.value)
            w.writeOpaque(s.privateTree.privateKey(for: node)?.bytes ?? [])
        }
        w.writeOpaque(s.identity.signer.bytes)
        w.writeOpaque(s.interimTranscriptHash)
        w.writeOpaque(s.confirmationTag)
        let e = s.secrets
        for secret in [e.joinerSecret, e.welcomeSecret, e.epochSecret, e.senderDataSecret, e.encryptionSecret, e.exporterSecret,
                       e.externalSecret, e.confirmationKey, e.membershipKey, e.resumptionPSK, e.epochAuthenticator, e.initSecret] {
            w.writeOpaque(secret)
        }
        s.secretTree.encodeState(to: &w)
        for p in s.proposals {
            w.write(p.reference)
            w.write(p.proposal)
            w.write(p.sender)
        }
        for u in s.ownUpdates {
            w.write(u.reference)
            w.writeOpaque(u.key.bytes)
        }
        for r in s.resumptionPSKs {
            w.writeUInt64(r.epoch)
            w.writeOpaque(r.psk)
        }
        w.writeUInt8(s.reInit == nil ? 0 : 1)
        return w.bytes
    }
}
