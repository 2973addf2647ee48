import NIOSSL
import SwiftASN1
import X509
import XCTest
@testable import Live

/// The run CA's certificates carry exactly the names and usages live mode relies on.
final class RunCertificateAuthorityTests: XCTestCase {
    func testIssuedCertificateHasNamesUsagesAndChainsToTheCA() async throws {
        let ca = try RunCertificateAuthority()
        let identity = try ca.issue(domain: "a.example", ipAddress: "127.0.0.2")
        let cert = identity.certificate
        let extensions = cert.extensions

        let names = try XCTUnwrap(try extensions.subjectAlternativeNames)
        XCTAssertEqual(Array(names), [.dnsName("a.example"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 2]))])
        XCTAssertEqual(try extensions.basicConstraints, .notCertificateAuthority)
        XCTAssertEqual(try extensions.keyUsage, KeyUsage(digitalSignature: true))
        XCTAssertEqual(try extensions.extendedKeyUsage, try ExtendedKeyUsage([.serverAuth, .clientAuth]))
        XCTAssertEqual(cert.issuer, ca.certificate.subject)
        XCTAssertTrue(ca.certificate.publicKey.isValidSignature(cert.signature, for: cert))
        XCTAssertEqual(try PeerIdentity.domains(of: identity.certificateChain[0]), ["a.example"])

        // swift-certificates' verifier agrees: the leaf chains to the CA and is valid for TLS server auth.
        var verifier = Verifier(rootCertificates: CertificateStore([ca.certificate])) {
            RFC5280Policy()
        }
        let result = await verifier.validate(leaf: cert, intermediates: CertificateStore())
        guard case .validCertificate(let chain) = result else { return XCTFail("not valid: \(result)") }
        XCTAssertEqual(chain.count, 2)

        // The CA is a CA, and NIOSSL reads back the same DER.
        XCTAssertEqual(try ca.certificate.extensions.basicConstraints, .isCertificateAuthority(maxPathLength: 0))
        XCTAssertEqual(try ca.rootCertificate.toDERBytes(), ca.certificateDER)
        XCTAssertEqual(try identity.certificateChain[0].toDERBytes(), identity.certificateDER)
    }

    func testIPv6AddressAndBadArguments() throws {
        let ca = try RunCertificateAuthority()
        let v6 = try ca.issue(domain: "c.example", ipAddress: "::1")
        let names = try XCTUnwrap(try v6.certificate.extensions.subjectAlternativeNames)
        XCTAssertEqual(Array(names).last, .ipAddress(ASN1OctetString(contentBytes: ArraySlice([UInt8](repeating: 0, count: 15) + [1]))))

        XCTAssertThrowsError(try ca.issue(domain: "a.example", ipAddress: "127.0.0.300")) { error in
            XCTAssertEqual((error as? LiveError)?.code, .invalidArgument)
        }
        XCTAssertThrowsError(try ca.issue(domain: "", ipAddress: "127.0.0.2")) { error in
            XCTAssertEqual((error as? LiveError)?.code, .invalidArgument)
        }
    }
}
