/// IEEE 754 half/single/double conversions for CBOR floats, written out so they work on every platform
/// (Swift's `Float16` is unavailable on Intel macOS).
enum CBORFloat {
    /// The canonical NaN of RFC 8949 §4.2.1 (and the only NaN MIMI content allows): half-precision 0x7e00.
    static let canonicalNaN: [UInt8] = [0xf9, 0x7e, 0x00]

    /// The value of a half-precision float.
    static func halfToDouble(_ bits: UInt16) -> Double {
        let sign: Double = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1f)
        let fraction = Double(bits & 0x3ff)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }

    /// The half-precision bits of `value` when it converts exactly, or nil.
    static func exactHalf(_ value: Double) -> UInt16? {
        if value.isNaN { return nil }
        let sign: UInt16 = value.sign == .minus ? 0x8000 : 0
        if value.isInfinite { return sign | 0x7c00 }
        if value == 0 { return sign }
        let magnitude = abs(value)
        // Subnormal halves: multiples of 2^-24 below 2^-14.
        if magnitude < 0x1p-14 {
            let scaled = magnitude * 0x1p24
            guard scaled == scaled.rounded(), scaled < 1024 else { return nil }
            return sign | UInt16(scaled)
        }
        let exponent = Int(magnitude.exponent)
        guard exponent <= 15 else { return nil }
        let fraction = (magnitude.significand - 1) * 1024
        guard fraction == fraction.rounded() else { return nil }
        return sign | UInt16(exponent + 15) << 10 | UInt16(fraction)
    }

    /// The shortest CBOR encoding of `value` (NaN is always the canonical half NaN).
    static func shortestEncoding(_ value: Double) -> [UInt8] {
        if value.isNaN { return canonicalNaN }
        if let half = exactHalf(value) { return [0xf9, UInt8(half >> 8), UInt8(half & 0xff)] }
        let single = Float(value)
        if Double(single) == value {
            let b = single.bitPattern
            return [0xfa, UInt8(b >> 24), UInt8((b >> 16) & 0xff), UInt8((b >> 8) & 0xff), UInt8(b & 0xff)]
        }
        let b = value.bitPattern
        return [0xfb] + (0..<8).map { UInt8(truncatingIfNeeded: b >> UInt64(56 - 8 * $0)) }
    }
}
