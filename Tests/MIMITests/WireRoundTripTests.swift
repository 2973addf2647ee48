import Foundation
import MLS
import MLSCrypto
import XCTest
@testable import MIMI

/// Every request and response type encodes and decodes byte-exactly; decoders validate enums and arms.
final class WireRoundTripTests: XCTestCase {
    func testEveryTypeRoundTripsByteExactly() throws {
        var samples = WireSamples(seed: 1)
        for _ in 0..<40 {
            for sample in samples.all() {
                let decoded = try sample.decode(sample.bytes)
                let reencoded = (decoded as! any WireEncodable).encoded()
                XCTAssertEqual(reencoded, sample.bytes, sample.name)
            }
        }
    }

    func testValuesSurviveARoundTrip() throws {
        var samples = WireSamples(seed: 2)
        let request = samples.updateRequest()
        XCTAssertEqual(try MIMIWire.decode(UpdateRequest.self, from: request.encoded()), request)
        let fanout = samples.fanout()
        XCTAssertEqual(try MIMIWire.decode(FanoutMessage.self, from: fanout.encoded()), fanout)
        let response = UpdateRoomResponse(.success(acceptedTimestamp: 1_644_387_225_019))
        XCTAssertEqual(response.encoded(), [0, 0] + [0, 0, 0x01, 0x7e, 0xdd, 0x1d, 0xcd, 0xbb])
    }

    func testConcatenatedFanoutMessagesSplitBack() throws {
        var samples = WireSamples(seed: 3)
        let messages = (0..<5).map { _ in samples.fanout() }
        XCTAssertEqual(try FanoutMessage.decodeConcatenated(FanoutMessage.encodeConcatenated(messages)), messages)
    }

    func testUnknownEnumValuesAreInvalidValue() {
        var samples = WireSamples(seed: 4)
        var bytes = samples.updateRoomResponse().encoded()
        bytes[0] = 4  // UpdateResponseCode has 0...3
        XCTAssertThrowsError(try MIMIWire.decode(UpdateRoomResponse.self, from: bytes)) { error in
            XCTAssertEqual((error as? MIMIError)?.code, .invalidValue)
        }
        var submit = SubmitMessageResponse(.notAllowed).encoded()
        submit[0] = 0  // Protocol reserved(0)
        XCTAssertThrowsError(try MIMIWire.decode(SubmitMessageResponse.self, from: submit))
    }

    func testWrongMessageKindsAreRejected() throws {
        var samples = WireSamples(seed: 5)
        XCTAssertThrowsError(try SubmitMessageRequest(appMessage: samples.privateMessage(.commit), sendingURI: "mimi://a.example/u/x"))
        XCTAssertThrowsError(try CommitBundle(commit: samples.publicMessage(.proposal), welcome: nil, groupInfo: .full(samples.groupInfo()),
                                              ratchetTree: .distributionService))
        XCTAssertThrowsError(try ProposalBundle(proposal: samples.handshake(.proposal), moreProposals: [samples.handshake(.commit)]))
        // An UpdateRequest whose message is application data.
        var writer = WireWriter()
        samples.privateMessage(.application).encode(to: &writer)
        XCTAssertThrowsError(try MIMIWire.decode(UpdateRequest.self, from: writer.bytes)) { error in
            XCTAssertEqual((error as? MIMIError)?.code, .invalidValue)
        }
    }

    func testKeyMaterialResponseRulesAreEnforced() {
        var samples = WireSamples(seed: 6)
        let success = ClientKeyMaterial(clientURI: "mimi://a.example/d/1", outcome: .success(samples.keyPackage()))
        let exhausted = ClientKeyMaterial(clientURI: "mimi://a.example/d/2", outcome: .keyMaterialExhausted)
        XCTAssertThrowsError(try KeyMaterialResponse(userStatus: .noConsent, userURI: "mimi://a.example/u/a", clients: [exhausted]))
        XCTAssertThrowsError(try KeyMaterialResponse(userStatus: .success, userURI: "mimi://a.example/u/a", clients: [success, exhausted]))
        XCTAssertThrowsError(try KeyMaterialResponse(userStatus: .partialSuccess, userURI: "mimi://a.example/u/a", clients: [exhausted]))
        XCTAssertNoThrow(try KeyMaterialResponse(userStatus: .partialSuccess, userURI: "mimi://a.example/u/a", clients: [success, exhausted]))
        XCTAssertThrowsError(try KeyMaterialRequest(requestingUser: "a", targetUser: "b", roomID: "", acceptableCipherSuites: [],
                                                    requiredCapabilities: RequiredCapabilities(), requesterSignatureKey: [],
                                                    requesterCredential: .basic(identity: [])))
    }

