import XCTest
@testable import MLS

/// `AppDataDictionary.componentData(_:inEncoded:)` answers exactly as decoding the whole dictionary and
/// reading the component: the same data, or the same error, for valid, truncated and mutated encodings.
final class AppDataLookupTests: XCTestCase {
    func testLookupAgreesWithFullDecode() {
        var dictionary = AppDataDictionary()
        dictionary.set(ComponentID(rawValue: 1), Array(repeating: 7, count: 300))
        dictionary.set(ComponentID(rawValue: 5), [1, 2, 3])
        dictionary.set(ComponentID(rawValue: 9), [])
        let valid = dictionary.encoded()
        var inputs: [[UInt8]] = [valid, AppDataDictionary().encoded(), [], [0x00], [0x40]]
        for cut in 0..<valid.count { inputs.append(Array(valid.prefix(cut))) }
        var generator = SplitMix64(seed: 42)
        for _ in 0..<2000 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            inputs.append(bytes)
        }
        inputs.append(valid + [0])
        // Unsorted and repeated IDs.
        var writer = WireWriter()
        writer.writeVector { (w: inout WireWriter) in
            ComponentData(componentID: ComponentID(rawValue: 5), data: [1]).encode(to: &w)
            ComponentData(componentID: ComponentID(rawValue: 1), data: [2]).encode(to: &w)
        }
        inputs.append(writer.bytes)
        for bytes in inputs {
            for id in [1, 5, 9, 4].map({ ComponentID(rawValue: UInt16($0)) }) {
                let expected: Result<[UInt8]?, CodecError>
                do { expected = .success(try AppDataDictionary.decode(bytes)[id]) } catch { expected = .failure(error) }
                let actual: Result<[UInt8]?, CodecError>
                do { actual = .success(try AppDataDictionary.componentData(id, inEncoded: bytes)) } catch { actual = .failure(error) }
                switch (expected, actual) {
                case (.success(let a), .success(let b)):
                    XCTAssertEqual(a, b, "\(bytes)")
                case (.failure(let a), .failure(let b)):
                    XCTAssertEqual(a.code, b.code, "\(bytes)")
                    XCTAssertEqual(a.offset, b.offset, "\(bytes)")
                    XCTAssertEqual(a.message, b.message, "\(bytes)")
                default:
                    XCTFail("decode \(expected) but lookup \(actual) for \(bytes)")
                }
            }
        }
    }
}
