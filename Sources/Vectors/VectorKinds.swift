import Foundation

/// A kind of test-vector file: its name, the file names that select it, and how to check its entries.
public struct VectorKind: Sendable {
    /// The kind's name as `--kind` accepts it (for example `tree-math`).
    public let name: String
    /// File base names (without `.json`) that select this kind.
    public let fileNames: [String]
    /// Decodes a whole file and checks every entry; nil when the kind is not implemented yet.
    let check: (@Sendable (Data) throws -> [(suite: UInt16?, verdict: VectorVerdict)])?

    /// A kind implemented by a `TestVector` type.
    public static func implemented<V: TestVector>(_ name: String, files: [String], _ type: V.Type) -> VectorKind {
        VectorKind(name: name, fileNames: files, check: { data in
            let entries = try JSONDecoder().decode([V].self, from: data)
            return entries.map { ($0.suite, $0.verify()) }
        })
    }

    /// A kind whose files are a JSON object holding the entry array under `key` (for example the HPKE file's `vectors`).
    public static func implemented<V: TestVector>(_ name: String, files: [String], _ type: V.Type, arrayKey key: String) -> VectorKind {
        VectorKind(name: name, fileNames: files, check: { data in
            let decoder = JSONDecoder()
            decoder.userInfo[ObjectEntries<V>.keyName] = key
            return try decoder.decode(ObjectEntries<V>.self, from: data).entries.map { ($0.suite, $0.verify()) }
        })
    }

    /// A kind this build recognises but cannot check yet: every entry is reported as skipped.
    public static func pending(_ name: String, files: [String], needs: String) -> VectorKind {
        VectorKind(name: name, fileNames: files, check: { data in
            let entries = try JSONDecoder().decode([SuiteOnly].self, from: data)
            return entries.map { ($0.cipher_suite, .skipped(needs)) }
        })
    }
}

/// The entry array of an object-shaped file, found under the key passed in `userInfo`.
struct ObjectEntries<V: TestVector>: Decodable {
    static var keyName: CodingUserInfoKey { CodingUserInfoKey(rawValue: "mimisim.vectorArrayKey")! }
    let entries: [V]

    init(from decoder: Decoder) throws {
        let key = decoder.userInfo[Self.keyName] as? String ?? "vectors"
        let container = try decoder.container(keyedBy: NamedKey.self)
        entries = try container.decode([V].self, forKey: NamedKey(stringValue: key))
    }

    struct NamedKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// Just the cipher suite of an entry, for kinds that are not implemented yet.
struct SuiteOnly: Decodable {
    let cipher_suite: UInt16?
}

/// Every vector kind this build knows, in a fixed order.
public enum VectorKinds {
    /// All kinds. A kind added here is picked up by `mimisim vectors` and the tests.
    public static let all: [VectorKind] = implementedKinds + pendingKinds

    /// The kind a `--kind` value names, or nil.
    public static func named(_ name: String) -> VectorKind? {
        all.first { $0.name == name }
    }

    /// The kind a file's name selects (its base name without `.json`), or nil.
    public static func forFile(_ path: String) -> VectorKind? {
        let base = (path as NSString).lastPathComponent
        if base.hasSuffix(".cbor") { return named("mimi-content") }
        let stem = base.hasSuffix(".json") ? String(base.dropLast(5)) : base
        if let kind = all.first(where: { $0.fileNames.contains(stem) }) { return kind }
        if stem.hasPrefix("rfc9180") || stem.hasPrefix("hpke") { return named("hpke") }
        if stem.hasPrefix("passive-client") { return named("passive-client") }
        return nil
    }
}
