// The list of vector kinds. Add one line per kind; move a kind from `pendingKinds` to
// `implementedKinds` when its `TestVector` type exists.

extension VectorKinds {
    static let implementedKinds: [VectorKind] = [
        .implemented("key-schedule", files: ["key-schedule"], KeyScheduleVector.self),
        .implemented("psk-secret", files: ["psk_secret", "psk-secret"], PSKSecretVector.self),
        .implemented("secret-tree", files: ["secret-tree"], SecretTreeVector.self),
        .implemented("transcript-hashes", files: ["transcript-hashes"], TranscriptHashesVector.self),
        .implemented("message-protection", files: ["message-protection"], MessageProtectionVector.self),
        .implemented("welcome", files: ["welcome"], WelcomeVector.self),
        .implemented("passive-client", files: [], PassiveClientVector.self),
        .implemented("crypto-basics", files: ["crypto-basics"], CryptoBasicsVector.self),
        .implemented("hpke", files: [], HPKEVector.self, arrayKey: "vectors"),
        .implemented("tree-math", files: ["tree-math"], TreeMathVector.self),
        .implemented("deserialization", files: ["deserialization"], DeserializationVector.self),
        .implemented("messages", files: ["messages"], MessagesVector.self),
        MIMIContentVector.kind,
        .implemented("tree-operations", files: ["tree-operations"], TreeOperationsVector.self),
        .implemented("tree-validation", files: ["tree-validation"], TreeValidationVector.self),
        .implemented("treekem", files: ["treekem"], TreeKEMVector.self),
    ]

    static let pendingKinds: [VectorKind] = [
    ]
}
