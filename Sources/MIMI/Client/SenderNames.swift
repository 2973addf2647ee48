import MLS
import MLSCrypto

/// The client URIs of a room's senders, by leaf, each kept with the credential identity it was read from: a
/// delivery compares its sender's identity bytes instead of building and parsing the URI string again (most
/// senders keep their leaf and credential across epochs).
struct SenderNames {
    /// By leaf index (nil: not read yet).
    private var names: [(identity: [UInt8], uri: IdentifierURI)?] = []

    /// The client URI in the credential of `leaf` in `group` (empty when there is none), as
    /// `MIMIURI.client(in:)` reads it.
    /// A name not known yet is parsed once for the members sharing `crypto`'s result cache (simulations).
    mutating func name(of leaf: LeafIndex, in group: borrowing Group, crypto: CryptoContext) -> IdentifierURI {
        guard let credential = group.tree.credential(at: leaf) else { return IdentifierURI("") }
        guard case .basic(let identity) = credential else { return MIMIURI.client(in: credential) ?? IdentifierURI("") }
        let i = Int(leaf.value)
        if i < names.count, let entry = names[i], sameBytes(entry.identity, identity) { return entry.uri }
        let uri = crypto.shared("MIMIURI.client", identity, [], size: { $0.uri.utf8.count }, where: { _ in true }) {
            MIMIURI.client(in: credential) ?? IdentifierURI("")
        }
        if i >= names.count { names.append(contentsOf: repeatElement(nil, count: i + 1 - names.count)) }
        names[i] = (identity, uri)
        return uri
    }
}
