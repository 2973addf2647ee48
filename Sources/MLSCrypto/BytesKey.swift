import Glibc

/// Bytes as a dictionary or set key, hashed in one call over the whole buffer.
///
/// `[UInt8]` is `Hashable`, but hashes element by element (one hasher call per byte); keys, signatures and
/// other byte strings used as keys in hot lookups are wrapped in this instead. Equality is byte equality.
package struct BytesKey: Hashable, Sendable {
    /// The bytes.
    package let bytes: [UInt8]

    /// Wraps `bytes`.
    @inlinable
    package init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Hashes the bytes as one buffer.
    @inlinable
    package func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    /// Byte equality.
    @inlinable
    package static func == (a: BytesKey, b: BytesKey) -> Bool { a.bytes == b.bytes }
}

/// Whether two byte strings are equal (bytes at the same address without a comparison, else `memcmp`).
package func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    return a.withUnsafeBytes { pa in b.withUnsafeBytes { pb in
        pa.baseAddress == pb.baseAddress || pa.count == 0 || memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0
    } }
}

/// Whether `a` holds the bytes of the slice `b`.
package func sameBytes(_ a: [UInt8], _ b: ArraySlice<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    return a.withUnsafeBytes { pa in b.withUnsafeBytes { pb in
        pa.count == 0 || memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0
    } }
}