    func testSignaturesVerifyAndDetectTampering() throws {
        let crypto = CryptoContext(suite: .x25519Aes128GcmEd25519, actor: OperationMeter().actor("test"), random: SeededRandom(seed: 7))
        let key = try crypto.generateSignatureKey()
        var samples = WireSamples(seed: 7)
        var request = samples.keyMaterialRequest()
        request.requesterSignatureKey = key.publicKey.bytes
        try request.sign(with: key, crypto: crypto)
        try request.verifySignature(crypto: crypto)
        request.targetUser = "mimi://evil.example/u/x"
        XCTAssertThrowsError(try request.verifySignature(crypto: crypto)) { XCTAssertEqual(($0 as? MIMIError)?.code, .crypto) }

        var giRequest = samples.groupInfoRequest()
        giRequest.requestingSignatureKey = key.publicKey.bytes
        try giRequest.sign(with: key, crypto: crypto)
        try giRequest.verifySignature(crypto: crypto)

        var response = samples.groupInfoResponse()
        if response.grant == nil { response = samples.groupInfoResponse() }
        if response.grant != nil {
            response = GroupInfoResponse(roomID: response.roomID, grant: GroupInfoGrant(
                cipherSuite: CipherSuiteID(rawValue: 1), hubSender: ExternalSender(signatureKey: key.publicKey.bytes, credential: .basic(identity: [1])),
                encryptedGroupInfoAndTree: response.grant!.encryptedGroupInfoAndTree))
            try response.sign(with: key, crypto: crypto)
            try response.verifySignature(crypto: crypto)
            XCTAssertEqual(try MIMIWire.decode(GroupInfoResponse.self, from: response.encoded()), response)
        }
    }

    func testGroupInfoAndTreeEncryptForTheRequester() throws {
        let crypto = CryptoContext(suite: .x25519Aes128GcmEd25519, actor: OperationMeter().actor("test"), random: SeededRandom(seed: 8))
        let key = try crypto.generateHPKEKey()
        var samples = WireSamples(seed: 8)
        let plain = GroupInfoRatchetTreeTBE(groupInfo: samples.groupInfo(), ratchetTree: .distributionService,
                                            pendingProposals: [PendingProposal(proposal: samples.publicMessage(.proposal), hubAcceptedTime: 9)])
        let sealed = try plain.encrypt(to: key.publicKey.bytes, roomID: Array("room".utf8), crypto: crypto)
        XCTAssertEqual(try GroupInfoRatchetTreeTBE.decrypt(sealed, with: key, roomID: Array("room".utf8), crypto: crypto), plain)
        XCTAssertThrowsError(try GroupInfoRatchetTreeTBE.decrypt(sealed, with: key, roomID: Array("other".utf8), crypto: crypto)) {
            XCTAssertEqual(($0 as? MIMIError)?.code, .crypto)
        }
    }

    func testEndpointDirectoryJSON() throws {
        let directory = EndpointDirectory.standard(host: "mimi.example.com")
        let decoded = try EndpointDirectory.decode(json: directory.json())
        XCTAssertEqual(decoded, directory)
        XCTAssertEqual(try directory.url(for: .update, "mimi://a.example/r/club"),
                       "https://mimi.example.com/v1/update/mimi%3A%2F%2Fa.example%2Fr%2Fclub")
        XCTAssertEqual(String(decoding: directory.json(), as: UTF8.self), String(decoding: decoded.json(), as: UTF8.self))
        // The draft's own example writes "update{roomId}" without a slash, and omits notify's colon elsewhere.
        let bad = #"{"keyMaterial":"https://m.example/v1/keyMaterial/{targetUser}","update":"https://m.example/v1/update{roomId}","notify":"https://m.example/v1/notify/{roomId}","submitMessage":"https://m.example/v1/submitMessage/{roomId}","groupInfo":"https://m.example/v1/groupInfo/{roomId}"}"#
        XCTAssertThrowsError(try EndpointDirectory.decode(json: Data(bad.utf8))) { XCTAssertEqual(($0 as? MIMIError)?.code, .invalidDirectory) }
        let missing = #"{"keyMaterial":"https://m.example/v1/keyMaterial/{targetUser}"}"#
        XCTAssertThrowsError(try EndpointDirectory.decode(json: Data(missing.utf8))) { XCTAssertEqual(($0 as? MIMIError)?.code, .invalidDirectory) }
        XCTAssertThrowsError(try EndpointDirectory.decode(json: Data("[1,".utf8))) { XCTAssertEqual(($0 as? MIMIError)?.code, .invalidDirectory) }
    }
}
