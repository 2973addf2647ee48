import XCTest
@testable import Vectors

/// crypto-basics (RFC 9420 §5) and the RFC 9180 HPKE vectors, counted exactly.
final class CryptoVectorTests: XCTestCase {
    func testCryptoBasics() throws {
        // Suites 1, 2, 3 pass; 4–7 are reported as skipped (not supported by this build).
        try VectorFiles.assertFile(VectorFiles.mls("crypto-basics.json"), passed: 3, skipped: 4)
    }

    func testHPKEBaseMode() throws {
        // One base-mode entry (with all its sequence numbers and exports); psk, auth, auth_psk skipped.
        try VectorFiles.assertFile(VectorFiles.hpke("rfc9180-dhkem-x25519-hkdf-sha256-aes128gcm.json"), passed: 1, skipped: 3)
    }

    func testATamperedEntryFails() throws {
        let path = try VectorFiles.hpke("rfc9180-dhkem-x25519-hkdf-sha256-aes128gcm.json")
        var text = try String(contentsOfFile: path, encoding: .utf8)
        // Change one ciphertext byte of the base entry: the check must notice.
        let ct = "f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a"
        XCTAssertTrue(text.contains(ct))
        text = text.replacingOccurrences(of: ct, with: "0" + ct.dropFirst())
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("hpke-tampered.json")
        try text.write(to: tmp, atomically: true, encoding: .utf8)
        let reports = try VectorRunner.run(file: tmp.path, kind: VectorKinds.named("hpke"))
        XCTAssertEqual(reports.reduce(0) { $0 + $1.failed }, 1)
    }
}
