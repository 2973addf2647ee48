/// Public keys a context has already parsed, by their serialized bytes (bounded; emptied when full).
///
/// Parsing a key costs an OpenSSL provider lookup that no primitive counts; a member that sees the same
/// key again (a KeyPackage's leaf and its signature, an init key validated and then sealed to, a tree
/// leaf's key on every message) parses it once. Shared by `charging` copies of a context, and by simulated
/// members handled on several threads at once (each lookup takes a lock).
public final class ParsedKeyMemo {
    private let lock = CryptoLock()
    private var signature: [BytesKey: SignaturePublicKey] = [:]
    private var hpke: [BytesKey: HPKEPublicKey] = [:]
    /// The memo is emptied when it holds this many keys of one kind.
    public let capacity: Int

    /// An empty memo (a simulation shares one large memo between all its members).
    public init(capacity: Int = 512) { self.capacity = capacity }

    func signatureKey(_ bytes: [UInt8], scheme: SignatureScheme) throws(CryptoError) -> SignaturePublicKey {
        lock.lock(); defer { lock.unlock() }
        let key = BytesKey(bytes)
        if let k = signature[key], k.scheme == scheme { return k }
        let k = try SignaturePublicKey(scheme: scheme, bytes: bytes)
        if signature.count >= capacity { signature.removeAll(keepingCapacity: true) }
        signature[key] = k
        return k
    }

    func hpkeKey(_ bytes: [UInt8], kem: KEM) throws(CryptoError) -> HPKEPublicKey {
        lock.lock(); defer { lock.unlock() }
        let key = BytesKey(bytes)
        if let k = hpke[key], k.kem == kem { return k }
        let k = try HPKEPublicKey(kem: kem, bytes: bytes)
        if hpke.count >= capacity { hpke.removeAll(keepingCapacity: true) }
        hpke[key] = k
        return k
    }
}
