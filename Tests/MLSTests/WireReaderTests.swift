import XCTest
import MLS

/// `WireReader`: one test per error code, offsets, sub-readers, and "a failed read changes nothing".
final class WireReaderTests: XCTestCase {
    func testReadsIntegersBytesAndVectors() throws {
        var reader = WireReader([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x02, 0xaa, 0xbb, 0xcc, 0xdd])
        XCTAssertEqual(try reader.readUInt8(), 0x01)
        XCTAssertEqual(try reader.readUInt16(), 0x0203)
        XCTAssertEqual(try reader.readUInt32(), 0x0405_0607)
        XCTAssertEqual(try reader.readOpaque(), [0xaa, 0xbb])
        XCTAssertEqual(reader.offset, 10)
        XCTAssertEqual(reader.remaining, 2)
        XCTAssertEqual(try reader.readBytes(count: 2), [0xcc, 0xdd])
        XCTAssertTrue(reader.isAtEnd)
        XCTAssertNoThrow(try reader.finish())
        var wide = WireReader([1, 2, 3, 4, 5, 6, 7, 8])
        XCTAssertEqual(try wide.readUInt64(), 0x0102_0304_0506_0708)
    }

    func testTruncatedIntegersFixedBytesAndVectorContent() {
        XCTAssertThrowsCodecError(.truncated, at: 0) { var r = WireReader([]); _ = try r.readUInt8() }
        XCTAssertThrowsCodecError(.truncated, at: 0) { var r = WireReader([1]); _ = try r.readUInt16() }
        XCTAssertThrowsCodecError(.truncated, at: 0) { var r = WireReader([1, 2, 3]); _ = try r.readUInt32() }
        XCTAssertThrowsCodecError(.truncated, at: 0) { var r = WireReader([1, 2, 3, 4, 5, 6, 7]); _ = try r.readUInt64() }
        XCTAssertThrowsCodecError(.truncated, at: 1) { var r = WireReader([9, 1]); _ = try r.readUInt8(); _ = try r.readBytes(count: 2) }
        // Length 5 with 2 bytes of content: the error points at the length field.
        XCTAssertThrowsCodecError(.truncated, at: 1) { var r = WireReader([0xee, 0x05, 1, 2]); _ = try r.readUInt8(); _ = try r.readOpaque() }
        // A 4-byte length claiming 2^30-1 bytes.
        XCTAssertThrowsCodecError(.truncated, at: 0) { _ = try [UInt8].decode([0xbf, 0xff, 0xff, 0xff, 0x00]) }
    }

    func testNonMinimalLengthInsideAStructure() {
        // A uint16 then an opaque vector whose length 3 is written in two bytes.
        XCTAssertThrowsCodecError(.nonMinimalLength, at: 2) {
            var r = WireReader([0x00, 0x01, 0x40, 0x03, 7, 8, 9]); _ = try r.readUInt16(); _ = try r.readOpaque()
        }
    }

    func testInvalidLengthPrefixInsideANestedVector() {
        // Outer vector of 3 bytes whose content starts with a 0b11 length.
        XCTAssertThrowsCodecError(.invalidLengthPrefix, at: 1) { _ = try [[UInt8]].decode([0x03, 0xc2, 0x00, 0x00]) }
    }

    func testLengthTooLargeForTheReadersLimit() throws {
        let encoded = [UInt8](repeating: 1, count: 100).encoded()
        XCTAssertThrowsCodecError(.lengthTooLarge, at: 0) { _ = try [UInt8].decode(encoded, maxVectorLength: 99) }
        XCTAssertEqual(try [UInt8].decode(encoded, maxVectorLength: 100).count, 100)
        // The error points at the offending length field, which need not be the first one.
        let later = [0xee] + [UInt8](repeating: 2, count: 60).encoded()
        XCTAssertThrowsCodecError(.lengthTooLarge, at: 1) {
            var reader = WireReader(later, maxVectorLength: 59)
            _ = try reader.readUInt8()
            _ = try reader.readOpaque()
        }
        XCTAssertEqual(WireReader([], maxVectorLength: -5).maxVectorLength, 0)
        XCTAssertEqual(WireReader([], maxVectorLength: .max).maxVectorLength, VarInt.maxValue)
    }

