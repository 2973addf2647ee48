import XCTest
@testable import MIMI

/// The deterministic CBOR codec: encodings, and every non-deterministic or malformed form rejected with a typed error.
final class CBORTests: XCTestCase {
    private func code(_ bytes: [UInt8], maxDepth: Int = CBORDecoder.defaultMaxDepth) -> MIMIError.Code? {
        do {
            _ = try CBOR.decode(bytes, maxDepth: maxDepth)
            return nil
        } catch {
            return error.code
        }
    }

    func testShortestEncodings() {
        XCTAssertEqual(CBOR.unsigned(23).encoded(), [0x17])
        XCTAssertEqual(CBOR.unsigned(24).encoded(), [0x18, 24])
        XCTAssertEqual(CBOR.unsigned(256).encoded(), [0x19, 1, 0])
        XCTAssertEqual(CBOR.int(-1).encoded(), [0x20])
        XCTAssertEqual(CBOR.int(-500).encoded(), [0x39, 0x01, 0xf3])
        XCTAssertEqual(CBOR.float(1.5).encoded(), [0xf9, 0x3e, 0x00])
        XCTAssertEqual(CBOR.float(100000.0).encoded(), [0xfa, 0x47, 0xc3, 0x50, 0x00])
        XCTAssertEqual(CBOR.float(1.1).encoded(), [0xfb, 0x3f, 0xf1, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9a])
        XCTAssertEqual(CBOR.float(.nan).encoded(), [0xf9, 0x7e, 0x00])
        XCTAssertEqual(CBOR.float(5.960464477539063e-8).encoded(), [0xf9, 0x00, 0x01])
    }

    func testMapsAreSortedByEncodedKeyBytes() throws {
        let map = CBOR.map([CBORMapEntry(.text("b"), .null), CBORMapEntry(.unsigned(10), .null), CBORMapEntry(.int(-1), .null),
                            CBORMapEntry(.text("a"), .null), CBORMapEntry(.unsigned(100), .null)])
        XCTAssertEqual(map.encoded(), [0xa5, 0x0a, 0xf6, 0x18, 0x64, 0xf6, 0x20, 0xf6, 0x61, 0x61, 0xf6, 0x61, 0x62, 0xf6])
        guard case .map(let entries) = try CBOR.decode(map.encoded()) else { return XCTFail() }
        XCTAssertEqual(entries.map(\.key), [.unsigned(10), .unsigned(100), .int(-1), .text("a"), .text("b")])
    }

    func testRoundTripOfEveryKind() throws {
        let item = CBOR.array([.unsigned(UInt64.max), .negative(UInt64.max), .bytes([1, 2]), .text("héllo"), .tagged(1001, .map([])),
                               .bool(true), .bool(false), .null, .undefined, .simple(16), .simple(255), .float(-0.0), .float(.infinity)])
        XCTAssertEqual(try CBOR.decode(item.encoded()), item)
    }

    func testNonShortestFormsAreNonDeterministic() {
        XCTAssertEqual(code([0x18, 0x17]), .nonDeterministicCBOR)               // 23 in two bytes
        XCTAssertEqual(code([0x19, 0x00, 0xff]), .nonDeterministicCBOR)         // 255 in three bytes
        XCTAssertEqual(code([0x1b, 0, 0, 0, 0, 0, 0, 0, 1]), .nonDeterministicCBOR)
        XCTAssertEqual(code([0x58, 0x01, 0xaa]), .nonDeterministicCBOR)         // 1-byte string with a 1-byte length
        XCTAssertEqual(code([0x98, 0x01, 0x00]), .nonDeterministicCBOR)         // array length
        XCTAssertEqual(code([0xfa, 0x3f, 0xc0, 0x00, 0x00]), .nonDeterministicCBOR)  // 1.5 as single
        XCTAssertEqual(code([0xf9, 0x7e, 0x01]), .nonDeterministicCBOR)         // non-canonical NaN
    }

    func testIndefiniteLengthsAreNonDeterministic() {
        XCTAssertEqual(code([0x9f, 0x01, 0xff]), .nonDeterministicCBOR)
        XCTAssertEqual(code([0x5f, 0x41, 0x00, 0xff]), .nonDeterministicCBOR)
        XCTAssertEqual(code([0xbf, 0x01, 0x02, 0xff]), .nonDeterministicCBOR)
    }

    func testUnsortedAndDuplicateMapKeys() {
        XCTAssertEqual(code([0xa2, 0x02, 0xf6, 0x01, 0xf6]), .nonDeterministicCBOR)
        XCTAssertEqual(code([0xa2, 0x61, 0x61, 0xf6, 0x0a, 0xf6]), .nonDeterministicCBOR)  // "a" before 10
        XCTAssertEqual(code([0xa2, 0x01, 0xf6, 0x01, 0xf6]), .malformedCBOR)
    }

    func testMalformedInput() {
        XCTAssertEqual(code([]), .malformedCBOR)
        XCTAssertEqual(code([0x19, 0x01]), .malformedCBOR)                      // truncated argument
        XCTAssertEqual(code([0x43, 0x01, 0x02]), .malformedCBOR)                // truncated string
        XCTAssertEqual(code([0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), .malformedCBOR)  // huge array, no allocation
        XCTAssertEqual(code([0x1c]), .malformedCBOR)                            // reserved additional information
        XCTAssertEqual(code([0xff]), .malformedCBOR)                            // stray break
        XCTAssertEqual(code([0xf8, 0x10]), .malformedCBOR)                      // simple 16 in two bytes
        XCTAssertEqual(code([0x62, 0xc3, 0x28]), .malformedCBOR)                // invalid UTF-8
        XCTAssertEqual(code([0x01, 0x02]), .malformedCBOR)                      // trailing bytes
    }

    func testDepthBombIsRejectedWithoutRecursingToTheEnd() {
        let bomb = [UInt8](repeating: 0x81, count: 200_000) + [0x00]
        XCTAssertEqual(code(bomb), .tooDeep)
        let tags = [UInt8](repeating: 0xc1, count: 100_000) + [0x00]
        XCTAssertEqual(code(tags), .tooDeep)
        XCTAssertEqual(code([0x81, 0x81, 0x00], maxDepth: 2), nil)
        XCTAssertEqual(code([0x81, 0x81, 0x81, 0x00], maxDepth: 2), .tooDeep)
    }

    func testEveryTruncationOfAValidItemIsMalformed() {
        let item = CBOR.array([.text("mimi://a.example/u/alice"), .map([CBORMapEntry(.unsigned(1), .bytes([1, 2, 3]))]), .float(1.1)])
        let bytes = item.encoded()
        for length in 0..<bytes.count { XCTAssertEqual(code(Array(bytes.prefix(length))), .malformedCBOR, "prefix \(length)") }
    }
}
