import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// One HTTPS exchange with AsyncHTTPClient: the connection goes to the URL's IP address, `Host` names the
/// provider the request is for.
enum HTTPCall {
    /// The largest response body read (larger ones fail the exchange).
    static let maxResponse = 64 << 20

    /// Sends `method url` with `body` and returns the status code and body.
    static func send(_ client: HTTPClient, _ method: HTTPMethod, url: String, host: String, headers: [(String, String)] = [],
                     body: [UInt8] = [], timeout: TimeAmount = .seconds(30)) async throws -> (status: Int, body: [UInt8]) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Host", value: host)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if method == .POST {
            request.headers.add(name: "Content-Type", value: LiveMedia.binary)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(request, timeout: timeout)
        var buffer = try await response.body.collect(upTo: maxResponse)
        return (Int(response.status.code), buffer.readBytes(length: buffer.readableBytes) ?? [])
    }
}
