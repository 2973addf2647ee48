import XCTest
import MLS

/// Seeded fuzzing of every RFC 9420 message decoder with `fuzzDecoder`: random bytes, truncations, trailing
/// bytes, corrupted lengths and corrupted bytes of valid encodings (generated ones and, when the shared
/// vectors are present, official ones). Every input gives a value that re-encodes to itself or a `CodecError`.
final class MessagesFuzzTests: XCTestCase {
    func testEveryMessageDecoderRejectsMangledInputWithCodecError() {
        var sampler = MessagesSampler(seed: 0xf022)
        var total = 0
        var rejected = 0
        for (index, typeCase) in messageTypeCases.enumerated() {
            let samples = typeCase.samples(&sampler, 6) + (typeCase.vectorField.map { officialMessageSamples($0) } ?? [])
            let outcomes = typeCase.fuzz(samples, 0x5eed_0000 + UInt64(index), 1000)
            let truncation = outcomes[.truncation]!
            XCTAssertEqual(truncation.count(.truncated), truncation.cases, "\(typeCase.name): every prefix is truncated")
            let trailing = outcomes[.trailingBytes]!
            XCTAssertEqual(trailing.count(.trailingBytes), trailing.cases, "\(typeCase.name): every extension has trailing bytes")
            for outcome in outcomes.values {
                total += outcome.cases
                rejected += outcome.cases - outcome.decoded
            }
        }
        XCTAssertEqual(total, messageTypeCases.count * FuzzStrategy.allCases.count * 1000)
        XCTAssertGreaterThan(rejected, total / 2)
    }

    func testOfficialSamplesArePresentWhenTheSharedVectorsAre() throws {
        let samples = officialMessageSamples("mls_messages")
        try XCTSkipIf(samples.isEmpty, "shared vectors not found; the fuzz test ran on generated samples only")
        XCTAssertEqual(samples.count, 28)
        for sample in samples {
            XCTAssertEqual(try MLSMessage.decode(sample).encoded(), sample)
        }
    }
}
