import NIOSSL
import X509

/// Who is on the other end of a TLS connection: the SAN dNSNames of the certificate the peer presented.
///
/// On a `LiveTLS.federationServer` connection BoringSSL has already verified that certificate against the
/// run CA before the first request byte is decrypted, so the names it returns are authenticated.
/// On a connection whose configuration does not verify client certificates they are not: use it only there.
public enum PeerIdentity {
    /// The SAN dNSNames (lowercased, in certificate order) of `certificate`; empty if it has none.
    public static func domains(of certificate: NIOSSLCertificate) throws(LiveError) -> [String] {
        do {
            let parsed = try Certificate(derEncoded: certificate.toDERBytes())
            guard let names = try parsed.extensions.subjectAlternativeNames else { return [] }
            return names.compactMap { name in
                if case .dnsName(let dns) = name { return dns.lowercased() }
                return nil
            }
        } catch {
            throw LiveError(.certificate, "cannot read the subject alternative names of the peer certificate",
                            underlying: error)
        }
    }
}
