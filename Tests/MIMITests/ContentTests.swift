import MLSCrypto
import XCTest
@testable import MIMI

/// MIMI content: building, encoding, message IDs, and schema violations rejected with typed errors.
final class ContentTests: XCTestCase {
    let crypto = CryptoContext(suite: .x25519Aes128GcmEd25519, actor: OperationMeter().actor("test"), random: SeededRandom(seed: 1))

    private func message(body: NestedPart = NestedPart(disposition: .render, content: .single(contentType: "text/plain", content: Array("hi".utf8)))) throws -> MimiContent {
        try MimiContent(salt: Array(repeating: 7, count: 16), topicId: Array("t".utf8), expires: .init(relative: true, time: 60),
                        extensions: try ContentExtensions(senderURI: "mimi://a.example/u/alice", roomURI: "mimi://hub.example/r/1"), body: body)
    }

    func testRoundTripAndMessageIdDependsOnEveryInput() throws {
        let content = try message()
        let decoded = try MimiContent.decode(content.encoded())
        XCTAssertEqual(decoded, content)
        let id = try content.messageId(crypto: crypto)
        XCTAssertEqual(id.hashAlgorithm, MessageId.sha256Algorithm)
        XCTAssertNotEqual(try content.messageId(roomURI: "mimi://hub.example/r/2", crypto: crypto), id)
        XCTAssertNotEqual(try content.messageId(senderURI: "mimi://a.example/u/bob", crypto: crypto), id)
        var replying = content
        replying.inReplyTo = id
        XCTAssertNotEqual(try replying.messageId(crypto: crypto), id)
        XCTAssertEqual(try MimiContent.decode(replying.encoded()).inReplyTo, id)
    }

    func testPartIndexesAreDepthFirst() throws {
        let leaf = { (n: UInt8) in NestedPart(disposition: .inline, content: .single(contentType: "image/gif", content: [n])) }
        let inner = NestedPart(disposition: .render, content: .multi(.chooseOne, parts: [leaf(1), leaf(2)]))
        let body = NestedPart(disposition: .render, content: .multi(.processAll, parts: [inner, leaf(3)]))
        XCTAssertEqual(body.partCount, 5)
        XCTAssertEqual(body.part(at: 3), leaf(2))
        XCTAssertEqual(body.part(at: 4), leaf(3))
        XCTAssertNil(body.part(at: 5))
    }

    func testNestingBeyondFourLevelsIsTooDeep() throws {
        var part = NestedPart(disposition: .render, content: .null)
        for _ in 0..<3 { part = NestedPart(disposition: .render, content: .multi(.processAll, parts: [part, part])) }
        XCTAssertNoThrow(try message(body: part))  // 4 levels
        part = NestedPart(disposition: .render, content: .multi(.processAll, parts: [part, part]))
        XCTAssertThrowsError(try message(body: part)) { XCTAssertEqual(($0 as? MIMIError)?.code, .tooDeep) }
    }

    func testSchemaViolationsAreInvalidContent() throws {
        let good = try message().cbor
        guard case .array(var items) = good else { return XCTFail() }
        func rejects(_ mutate: (inout [CBOR]) -> Void, _ line: UInt = #line) {
            var copy = items
            mutate(&copy)
            XCTAssertThrowsError(try MimiContent.decode(CBOR.array(copy).encoded()), line: line) {
                XCTAssertEqual(($0 as? MIMIError)?.code, .invalidContent, "\($0)", line: line)
            }
        }
        rejects { $0[0] = .bytes([1, 2, 3]) }                                    // salt size
        rejects { $0[1] = .bytes(Array(repeating: 1, count: 31)) }               // replaces size
        rejects { $0[3] = .array([.bool(false), .unsigned(1 << 32)]) }           // expires beyond uint32
        rejects { $0[5] = .map([CBORMapEntry(.unsigned(1), .unsigned(5))]) }     // senderUri not text
        rejects { $0[5] = .map([CBORMapEntry(.text(""), .null)]) }               // empty text key
        rejects { $0[6] = .array([.unsigned(1), .text(""), .unsigned(4)]) }      // unknown cardinality
        rejects { $0[6] = .array([.unsigned(256), .text(""), .unsigned(0)]) }    // disposition > 255
        rejects { $0[6] = .array([.unsigned(1), .text(""), .unsigned(3), .unsigned(0), .array([.array([.unsigned(1), .text(""), .unsigned(0)])])]) }  // multi with 1 part
        rejects { $0.removeLast() }                                               // 6 elements
        items[6] = .array([.unsigned(1), .text(""), .unsigned(3), .unsigned(7), .array([])])
        rejects { _ in }                                                          // unknown part semantics
    }

    func testExtensionValuesDeeperThanFourLevelsAreRejected() throws {
        let ok = CBOR.array([.array([.tagged(32, .text("http://example.com"))])])  // levels 2, 3, 4 (the map is 1)
        XCTAssertNoThrow(try ContentExtensions(other: [CBORMapEntry(.unsigned(256), ok)]))
        let deep = CBOR.array([.array([.array([.array([.unsigned(1)])])])])  // levels 2-5
        XCTAssertThrowsError(try ContentExtensions(other: [CBORMapEntry(.unsigned(256), deep)])) { XCTAssertEqual(($0 as? MIMIError)?.code, .tooDeep) }
        let floatKey = CBOR.map([CBORMapEntry(.float(1.5), .null)])
        XCTAssertThrowsError(try ContentExtensions(other: [CBORMapEntry(.unsigned(300), floatKey)]))
    }
}
