import XCTest
import MLS

/// RFC 9420 §2.1.2 variable-length integers: sizes, boundaries, and every rejection.
final class VarIntTests: XCTestCase {
    func testBoundaryValuesUseTheMinimalForm() throws {
        let cases: [(Int, [UInt8])] = [
            (0, [0x00]), (37, [0x25]), (63, [0x3f]),
            (64, [0x40, 0x40]), (15_293, [0x7b, 0xbd]), (16_383, [0x7f, 0xff]),
            (16_384, [0x80, 0x00, 0x40, 0x00]), (494_878_333, [0x9d, 0x7f, 0x3e, 0x7d]),
            (VarInt.maxValue, [0xbf, 0xff, 0xff, 0xff]),
        ]
        for (value, bytes) in cases {
            XCTAssertEqual(try VarInt.encode(value), bytes, "encode \(value)")
            XCTAssertEqual(try VarInt.decode(bytes), value, "decode \(hex(bytes))")
            XCTAssertEqual(VarInt.encodedSize(of: value), bytes.count)
        }
    }

    func testEveryValueAroundEachBoundaryRoundTrips() throws {
        for boundary in [0, 64, 16_384, VarInt.maxValue] {
            for value in max(0, boundary - 3)...min(VarInt.maxValue, boundary + 3) {
                XCTAssertEqual(try VarInt.decode(try VarInt.encode(value)), value)
            }
        }
    }

    func testValuesOutsideTheRangeCannotBeEncoded() {
        for value in [-1, VarInt.maxValue + 1, Int.max] {
            XCTAssertNil(VarInt.encodedSize(of: value))
            XCTAssertThrowsCodecError(.lengthTooLarge) { _ = try VarInt.encode(value) }
        }
    }

    func testReservedPrefixIsInvalid() {
        for first: UInt8 in [0xc0, 0xc5, 0xff] {
            XCTAssertThrowsCodecError(.invalidLengthPrefix, at: 0) { _ = try VarInt.decode([first, 0, 0, 0, 0, 0, 0, 0]) }
        }
    }

    func testNonMinimalEncodingsAreRejected() {
        let nonMinimal: [[UInt8]] = [[0x40, 0x00], [0x40, 0x3f], [0x80, 0x00, 0x00, 0x3f], [0x80, 0x00, 0x3f, 0xff], [0x80, 0x00, 0x00, 0x00]]
        for bytes in nonMinimal {
            XCTAssertThrowsCodecError(.nonMinimalLength, at: 0) { _ = try VarInt.decode(bytes) }
        }
    }

    func testShortHeadersAreTruncated() {
        for bytes: [UInt8] in [[], [0x40], [0x80], [0x80, 0x00, 0x40]] {
            XCTAssertThrowsCodecError(.truncated) { _ = try VarInt.decode(bytes) }
        }
    }

    func testTrailingBytesAfterAVarIntAreRejected() {
        XCTAssertThrowsCodecError(.trailingBytes, at: 1) { _ = try VarInt.decode([0x05, 0x00]) }
    }
}

/// Asserts that `body` throws a `CodecError` with `code` (and, when given, at `offset`) and a message.
func XCTAssertThrowsCodecError(_ code: CodecError.Code, at offset: Int? = nil, file: StaticString = #filePath, line: UInt = #line,
                               _ body: () throws -> Void) {
    do {
        try body()
        XCTFail("expected \(code), nothing was thrown", file: file, line: line)
    } catch let error as CodecError {
        XCTAssertEqual(error.code, code, "\(error)", file: file, line: line)
        if let offset { XCTAssertEqual(error.offset, offset, "\(error)", file: file, line: line) }
        XCTAssertFalse(error.message.isEmpty, file: file, line: line)
    } catch {
        XCTFail("expected a CodecError \(code), got \(error)", file: file, line: line)
    }
}
