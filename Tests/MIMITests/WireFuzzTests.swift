import MLS
import XCTest
@testable import MIMI

/// Seeded bad input: truncations and byte mutations of every request and response type give typed errors
/// (or, for a mutation that still forms a valid value, a value that re-encodes to the mutated bytes).
final class WireFuzzTests: XCTestCase {
    func testTruncatedAndMutatedEncodingsGiveTypedErrors() {
        var samples = WireSamples(seed: 0x5eed)
        var rng = SplitMix64(seed: 99)
        var cases = 0, rejected = 0
        for _ in 0..<30 {
            for sample in samples.all() {
                // Every strict prefix is truncated input.
                for length in stride(from: 0, to: sample.bytes.count, by: max(1, sample.bytes.count / 12)) {
                    cases += 1
                    do {
                        _ = try sample.decode(Array(sample.bytes.prefix(length)))
                        XCTFail("\(sample.name) decoded from a \(length)-byte prefix of \(sample.bytes.count)")
                    } catch {
                        rejected += 1
                        XCTAssertTrue([.malformedWire, .invalidValue].contains(error.code), "\(sample.name): \(error)")
                    }
                }
                // Random byte flips, insertions and deletions.
                for _ in 0..<8 {
                    var bytes = sample.bytes
                    let at = rng.below(bytes.count)
                    switch rng.below(3) {
                    case 0: bytes[at] ^= UInt8(1 + rng.below(255))
                    case 1: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: at)
                    default: bytes.remove(at: at)
                    }
                    cases += 1
                    do {
                        let value = try sample.decode(bytes)
                        XCTAssertEqual((value as! any WireEncodable).encoded(), bytes, "\(sample.name): an accepted mutation must re-encode exactly")
                    } catch {
                        rejected += 1
                        XCTAssertTrue([.malformedWire, .invalidValue].contains(error.code), "\(sample.name): \(error)")
                    }
                }
            }
        }
        XCTAssertGreaterThanOrEqual(cases, 5000)
        XCTAssertGreaterThan(rejected, cases / 2)
        print("wire fuzz: \(cases) cases, \(rejected) rejected with typed errors")
    }
}
