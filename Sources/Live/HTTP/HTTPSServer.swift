import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One HTTPS/1.1 listener on SwiftNIO: TLS by swift-nio-ssl (requiring a client certificate when the TLS
/// configuration says so), HTTP/1.1 with pipelining assistance, whole-body requests up to a limit (413 above it).
public final class HTTPSServer: Sendable {
    /// The listening channel.
    let channel: any Channel
    /// The address it listens on.
    public let host: String
    /// The port it got (ephemeral when asked for 0).
    public let port: Int

    private init(channel: any Channel, host: String, port: Int) {
        self.channel = channel
        self.host = host
        self.port = port
    }

    /// Binds `host:port` (0 for any free port) and serves requests with `responder`.
    public static func start(host: String, port: Int = 0, tls: TLSConfiguration, maxBody: Int, group: any EventLoopGroup,
                             responder: @escaping LiveResponder) async throws -> HTTPSServer {
        let context: NIOSSLContext
        do { context = try NIOSSLContext(configuration: tls) } catch {
            throw LiveError(.tlsConfiguration, "cannot make the TLS context for \(host)", underlying: error)
        }
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(ChannelOptions.backlog, value: 512)
                .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let sync = channel.pipeline.syncOperations
                        try sync.addHandler(NIOSSLServerHandler(context: context))
                        try sync.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true)
                        try sync.addHandler(HTTPRequestHandler(maxBody: maxBody, responder: responder))
                    }
                }
                .bind(host: host, port: port).get()
            guard let bound = channel.localAddress?.port else { throw LiveError(.serverStart, "no local port for \(host)") }
            return HTTPSServer(channel: channel, host: host, port: bound)
        } catch let error as LiveError {
            throw error
        } catch {
            throw LiveError(.serverStart, "cannot listen on \(host):\(port)", underlying: error)
        }
    }

    /// `https://host:port`.
    public var baseURL: String { "https://\(host):\(port)" }

    /// Stops accepting connections (open connections end with the event loop group).
    public func close() async {
        try? await channel.close()
    }
}