    func testTrailingBytesAtTheEndAndInsideAVector() {
        XCTAssertThrowsCodecError(.trailingBytes, at: 2) { _ = try UInt16.decode([0, 1, 2]) }
        // A vector of 3 bytes read as one uint16: one byte left inside it.
        XCTAssertThrowsCodecError(.trailingBytes, at: 3) {
            var r = WireReader([0x03, 0, 1, 2])
            _ = try r.readVector { (inner: inout WireReader) throws(CodecError) in try inner.readUInt16() }
        }
        // uint16 items<V> with an odd length: the last element is cut short.
        XCTAssertThrowsCodecError(.truncated, at: 3) { _ = try [UInt16].decode([0x03, 0, 1, 2]) }
    }

    func testInvalidValueForAPresenceByte() {
        XCTAssertThrowsCodecError(.invalidValue, at: 0) { _ = try Optional<UInt8>.decode([0x02, 0x05]) }
        XCTAssertEqual(try Optional<UInt8>.decode([0x01, 0x05]), 5)
        XCTAssertEqual(try Optional<UInt8>.decode([0x00]), nil)
    }

    func testInvalidValueForElementsThatReadNothing() {
        struct Empty: WireDecodable { init(from reader: inout WireReader) throws(CodecError) {} }
        XCTAssertThrowsCodecError(.invalidValue, at: 1) { _ = try [Empty].decode([0x01, 0x00]) }
        XCTAssertEqual(try [Empty].decode([0x00]).count, 0)
    }

    func testAFailedReadLeavesThePositionUnchanged() throws {
        var reader = WireReader([0x01, 0x04, 0xaa, 0xbb, 0xcc, 0xdd, 0xee])
        _ = try reader.readUInt8()
        XCTAssertThrowsCodecError(.truncated) { _ = try reader.readBytes(count: 7) }
        XCTAssertEqual(reader.offset, 1)
        XCTAssertThrowsCodecError(.truncated, at: 6) {
            _ = try reader.readVector { (inner: inout WireReader) throws(CodecError) in
                (try inner.readUInt16(), try inner.readUInt16(), try inner.readUInt8())
            }
        }
        XCTAssertEqual(reader.offset, 1)
        XCTAssertThrowsCodecError(.trailingBytes, at: 4) {
            _ = try reader.readVector { (inner: inout WireReader) throws(CodecError) in try inner.readUInt16() }
        }
        XCTAssertEqual(reader.offset, 1)
        XCTAssertThrowsCodecError(.invalidValue, at: 2) { _ = try reader.read([UInt16?].self) }
        XCTAssertEqual(reader.offset, 1)
        XCTAssertThrowsCodecError(.invalidValue, at: 1) { _ = try reader.readOptional(of: UInt8.self) }
        XCTAssertEqual(reader.offset, 1)
        XCTAssertEqual(try reader.readOpaque(), [0xaa, 0xbb, 0xcc, 0xdd])
        XCTAssertEqual(try reader.readUInt8(), 0xee)
        XCTAssertNoThrow(try reader.finish())
    }

    func testSubReaderOffsetsCountFromTheOutermostInput() throws {
        var reader = WireReader([0xff, 0xff, 0x03, 0x11, 0x22, 0x33])
        _ = try reader.readUInt16()
        try reader.readVector { (inner: inout WireReader) throws(CodecError) in
            XCTAssertEqual(inner.offset, 3)
            XCTAssertEqual(inner.remaining, 3)
            XCTAssertEqual(try inner.readUInt8(), 0x11)
            do throws(CodecError) {
                _ = try inner.readUInt32()
                XCTFail("only two bytes are left in the vector")
            } catch {
                XCTAssertEqual(error.code, .truncated)
                XCTAssertEqual(error.offset, 4)
            }
            _ = try inner.readUInt16()
        }
        XCTAssertTrue(reader.isAtEnd)
    }

    func testSliceOffsetsCountFromTheSlicesStart() {
        let bytes: [UInt8] = [9, 9, 9, 0x40, 0x01]
        XCTAssertThrowsCodecError(.nonMinimalLength, at: 0) { _ = try [UInt8].decode(bytes[3...]) }
        let valid: [UInt8] = [7, 7, 0x02, 0xaa, 0xbb]
        XCTAssertEqual(try [UInt8].decode(valid[2...]), [0xaa, 0xbb])
        XCTAssertThrowsCodecError(.truncated, at: 0) { _ = try [UInt8].decode(valid[2..<4]) }
    }

    func testErrorDescriptionNamesCodeOffsetAndCause() {
        struct Cause: Error, Sendable, CustomStringConvertible { var description: String { "bad signature" } }
        let error = CodecError(.invalidValue, at: 7, "leaf node rejected", underlying: Cause())
        XCTAssertEqual(error.description, "invalidValue at byte 7: leaf node rejected (caused by: bad signature)")
    }
}
