import MLS

/// One entry of `deserialization.json`: a variable-length integer header (RFC 9420 §2.1.2) and the
/// length it encodes.
public struct DeserializationVector: TestVector {
    /// The encoded header, hex in the file.
    public let vlbytes_header: HexBytes
    /// The length the header encodes.
    public let length: UInt32

    /// Deserialization vectors have no cipher suite.
    public var suite: UInt16? { nil }

    /// Decodes the header (which must be the whole field), compares the length, and re-encodes it.
    public func verify() -> VectorVerdict {
        let decoded: Int
        do {
            decoded = try VarInt.decode(vlbytes_header.bytes)
        } catch {
            return .failed("vlbytes_header \(Hex.encode(vlbytes_header.bytes)) does not decode: \(error)")
        }
        if let why = check("length", Int(length), decoded) { return .failed(why) }
        let reencoded: [UInt8]
        do {
            reencoded = try VarInt.encode(Int(length))
        } catch {
            return .failed("length \(length) does not encode: \(error)")
        }
        if let why = check("re-encoded vlbytes_header", vlbytes_header.bytes, reencoded) { return .failed(why) }
        return .passed
    }
}
