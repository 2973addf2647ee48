import XCTest
import MLS

/// The ways `fuzzDecoder` derives inputs from valid sample encodings.
enum FuzzStrategy: String, CaseIterable {
    /// Random bytes of random length (0...80), half of them starting with a sample's first bytes.
    case randomBytes
    /// A valid encoding cut short (a strict prefix): must fail with `truncated`.
    case truncation
    /// A valid encoding followed by 1...4 extra bytes: must fail with `trailingBytes`.
    case trailingBytes
    /// A length field rewritten: non-minimal forms, lengths beyond the input, the reserved `0b11` prefix.
    case lengthCorruption
    /// One to three random bytes of a valid encoding overwritten.
    case byteCorruption
}

/// What the decoder did with the inputs of one strategy.
struct FuzzOutcome {
    /// Inputs tried.
    var cases = 0
    /// Inputs that decoded (and then re-encoded to the same bytes).
    var decoded = 0
    /// Rejected inputs per error code, in `CodecError.Code.allCases` order.
    var rejected = [Int](repeating: 0, count: CodecError.Code.allCases.count)

    /// Inputs rejected with `code`.
    func count(_ code: CodecError.Code) -> Int { rejected[CodecError.Code.allCases.firstIndex(of: code)!] }

    mutating func record(_ code: CodecError.Code) { rejected[CodecError.Code.allCases.firstIndex(of: code)!] += 1 }
}

/// Feeds a decoder `cases` inputs per strategy derived from `samples` (valid encodings) with a seeded generator.
///
/// Asserts, for every input: decoding returns or throws `CodecError` (typed throws: it cannot throw anything
/// else, and a trap would kill the test); a decoded value re-encodes to exactly the input (the encoding is
/// canonical, so non-minimal lengths must have been rejected); a failed `WireReader.read` leaves the reader
/// at offset 0; prefixes fail with `truncated` and extended inputs with `trailingBytes`. Also asserts that
/// every sample decodes and re-encodes to itself. Reusable for every message type: pass a few encodings.
@discardableResult
func fuzzDecoder<T: WireCodable>(_ type: T.Type, samples: [[UInt8]], seed: UInt64, cases: Int = 10_000,
                                 file: StaticString = #filePath, line: UInt = #line) -> [FuzzStrategy: FuzzOutcome] {
    precondition(!samples.isEmpty, "fuzzDecoder needs at least one valid sample encoding")
    var failures = 0
    func fail(_ message: String) {
        failures += 1
        if failures <= 5 { XCTFail("\(T.self): \(message)", file: file, line: line) }
    }
    for sample in samples {
        do {
            let value = try T.decode(sample)
            if value.encoded() != sample { fail("sample \(hex(sample)) does not re-encode to itself") }
        } catch {
            fail("sample \(hex(sample)) does not decode: \(error)")
        }
    }

    var rng = SplitMix64(seed: seed)
    var outcomes: [FuzzStrategy: FuzzOutcome] = [:]
    for strategy in FuzzStrategy.allCases {
        var outcome = FuzzOutcome()
        var produced = 0
        var attempts = 0
        while produced < cases && attempts < cases * 20 {
            attempts += 1
            guard let input = makeInput(strategy, samples: samples, rng: &rng) else { continue }
            produced += 1
            outcome.cases += 1
            var reader = WireReader(input)
            do {
                let value = try reader.read(T.self)
                try reader.finish()
                outcome.decoded += 1
                let again = value.encoded()
                if again != input { fail("\(strategy) input \(hex(input)) decoded but re-encodes to \(hex(again))") }
                if strategy == .truncation || strategy == .trailingBytes {
                    fail("\(strategy) input \(hex(input)) was accepted")
                }
            } catch {
                outcome.record(error.code)
                if error.offset < 0 || error.offset > input.count {
                    fail("error offset \(error.offset) outside the \(input.count)-byte input: \(error)")
                }
                if error.code != .trailingBytes && reader.offset != 0 {
                    fail("a failed read moved the reader to \(reader.offset): \(error)")
                }
                if strategy == .truncation && error.code != .truncated {
                    fail("prefix \(hex(input)) failed with \(error) instead of truncated")
                }
                if strategy == .trailingBytes && error.code != .trailingBytes {
                    fail("extended input \(hex(input)) failed with \(error) instead of trailingBytes")
                }
            }
        }
        outcomes[strategy] = outcome
    }
    return outcomes
}

/// One input for `strategy`, or nil when the chosen sample cannot produce one (for example an empty sample).
private func makeInput(_ strategy: FuzzStrategy, samples: [[UInt8]], rng: inout SplitMix64) -> [UInt8]? {
    let sample = samples[rng.below(samples.count)]
    switch strategy {
    case .randomBytes:
        var input = rng.bytes(rng.inRange(0...80))
        if rng.oneIn(2), !sample.isEmpty {
            let keep = rng.inRange(1...min(sample.count, 8))
            input = Array(sample.prefix(keep)) + input
        }
        return input
    case .truncation:
        guard !sample.isEmpty else { return nil }
        return Array(sample.prefix(rng.below(sample.count)))
    case .trailingBytes:
        return sample + rng.bytes(rng.inRange(1...4))
    case .lengthCorruption:
        guard !sample.isEmpty else { return nil }
        return corruptLength(sample, at: rng.oneIn(2) ? 0 : rng.below(sample.count), rng: &rng)
    case .byteCorruption:
        guard !sample.isEmpty else { return nil }
        var input = sample
        for _ in 0..<rng.inRange(1...3) {
            input[rng.below(input.count)] = UInt8(truncatingIfNeeded: rng.next())
        }
        return input == sample ? nil : input
    }
}

/// Rewrites the bytes at `position` as if they were a length: a longer (non-minimal) form of the same
/// value, a length larger than the input, or the reserved prefix.
private func corruptLength(_ sample: [UInt8], at position: Int, rng: inout SplitMix64) -> [UInt8] {
    var reader = WireReader(sample[position...])
    let parsed = try? reader.readVarInt()
    let headerSize = parsed.map { VarInt.encodedSize(of: $0)! } ?? 1
    let value = parsed ?? Int(sample[position] & 0x3f)
    var replacement: [UInt8]
    switch rng.below(3) {
    case 0 where value < (1 << 14): // Non-minimal: the same value in a longer form.
        if value < (1 << 6) && rng.oneIn(2) {
            replacement = [0x40, UInt8(value)]
        } else {
            replacement = [0x80, 0, UInt8(value >> 8), UInt8(value & 0xff)]
        }
    case 0, 1: // Over-long: more content than the input holds.
        let tooLong = min(sample.count - position + 1 + rng.below(1 << 20), VarInt.maxValue)
        replacement = try! VarInt.encode(tooLong)
    default: // Reserved prefix 0b11.
        replacement = [0xC0 | UInt8(rng.below(64))]
        replacement += sample[(position + 1)..<(position + headerSize)]
    }
    var input = sample
    input.replaceSubrange(position..<(position + headerSize), with: replacement)
    return input
}

/// Lowercase hex of at most the first 40 bytes, for failure messages.
func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef")
    var text = String(bytes.prefix(40).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] })
    if bytes.count > 40 { text += "…(\(bytes.count) bytes)" }
    return text
}
