/// The variable-length integer of RFC 9420 §2.1.2, used for the length prefix of every `<V>` vector.
///
/// The two most significant bits of the first byte give the encoded size: `00` one byte (6-bit value),
/// `01` two bytes (14-bit value), `10` four bytes (30-bit value); `11` is reserved and invalid.
/// A value must use the shortest form that holds it, so every length has exactly one encoding.
public enum VarInt {
    /// The largest value a variable-length integer can hold: 2^30 - 1.
    public static let maxValue: Int = (1 << 30) - 1

    /// The number of bytes the minimal encoding of `value` takes (1, 2 or 4), or nil when it cannot be encoded.
    @inlinable
    public static func encodedSize(of value: Int) -> Int? {
        switch value {
        case 0..<(1 << 6): return 1
        case (1 << 6)..<(1 << 14): return 2
        case (1 << 14)...maxValue: return 4
        default: return nil
        }
    }

    /// The minimal encoding of `value`; throws `lengthTooLarge` for values outside 0...2^30-1.
    public static func encode(_ value: Int) throws(CodecError) -> [UInt8] {
        guard encodedSize(of: value) != nil else {
            throw CodecError(.lengthTooLarge, at: 0, "value \(value) is outside 0...\(maxValue) and has no variable-length encoding")
        }
        var writer = WireWriter(capacity: 4)
        writer.writeVarInt(value)
        return writer.bytes
    }

    /// Decodes one variable-length integer that must fill `bytes` exactly.
    public static func decode(_ bytes: [UInt8]) throws(CodecError) -> Int {
        var reader = WireReader(bytes)
        let value = try reader.readVarInt()
        try reader.finish()
        return value
    }
}
