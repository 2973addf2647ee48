import XCTest
import MLS

/// Every RFC 9420 message type: random valid values encode, decode to an equal value, and re-encode to
/// the same bytes; PrivateMessageContent (decoded with its content type) and the padding rules.
final class MessagesRoundTripTests: XCTestCase {
    func testEveryMessageTypeRoundTripsRandomValues() {
        var sampler = MessagesSampler(seed: 0x6d65_7373_6167_6573)
        var checked = 0
        for typeCase in messageTypeCases {
            for _ in 0..<150 {
                if let failure = typeCase.roundTrip(&sampler) {
                    XCTFail(failure)
                    break
                }
                checked += 1
            }
        }
        XCTAssertEqual(checked, messageTypeCases.count * 150)
        XCTAssertGreaterThanOrEqual(messageTypeCases.count, 50, "every message type is in the catalog")
    }

    func testPrivateMessageContentRoundTripsWithItsContentType() throws {
        var sampler = MessagesSampler(seed: 7)
        for _ in 0..<300 {
            let content = sampler.privateMessageContent()
            let bytes = content.encoded()
            let decoded = try PrivateMessageContent.decode(bytes, contentType: content.contentType)
            XCTAssertEqual(decoded, content)
            XCTAssertEqual(decoded.encoded(), bytes)
        }
    }

    func testPrivateMessageContentPaddingMustBeZero() throws {
        let content = try PrivateMessageContent(body: .application([1, 2, 3]), auth: FramedContentAuthData(signature: [9, 9]), paddingLength: 4)
        let bytes = content.encoded()
        XCTAssertEqual(bytes, [3, 1, 2, 3, 2, 9, 9, 0, 0, 0, 0])
        for position in 7..<11 {
            var bad = bytes
            bad[position] = 0x80
            XCTAssertThrowsCodecError(.invalidValue, at: position) { _ = try PrivateMessageContent.decode(bad, contentType: .application) }
        }
        // Extra zero bytes are more padding; cutting padding is less.
        XCTAssertEqual(try PrivateMessageContent.decode(bytes + [0, 0], contentType: .application).paddingLength, 6)
        XCTAssertEqual(try PrivateMessageContent.decode(Array(bytes.prefix(7)), contentType: .application).paddingLength, 0)
    }

    func testPrivateMessageContentOfACommitNeedsItsConfirmationTag() throws {
        let commit = Commit(proposals: [.reference(ProposalRef(bytes: [1, 2]))])
        XCTAssertThrowsCodecError(.invalidValue) {
            _ = try PrivateMessageContent(body: .commit(commit), auth: FramedContentAuthData(signature: [1]))
        }
        let content = try PrivateMessageContent(body: .commit(commit), auth: FramedContentAuthData(signature: [1], confirmationTag: [5, 5]))
        let bytes = content.encoded()
        // commit: proposals<V>, path absent; signature<V>; confirmation_tag<V>.
        XCTAssertEqual(bytes, [4, 2, 2, 1, 2, 0, 1, 1, 2, 5, 5])
        XCTAssertEqual(try PrivateMessageContent.decode(bytes, contentType: .commit), content)
        // Read as a proposal, the same bytes are not valid.
        XCTAssertThrowsError(try PrivateMessageContent.decode(bytes, contentType: .proposal))
    }

    func testMangledPrivateMessageContentNeverTrapsAndFailsWithCodecError() {
        var sampler = MessagesSampler(seed: 99)
        var rng = SplitMix64(seed: 1234)
        var decodedCount = 0
        var rejected = 0
        for _ in 0..<4000 {
            let content = sampler.privateMessageContent()
            var bytes = content.encoded()
            if rng.oneIn(2) {
                bytes = Array(bytes.prefix(rng.below(bytes.count + 1)))
            } else if !bytes.isEmpty {
                bytes[rng.below(bytes.count)] ^= UInt8(truncatingIfNeeded: rng.inRange(1...255))
            }
            do {
                let decoded = try PrivateMessageContent.decode(bytes, contentType: content.contentType)
                XCTAssertEqual(decoded.encoded(), bytes, "a decoded plaintext re-encodes to itself")
                decodedCount += 1
            } catch {
                XCTAssertLessThanOrEqual(error.offset, bytes.count)
                rejected += 1
            }
        }
        XCTAssertEqual(decodedCount + rejected, 4000)
        XCTAssertGreaterThan(rejected, 1000)
    }
}
