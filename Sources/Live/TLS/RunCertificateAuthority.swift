import Crypto
import NIOSSL
import SwiftASN1
import X509
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A certificate authority created fresh for one live run: ECDSA P-256, self-signed, held only in memory.
///
/// Every provider's identity is issued by it, and every TLS configuration of the run trusts it and nothing
/// else (no system roots). This is the one place live mode reads the wall clock for certificates: validity
/// runs from `now - 1 h` to `now + 1 day`, so a clock that is slightly off does not break a run.
///
/// ```swift
/// let ca = try RunCertificateAuthority()
/// let a = try ca.issue(domain: "a.example", ipAddress: "127.0.0.2")
/// ```
public struct RunCertificateAuthority: Sendable {
    /// The CA's self-signed root certificate.
    public let certificate: Certificate
    /// The root certificate, DER-encoded.
    public let certificateDER: [UInt8]
    /// The root certificate for NIOSSL (`trustRoots`).
    public let rootCertificate: NIOSSLCertificate
    /// The first instant the CA and every certificate it issues are valid.
    public let notValidBefore: Date
    /// The last instant the CA and every certificate it issues are valid.
    public let notValidAfter: Date
    private let privateKey: P256.Signing.PrivateKey

    /// Creates a new CA named `commonName`, valid from `now - 1 h` to `now + 1 day` (`now` defaults to the wall clock).
    public init(commonName: String = "MIMISim run CA", now: Date = Date()) throws(LiveError) {
        let key = P256.Signing.PrivateKey()
        let notBefore = now - 3600
        let notAfter = now + 86_400
        do {
            let name = try DistinguishedName { CommonName(commonName) }
            let publicKey = Certificate.PublicKey(key.publicKey)
            let cert = try Certificate(
                version: .v3,
                serialNumber: Certificate.SerialNumber(),
                publicKey: publicKey,
                notValidBefore: notBefore,
                notValidAfter: notAfter,
                issuer: name,
                subject: name,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                    Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                    SubjectKeyIdentifier(hash: publicKey)
                },
                issuerPrivateKey: Certificate.PrivateKey(key)
            )
            let der = try Self.derBytes(of: cert)
            self.certificate = cert
            self.certificateDER = der
            self.rootCertificate = try NIOSSLCertificate(bytes: der, format: .der)
        } catch {
            throw LiveError(.certificate, "cannot create the run CA \"\(commonName)\"", underlying: error)
        }
        self.privateKey = key
        self.notValidBefore = notBefore
        self.notValidAfter = notAfter
    }

    /// The trust roots every configuration of the run uses: this CA only.
    public var trustRoots: NIOSSLTrustRoots { .certificates([rootCertificate]) }

    /// Issues a provider identity: SAN dNSName `domain` and SAN iPAddress `ipAddress`, key usage
    /// digitalSignature, EKU serverAuth + clientAuth, not a CA, with a fresh P-256 key.
    public func issue(domain: String, ipAddress: String) throws(LiveError) -> TLSIdentity {
        guard !domain.isEmpty, domain.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") })
        else { throw LiveError(.invalidArgument, "domain \"\(domain)\" is not a DNS name") }
        guard let ipBytes = IPAddressBytes.parse(ipAddress) else {
            throw LiveError(.invalidArgument, "\"\(ipAddress)\" is not an IPv4 or IPv6 address")
        }
        let key = P256.Signing.PrivateKey()
        do {
            let publicKey = Certificate.PublicKey(key.publicKey)
            let subject = try DistinguishedName { CommonName(domain) }
            let caKeyID = try certificate.extensions.subjectKeyIdentifier?.keyIdentifier
            let cert = try Certificate(
                version: .v3,
                serialNumber: Certificate.SerialNumber(),
                publicKey: publicKey,
                notValidBefore: notValidBefore,
                notValidAfter: notValidAfter,
                issuer: certificate.subject,
                subject: subject,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true))
                    try ExtendedKeyUsage([.serverAuth, .clientAuth])
                    SubjectAlternativeNames([
                        .dnsName(domain),
                        .ipAddress(ASN1OctetString(contentBytes: ArraySlice(ipBytes))),
                    ])
                    SubjectKeyIdentifier(hash: publicKey)
                    if let caKeyID { AuthorityKeyIdentifier(keyIdentifier: caKeyID) }
                },
                issuerPrivateKey: Certificate.PrivateKey(privateKey)
            )
            let certDER = try Self.derBytes(of: cert)
            let keyDER = Array(key.derRepresentation)
            return TLSIdentity(
                domain: domain,
                ipAddress: ipAddress,
                certificate: cert,
                certificateChain: [try NIOSSLCertificate(bytes: certDER, format: .der)],
                privateKey: try NIOSSLPrivateKey(bytes: keyDER, format: .der),
                certificateDER: certDER,
                privateKeyDER: keyDER
            )
        } catch {
            throw LiveError(.certificate, "cannot issue a certificate for \(domain) (\(ipAddress))", underlying: error)
        }
    }

    private static func derBytes(of certificate: Certificate) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }
}
