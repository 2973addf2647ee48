import XCTest
import MLS

/// Seeded fuzzing of decoders: 10,000 inputs per strategy and type (see `fuzzDecoder`).
final class CodecFuzzTests: XCTestCase {
    func testSplitMix64MatchesTheReferenceSequence() {
        var rng = SplitMix64(seed: 0)
        XCTAssertEqual(rng.next(), 0xe220_a839_7b1d_cdaf)
        XCTAssertEqual(rng.next(), 0x6e78_9e6a_a1b9_65f4)
        var other = SplitMix64(seed: 1234)
        var same = SplitMix64(seed: 1234)
        XCTAssertEqual((0..<5).map { _ in other.below(1000) }, (0..<5).map { _ in same.below(1000) })
    }

    func testFuzzMLSShapedStruct() {
        var rng = SplitMix64(seed: 0x5eed_0001)
        let samples = (0..<40).map { SampleLeafNode.random(&rng, large: $0 % 20 == 0).encoded() }
        let outcomes = fuzzDecoder(SampleLeafNode.self, samples: samples, seed: 0x5eed_0002)
        assertEveryStrategyRan(outcomes)
        // Every strategy must reach the failure modes it is meant to reach.
        XCTAssertEqual(outcomes[.truncation]!.count(.truncated), 10_000)
        XCTAssertEqual(outcomes[.trailingBytes]!.count(.trailingBytes), 10_000)
        let corrupt = outcomes[.lengthCorruption]!
        XCTAssertGreaterThan(corrupt.count(.nonMinimalLength), 500, "\(corrupt)")
        XCTAssertGreaterThan(corrupt.count(.invalidLengthPrefix), 500, "\(corrupt)")
        XCTAssertGreaterThan(corrupt.count(.truncated), 500, "\(corrupt)")
        XCTAssertGreaterThan(outcomes[.byteCorruption]!.count(.invalidValue), 0)
        XCTAssertGreaterThan(outcomes[.byteCorruption]!.decoded, 0, "some corruptions hit payload bytes and still decode")
    }

    func testFuzzOpaqueBytes() {
        var rng = SplitMix64(seed: 0x5eed_0003)
        let sizes = [0, 1, 5, 63, 64, 200, 16_383, 16_384, 17_000]
        let samples = sizes.map { OpaqueBytes(rng.bytes($0)).encoded() }
        let outcomes = fuzzDecoder(OpaqueBytes.self, samples: samples, seed: 0x5eed_0004)
        assertEveryStrategyRan(outcomes)
        XCTAssertGreaterThan(outcomes[.randomBytes]!.decoded, 20, "random bytes with a matching length decode")
        XCTAssertGreaterThan(outcomes[.lengthCorruption]!.count(.nonMinimalLength), 1_000)
    }

    func testFuzzNestedVectors() {
        var rng = SplitMix64(seed: 0x5eed_0005)
        let samples: [[UInt8]] = (0..<30).map { _ in
            let items: [[UInt16]] = (0..<rng.inRange(0...5)).map { _ in (0..<rng.inRange(0...40)).map { _ in UInt16(truncatingIfNeeded: rng.next()) } }
            return items.encoded()
        }
        let outcomes = fuzzDecoder([[UInt16]].self, samples: samples, seed: 0x5eed_0006)
        assertEveryStrategyRan(outcomes)
        XCTAssertGreaterThan(outcomes[.lengthCorruption]!.count(.truncated), 100)
    }

    func testFuzzOptionalsOfExtensions() {
        var rng = SplitMix64(seed: 0x5eed_0007)
        let samples: [[UInt8]] = (0..<30).map { _ in
            let items: [SampleExtension?] = (0..<rng.inRange(0...4)).map { _ in
                rng.oneIn(3) ? nil : SampleExtension(type: UInt16(rng.below(65_536)), data: rng.bytes(rng.inRange(0...90)))
            }
            return items.encoded()
        }
        let outcomes = fuzzDecoder([SampleExtension?].self, samples: samples, seed: 0x5eed_0008)
        assertEveryStrategyRan(outcomes)
        XCTAssertGreaterThan(outcomes[.byteCorruption]!.count(.invalidValue), 0)
    }

    func testFuzzFixedWidthIntegers() {
        let outcomes = fuzzDecoder(UInt32.self, samples: [[0, 0, 0, 0], [0xff, 0xff, 0xff, 0xff], [1, 2, 3, 4]], seed: 0x5eed_0009)
        XCTAssertEqual(outcomes[.truncation]!.count(.truncated), 10_000)
        XCTAssertEqual(outcomes[.trailingBytes]!.count(.trailingBytes), 10_000)
    }

    private func assertEveryStrategyRan(_ outcomes: [FuzzStrategy: FuzzOutcome], file: StaticString = #filePath, line: UInt = #line) {
        for strategy in FuzzStrategy.allCases {
            XCTAssertEqual(outcomes[strategy]?.cases, 10_000, "\(strategy)", file: file, line: line)
        }
    }
}
