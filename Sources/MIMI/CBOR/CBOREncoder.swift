/// Writes CBOR in RFC 8949 §4.2.1 deterministic form: shortest heads, definite lengths, map entries sorted
/// by the bytewise order of their encoded keys, floats in the shortest width that keeps the value.
public struct CBOREncoder: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty encoder.
    public init() {}

    /// Appends the deterministic encoding of `item`.
    public mutating func encode(_ item: CBOR) {
        switch item {
        case .unsigned(let n): writeHead(0, n)
        case .negative(let n): writeHead(1, n)
        case .bytes(let b):
            writeHead(2, UInt64(b.count))
            bytes += b
        case .text(let s):
            let utf8 = Array(s.utf8)
            writeHead(3, UInt64(utf8.count))
            bytes += utf8
        case .array(let items):
            writeHead(4, UInt64(items.count))
            for element in items { encode(element) }
        case .map(let entries):
            writeHead(5, UInt64(entries.count))
            let encodedEntries = entries.map { (key: $0.key.encoded(), value: $0.value.encoded()) }
            for entry in encodedEntries.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                bytes += entry.key
                bytes += entry.value
            }
        case .tagged(let tag, let inner):
            writeHead(6, tag)
            encode(inner)
        case .bool(let b): bytes.append(b ? 0xf5 : 0xf4)
        case .null: bytes.append(0xf6)
        case .undefined: bytes.append(0xf7)
        case .simple(let v):
            if v < 24 { bytes.append(0xe0 | v) } else { bytes += [0xf8, v] }
        case .float(let d): bytes += CBORFloat.shortestEncoding(d)
        }
    }

    /// Writes a major type and argument in the shortest form.
    mutating func writeHead(_ major: UInt8, _ argument: UInt64) {
        let m = major << 5
        switch argument {
        case 0..<24: bytes.append(m | UInt8(argument))
        case 24...0xff: bytes += [m | 24, UInt8(argument)]
        case 0x100...0xffff: bytes.append(m | 25); appendBigEndian(argument, 2)
        case 0x10000...0xffff_ffff: bytes.append(m | 26); appendBigEndian(argument, 4)
        default: bytes.append(m | 27); appendBigEndian(argument, 8)
        }
    }

    private mutating func appendBigEndian(_ value: UInt64, _ count: Int) {
        for shift in stride(from: (count - 1) * 8, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}
