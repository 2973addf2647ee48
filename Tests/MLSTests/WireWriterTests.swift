import XCTest
import MLS

/// `WireWriter`: integer byte order, opaque vectors, and back-patched vector headers at every size boundary.
final class WireWriterTests: XCTestCase {
    func testIntegersAreBigEndian() {
        var writer = WireWriter()
        writer.writeUInt8(0x01)
        writer.writeUInt16(0x0203)
        writer.writeUInt32(0x0405_0607)
        writer.writeUInt64(0x0809_0a0b_0c0d_0e0f)
        XCTAssertEqual(writer.bytes, Array(1...15))
        XCTAssertEqual(writer.count, 15)
    }

    func testOpaqueAndFixedBytes() {
        var writer = WireWriter()
        writer.writeOpaque([0xaa, 0xbb])
        writer.writeBytes([0xcc])
        writer.writeOpaque([UInt8]())
        XCTAssertEqual(writer.bytes, [0x02, 0xaa, 0xbb, 0xcc, 0x00])
    }

    func testBackPatchedVectorMatchesOpaqueAtEverySizeBoundary() {
        for size in [0, 1, 63, 64, 65, 16_383, 16_384, 16_385, 70_000] {
            let content = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            var patched = WireWriter()
            patched.writeUInt8(0xee)                       // header not at offset 0
            patched.writeVector { inner in inner.writeBytes(content) }
            patched.writeUInt8(0xff)
            var direct = WireWriter()
            direct.writeUInt8(0xee)
            direct.writeOpaque(content)
            direct.writeUInt8(0xff)
            XCTAssertEqual(patched.bytes, direct.bytes, "size \(size)")
            XCTAssertEqual(patched.count, 2 + VarInt.encodedSize(of: size)! + size)
        }
    }

    func testNestedVectorsGetCorrectHeaders() throws {
        var writer = WireWriter()
        writer.writeVector { outer in
            outer.writeVector { inner in inner.writeBytes([UInt8](repeating: 7, count: 100)) }
            outer.writeOpaque([1, 2, 3])
        }
        // outer = [2-byte header 0x40 0x6a][inner: 0x40 0x64 + 100 bytes][0x03 1 2 3] = 2 + 102 + 4 bytes
        XCTAssertEqual(Array(writer.bytes.prefix(4)), [0x40, 0x6a, 0x40, 0x64])
        XCTAssertEqual(writer.count, 2 + 102 + 4)
        var reader = WireReader(writer.bytes)
        let (inner, tail) = try reader.readVector { (r: inout WireReader) throws(CodecError) in
            (try r.readOpaque(), try r.readOpaque())
        }
        try reader.finish()
        XCTAssertEqual(inner, [UInt8](repeating: 7, count: 100))
        XCTAssertEqual(tail, [1, 2, 3])
    }

    func testTypedErrorsPropagateOutOfWriteVector() {
        struct Refusal: Error {}
        var writer = WireWriter()
        XCTAssertThrowsError(try writer.writeVector { (_: inout WireWriter) throws(Refusal) in throw Refusal() })
    }

    func testEncodableConveniences() {
        XCTAssertEqual(UInt16(0x1234).encoded(), [0x12, 0x34])
        XCTAssertEqual([UInt16(1), 2].encoded(), [0x04, 0, 1, 0, 2])
        XCTAssertEqual([UInt8]([9, 8]).encoded(), [0x02, 9, 8])
        XCTAssertEqual(OpaqueBytes([9, 8]).encoded(), [0x02, 9, 8])
        XCTAssertEqual(Optional<UInt8>.none.encoded(), [0x00])
        XCTAssertEqual(Optional<UInt8>.some(5).encoded(), [0x01, 0x05])
        XCTAssertEqual([[UInt8]([1]), []].encoded(), [0x03, 0x01, 0x01, 0x00])
        XCTAssertEqual(LeafIndex(258).encoded(), [0, 0, 1, 2])
    }
}
