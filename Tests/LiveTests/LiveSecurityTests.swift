import MIMI
import MLS
import XCTest
@testable import Live

/// The refusals of issue 7: no client certificate, a certificate of another CA, a `From` that is not the
/// certificate's, a `Host` of another provider, a body over the limit, and malformed bodies; none of them
/// changes the provider's state.
final class LiveSecurityTests: XCTestCase {
    func testRefusalsLeaveTheProviderUnchanged() async throws {
        let run = try await startedRun(users: 3, maxBody: 64 << 10)
        try await setUpRoom(run)
        let room = run.plan.rooms[0].uri.uri
        let hub = run.providers["a.example"]!
        let a = hub.address
        let ca = run.ca!, b = run.identities["b.example"]!
        let before = hub.runner.read { $0.stateFingerprint() }
        let url = a.federationBase + LiveRoutes.mimi(.update, room)

        // 1. No client certificate: the TLS handshake fails; no handler runs.
        await assertFails("no client certificate") {
            try await withHTTPClient(LiveTLS.clientAPIClient(ca: ca)) {
                try await HTTPCall.send($0, .POST, url: url, host: "a.example", headers: [(LiveMedia.from, "b.example")], body: [0])
            }
        }
        // 2. A certificate for b.example from another CA.
        let rogue = try RunCertificateAuthority().issue(domain: "b.example", ipAddress: b.ipAddress)
        await assertFails("certificate of another CA") {
            try await withHTTPClient(LiveTLS.federationClient(identity: rogue, ca: ca)) {
                try await HTTPCall.send($0, .POST, url: url, host: "a.example", headers: [(LiveMedia.from, "b.example")], body: [0])
            }
        }
        try await withHTTPClient(LiveTLS.federationClient(identity: b, ca: ca)) { http in
            // 3. From names another provider than the certificate.
            var r = try await HTTPCall.send(http, .POST, url: url, host: "a.example", headers: [(LiveMedia.from, "c.example")], body: [0])
            XCTAssertEqual(r.status, 403)
            XCTAssertTrue(String(decoding: r.body, as: UTF8.self).contains("does not match"))
            // No From at all.
            r = try await HTTPCall.send(http, .POST, url: url, host: "a.example", body: [0])
            XCTAssertEqual(r.status, 403)
            // 4. Host names another provider.
            r = try await HTTPCall.send(http, .POST, url: url, host: "c.example", headers: [(LiveMedia.from, "b.example")], body: [0])
            XCTAssertEqual(r.status, 421)
            // 5. A body over the limit.
            r = try await HTTPCall.send(http, .POST, url: url, host: "a.example", headers: [(LiveMedia.from, "b.example")],
                                        body: [UInt8](repeating: 7, count: (64 << 10) + 1))
            XCTAssertEqual(r.status, 413)
            // 6. Malformed bodies of every endpoint that takes one: 400 with the typed error, or a refusal.
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            var badRequests = 0
            for endpoint in [MIMIEndpoint.update, .notify, .submitMessage, .groupInfo, .keyMaterial] {
                for size in [0, 1, 7, 300] {
                    let body = (0..<size).map { _ -> UInt8 in
                        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                        return UInt8(truncatingIfNeeded: state >> 56)
                    }
                    let target = endpoint == .keyMaterial ? "mimi://a.example/u/nobody" : room
                    r = try await HTTPCall.send(http, .POST, url: a.federationBase + LiveRoutes.mimi(endpoint, target), host: "a.example",
                                                headers: [(LiveMedia.from, "b.example")], body: body)
                    XCTAssertTrue([400, 403, 404].contains(r.status), "\(endpoint) \(size) bytes: \(r.status)")
                    if r.status == 400 { badRequests += 1; XCTAssertFalse(r.body.isEmpty, "a 400 carries the typed error") }
                }
            }
            XCTAssertGreaterThanOrEqual(badRequests, 10)
            // An unknown endpoint.
            r = try await HTTPCall.send(http, .POST, url: a.federationBase + "/v1/nope/x", host: "a.example", headers: [(LiveMedia.from, "b.example")])
            XCTAssertEqual(r.status, 404)
        }
        // A client API request naming a client of another provider.
        try await withHTTPClient(LiveTLS.clientAPIClient(ca: ca)) { http in
            let r = try await HTTPCall.send(http, .POST, url: a.clientBase + LiveRoutes.client(.submitMessage, room), host: "a.example",
                                            headers: [(LiveMedia.client, "mimi://b.example/d/someone.1")], body: [1, 2, 3])
            XCTAssertEqual(r.status, 403)
        }
        let after = hub.runner.read { $0.stateFingerprint() }
        XCTAssertEqual(before, after, "refused requests left the hub's state as it was")
        await run.shutdown()
    }

    private func assertFails(_ what: String, _ body: () async throws -> Any, file: StaticString = #filePath, line: UInt = #line) async {
        do {
            let r = try await body()
            XCTFail("\(what): expected a TLS failure, got \(r)", file: file, line: line)
        } catch {}
    }
}
