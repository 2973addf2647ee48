import XCTest
import MLS

/// Round trips of the built-in conformances and of an MLS-shaped struct.
final class WireCodableTests: XCTestCase {
    func testIntegersRoundTrip() throws {
        for value: UInt64 in [0, 1, 0xff, 0x1234_5678_9abc_def0, .max] {
            XCTAssertEqual(try UInt64.decode(value.encoded()), value)
            XCTAssertEqual(try UInt32.decode(UInt32(truncatingIfNeeded: value).encoded()), UInt32(truncatingIfNeeded: value))
            XCTAssertEqual(try UInt16.decode(UInt16(truncatingIfNeeded: value).encoded()), UInt16(truncatingIfNeeded: value))
            XCTAssertEqual(try UInt8.decode(UInt8(truncatingIfNeeded: value).encoded()), UInt8(truncatingIfNeeded: value))
        }
    }

    func testVectorsAndOptionalsRoundTrip() throws {
        let nested: [[UInt16]] = [[], [1, 2, 3], [UInt16](repeating: 0xabcd, count: 40)]
        XCTAssertEqual(try [[UInt16]].decode(nested.encoded()), nested)
        let optionals: [OpaqueBytes?] = [nil, OpaqueBytes([1, 2]), nil, OpaqueBytes([])]
        XCTAssertEqual(try [OpaqueBytes?].decode(optionals.encoded()), optionals)
        let big = [UInt8](repeating: 0x5a, count: 20_000)
        XCTAssertEqual(try [UInt8].decode(big.encoded()), big)
        XCTAssertEqual(big.encoded().prefix(4), [0x80, 0x00, 0x4e, 0x20])
    }

    func testReadOpaqueSliceSharesTheInput() throws {
        let input: [UInt8] = [0x03, 1, 2, 3, 0x01, 9]
        var reader = WireReader(input)
        let slice = try reader.readOpaqueSlice()
        XCTAssertEqual(Array(slice), [1, 2, 3])
        XCTAssertEqual(slice.startIndex, 1)
        XCTAssertEqual(try reader.readOpaque(), [9])
    }

    func testStructsRoundTripAndRejectUnknownEnumValues() throws {
        var rng = SplitMix64(seed: 7)
        for index in 0..<200 {
            let node = SampleLeafNode.random(&rng, large: index % 50 == 0)
            let bytes = node.encoded()
            XCTAssertEqual(try SampleLeafNode.decode(bytes), node)
        }
        let node = SampleLeafNode.random(&rng)
        var bytes = node.encoded()
        let sourceAt = node.encryptionKey.encoded().count
        bytes[sourceAt] = 9
        XCTAssertThrowsCodecError(.invalidValue, at: sourceAt) { _ = try SampleLeafNode.decode(bytes) }
    }

    func testOpaqueBytesDescriptionIsHex() {
        XCTAssertEqual(OpaqueBytes([0x00, 0xab, 0x7f]).description, "00ab7f")
        let literal: OpaqueBytes = [1, 2]
        XCTAssertEqual(literal.count, 2)
    }
}
