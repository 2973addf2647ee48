/// Typed access to the fields of a decoded CBOR array, with `invalidContent` errors that name the field.
struct CBORFields {
    let items: [CBOR]
    let type: String
    private(set) var index = 0

    /// The elements of `item`, which must be an array of `count` elements (or one of `counts`).
    init(_ item: CBOR, type: String, counts: Set<Int>) throws(MIMIError) {
        guard case .array(let items) = item else {
            throw MIMIError(.invalidContent, "\(type) must be an array, not a \(item.kindName)")
        }
        guard counts.contains(items.count) else {
            throw MIMIError(.invalidContent, "\(type) has \(items.count) elements; expected \(counts.sorted().map(String.init).joined(separator: " or "))")
        }
        self.items = items
        self.type = type
    }

    static func invalid(_ type: String, _ field: String, _ what: String, _ item: CBOR) -> MIMIError {
        MIMIError(.invalidContent, "\(type).\(field) must be \(what), not a \(item.kindName)")
    }

    /// The next element, unchecked.
    mutating func next() -> CBOR {
        defer { index += 1 }
        return items[index]
    }

    mutating func bytes(_ field: String, size: Int? = nil) throws(MIMIError) -> [UInt8] {
        let item = next()
        guard case .bytes(let b) = item else { throw Self.invalid(type, field, "a byte string", item) }
        if let size, b.count != size {
            throw MIMIError(.invalidContent, "\(type).\(field) must have \(size) bytes, not \(b.count)")
        }
        return b
    }

    mutating func optionalBytes(_ field: String, size: Int) throws(MIMIError) -> [UInt8]? {
        if case .null = items[index] { index += 1; return nil }
        return try bytes(field, size: size)
    }

    mutating func text(_ field: String) throws(MIMIError) -> String {
        let item = next()
        guard case .text(let s) = item else { throw Self.invalid(type, field, "a text string", item) }
        return s
    }

    /// An unsigned integer no larger than `max` (`uint .size n`).
    mutating func unsigned(_ field: String, max: UInt64) throws(MIMIError) -> UInt64 {
        let item = next()
        guard case .unsigned(let n) = item else { throw Self.invalid(type, field, "an unsigned integer", item) }
        guard n <= max else { throw MIMIError(.invalidContent, "\(type).\(field) is \(n); at most \(max) is allowed") }
        return n
    }

    mutating func bool(_ field: String) throws(MIMIError) -> Bool {
        let item = next()
        guard case .bool(let b) = item else { throw Self.invalid(type, field, "a bool", item) }
        return b
    }
}
