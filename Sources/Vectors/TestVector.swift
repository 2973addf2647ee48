import Foundation

/// The outcome of checking one test-vector entry.
public enum VectorVerdict: Equatable, Sendable {
    /// The entry matched.
    case passed
    /// The entry did not match; the reason names the first field that differed.
    case failed(String)
    /// The entry needs something this build does not support yet (the reason says what).
    case skipped(String)
}

/// One entry of an official test-vector file, decoded from JSON, that can check itself.
///
/// Each vector kind (tree-math, crypto-basics, ...) is one `Decodable` type conforming to this protocol;
/// the same `verify()` serves the XCTest suites and `mimisim vectors`.
public protocol TestVector: Decodable {
    /// The MLS cipher suite the entry is for, or nil when the kind has none (tree-math, deserialization).
    var suite: UInt16? { get }
    /// Checks the entry against this implementation.
    func verify() -> VectorVerdict
}

/// A hex string in a vector file, decoded to bytes.
public struct HexBytes: Decodable, Sendable, Equatable {
    /// The decoded bytes.
    public let bytes: [UInt8]

    /// Wraps already-decoded bytes.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Decodes a JSON string of hex digits (even length, either case).
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let bytes = Hex.decode(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a hex string")
        }
        self.bytes = bytes
    }
}

/// Hex encoding helpers.
public enum Hex {
    /// Decodes a hex string, or returns nil when it has an odd length or a non-hex character.
    public static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let hi = nibble(utf8[i]), let lo = nibble(utf8[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    /// Encodes bytes as lowercase hex.
    public static func encode<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: return nil
        }
    }
}

/// Compares an expected and an actual value, producing a failure reason that names the field.
@inline(__always)
func check<T: Equatable>(_ field: String, _ expected: T, _ actual: T) -> String? {
    expected == actual ? nil : "\(field): expected \(describe(expected)), got \(describe(actual))"
}

private func describe<T>(_ value: T) -> String {
    if let bytes = value as? [UInt8] { return Hex.encode(bytes.prefix(48)) + (bytes.count > 48 ? "…" : "") }
    return "\(value)"
}

/// An integer that vector files write either as a JSON number or as a decimal string.
public struct FlexibleInt: Decodable, Sendable, Equatable {
    /// The value.
    public let value: UInt64

    /// Decodes a number or a decimal string.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let n = try? container.decode(UInt64.self) {
            value = n
        } else if let s = try? container.decode(String.self), let n = UInt64(s) {
            value = n
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an unsigned integer")
        }
    }
}
