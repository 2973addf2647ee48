import NIOCore
import NIOHTTP1
import NIOSSL

/// Collects one HTTP/1.1 request at a time (the pipeline's pipelining assistance keeps responses in order),
/// refuses bodies over the limit with 413 without buffering them, and hands whole requests to the responder.
final class HTTPRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let maxBody: Int
    private let responder: LiveResponder
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var tooLarge = false
    /// The client certificate's DNS names, read once per connection.
    private var peerDomains: [String]?

    init(maxBody: Int, responder: @escaping LiveResponder) {
        self.maxBody = maxBody
        self.responder = responder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body = []
            tooLarge = h.headers.first(name: "Content-Length").flatMap(Int.init).map { $0 > maxBody } ?? false
        case .body(var buffer):
            guard !tooLarge else { return }
            if body.count + buffer.readableBytes > maxBody {
                tooLarge = true
                body = []
            } else if let bytes = buffer.readBytes(length: buffer.readableBytes) {
                body += bytes
            }
        case .end:
            guard let head else { return }
            self.head = nil
            if tooLarge {
                write(LiveResponse.text(.payloadTooLarge, "body over the limit of \(maxBody) bytes"), keepAlive: false, context: context)
                return
            }
            let path = String(head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            let request = LiveRequest(method: head.method, path: path, headers: head.headers, body: body,
                                      peerDomains: peerDomains(context))
            body = []
            let keepAlive = head.isKeepAlive
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            let responder = self.responder
            let loop = context.eventLoop
            Task {
                let response = await responder(request)
                loop.execute {
                    let (handler, context) = bound.value
                    handler.write(response, keepAlive: keepAlive, context: context)
                }
            }
        }
    }

    private func write(_ response: LiveResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = response.headers
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: response.status, headers: headers))), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: response.body.count)
        buffer.writeBytes(response.body)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        let done = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: done)
        if !keepAlive { done.futureResult.whenComplete { [channel = context.channel] _ in channel.close(promise: nil) } }
    }

    /// The DNS subjectAltNames of the verified peer certificate (TLS has verified the chain to the run CA).
    private func peerDomains(_ context: ChannelHandlerContext) -> [String] {
        if let peerDomains { return peerDomains }
        let tls = try? context.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self)
        let names = (tls?.peerCertificate).flatMap { try? PeerIdentity.domains(of: $0) } ?? []
        peerDomains = names
        return names
    }
}
