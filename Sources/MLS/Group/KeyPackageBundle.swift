import MLSCrypto

/// A client's identity in one cipher suite: its credential and signature key.
public struct MemberIdentity: Sendable {
    /// The credential other members see.
    public let credential: Credential
    /// The signature key (its public half is in every leaf node this member makes).
    public let signer: SignaturePrivateKey
    /// The capabilities this member advertises.
    public let capabilities: Capabilities

    /// An identity with a basic credential and a fresh signature key.
    public init(_ crypto: CryptoContext, identity: [UInt8], capabilities: Capabilities? = nil) throws(MLSError) {
        do { signer = try crypto.generateSignatureKey() } catch { throw MLSError(error, context: "signature key") }
        credential = .basic(identity: identity)
        self.capabilities = capabilities ?? MemberIdentity.defaultCapabilities(crypto.suite)
    }

    /// An identity from existing parts.
    public init(credential: Credential, signer: SignaturePrivateKey, capabilities: Capabilities) {
        self.credential = credential
        self.signer = signer
        self.capabilities = capabilities
    }

    /// Capabilities for this implementation: MLS 1.0, the suite, basic credentials, the extensions and
    /// proposals it implements beyond the defaults.
    public static func defaultCapabilities(_ suite: CipherSuite) -> Capabilities {
        Capabilities(versions: [.mls10], cipherSuites: [CipherSuiteID(suite)], extensions: [], proposals: [], credentials: [.basic])
    }
}

/// A KeyPackage with the private keys that go with it (what a client keeps until it is added).
public struct KeyPackageBundle: Sendable {
    /// The signed KeyPackage to publish.
    public let keyPackage: KeyPackage
    /// The private key of `keyPackage.initKey` (decrypts the Welcome's group secrets).
    public let initKey: HPKEPrivateKey
    /// The private key of the leaf node's encryption key.
    public let encryptionKey: HPKEPrivateKey
    /// The member's identity.
    public let identity: MemberIdentity
    /// RefHash of the KeyPackage ("MLS 1.0 KeyPackage Reference").
    public let reference: KeyPackageRef

    /// Makes and signs a KeyPackage with fresh init and encryption keys, valid over `lifetime`.
    public init(_ crypto: CryptoContext, identity: MemberIdentity, lifetime: Lifetime = .forever,
                leafExtensions: ExtensionList = .empty, extensions: ExtensionList = .empty) throws(MLSError) {
        do {
            let initKey = try crypto.generateHPKEKey()
            let encryptionKey = try crypto.generateHPKEKey()
            var leaf = LeafNode(encryptionKey: encryptionKey.publicKey.bytes, signatureKey: identity.signer.publicKey.bytes,
                                credential: identity.credential, capabilities: identity.capabilities,
                                source: .keyPackage(lifetime), extensions: leafExtensions, signature: [])
            try leaf.sign(with: identity.signer, crypto: crypto, groupID: [], leafIndex: LeafIndex(0))
            var kp = KeyPackage(cipherSuite: CipherSuiteID(crypto.suite), initKey: initKey.publicKey.bytes, leafNode: leaf,
                                extensions: extensions, signature: [])
            try kp.sign(with: identity.signer, crypto: crypto)
            self.init(keyPackage: kp, initKey: initKey, encryptionKey: encryptionKey, identity: identity, crypto: crypto)
        } catch {
            throw MLSError(error, context: "KeyPackage")
        }
    }

    /// A bundle from existing parts (for example the keys of a test vector).
    public init(keyPackage: KeyPackage, initKey: HPKEPrivateKey, encryptionKey: HPKEPrivateKey, identity: MemberIdentity, crypto: CryptoContext) {
        self.keyPackage = keyPackage
        self.initKey = initKey
        self.encryptionKey = encryptionKey
        self.identity = identity
        reference = KeyPackageRef(keyPackage, crypto: crypto)
    }
}

extension Lifetime {
    /// The widest lifetime (the simulator has no calendar; lifetimes are checked only when a time is given).
    public static let forever = Lifetime(notBefore: 0, notAfter: UInt64.max)
}
