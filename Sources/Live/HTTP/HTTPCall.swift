import AsyncHTTPClient
import MIMI
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

    /// A state machine's request as a POST, retried up to 5 times on transport failure (TCP's reliability,
    /// which the MIMI draft assumes); the answer as the machine's response status and body. When every
    /// attempt fails, `failed` gets the last error and the machine gets a 400 saying so.
    static func exchange(_ client: HTTPClient, url: String, host: String, headers: [(String, String)], body: [UInt8],
                         failed: (any Error) -> Void) async -> (ResponseStatus, [UInt8]) {
        var attempt = 0
        while true {
            do {
                let r = try await send(client, .POST, url: url, host: host, headers: headers, body: body)
                return (ResponseStatus(rawValue: UInt16(clamping: r.status)) ?? .badRequest, r.body)
            } catch {
                attempt += 1
                guard attempt < 5 else {
                    failed(error)
                    return (.badRequest, Array("transport: \(error)".utf8))
                }
                try? await Task.sleep(for: .milliseconds(25 << attempt))
            }
        }
    }
}
