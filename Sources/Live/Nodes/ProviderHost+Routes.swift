import MIMI
import NIOHTTP1

extension ProviderHost {
    /// The federation listener (mutual TLS): the directory and the draft's endpoints. Refuses a request whose
    /// `From` is missing or not a DNS name of the verified client certificate (403), whose `Host` is another
    /// provider (421), or whose path is no endpoint (404); the machine answers everything else (400 with the
    /// typed error for a malformed body, leaving its state as it was).
    func serveFederation(_ request: LiveRequest) async -> LiveResponse {
        if request.path == LiveRoutes.directory {
            guard request.method == .GET else { return .text(.methodNotAllowed, "the directory is GET only") }
            return LiveResponse(.ok, body: [UInt8](EndpointDirectory.standard(host: domain).json()), contentType: LiveMedia.json)
        }
        guard !request.peerDomains.isEmpty else { return .text(.forbidden, "no verified client certificate") }
        guard let from = request.headers.first(name: LiveMedia.from)?.lowercased() else {
            return .text(.forbidden, "missing From header")
        }
        guard request.peerDomains.contains(from) else {
            return .text(.forbidden, "From \(from) does not match the client certificate (\(request.peerDomains.joined(separator: ", ")))")
        }
        if let refusal = checkHost(request) { return refusal }
        guard let (endpoint, parameter) = LiveRoutes.parseMIMI(request.path) else { return .text(.notFound, "no endpoint \(request.path)") }
        guard request.method == .POST else { return .text(.methodNotAllowed, "\(endpoint.rawValue) is POST only") }
        let (status, body) = await exchange(from: .provider(from), route: .mimi(endpoint), target: parameter, body: request.body)
        return Self.response(status, body)
    }

    /// The client-API listener: requests of local clients (named by the `MIMI-Client` header; a client of
    /// another provider gets 403) and their long polls.
    func serveClient(_ request: LiveRequest) async -> LiveResponse {
        guard let name = request.headers.first(name: LiveMedia.client) else { return .text(.forbidden, "missing \(LiveMedia.client) header") }
        let client = IdentifierURI(name)
        guard MIMIURI.user(ofClient: client) != nil, MIMIURI.domain(of: client) == domain else {
            return .text(.forbidden, "\(name) is not a client of \(domain)")
        }
        if let refusal = checkHost(request) { return refusal }
        if let after = LiveRoutes.parseEvents(request.path) {
            guard request.method == .GET else { return .text(.methodNotAllowed, "events is GET only") }
            let (first, pushes) = await mailbox(client).take(after: after, timeout: pollTimeout)
            return LiveResponse(.ok, body: PushBatch.encode(first: first, pushes))
        }
        guard let (endpoint, parameter) = LiveRoutes.parseClient(request.path) else { return .text(.notFound, "no endpoint \(request.path)") }
        guard request.method == .POST else { return .text(.methodNotAllowed, "\(endpoint.rawValue) is POST only") }
        let (status, body) = await exchange(from: .client(client), route: .client(endpoint), target: parameter, body: request.body)
        return Self.response(status, body)
    }

    /// 421 when `Host` names another provider (ports are ignored).
    private func checkHost(_ request: LiveRequest) -> LiveResponse? {
        guard let host = request.headers.first(name: "Host") else { return .text(.badRequest, "missing Host header") }
        let name = host.split(separator: ":").first.map { $0.lowercased() } ?? ""
        return name == domain ? nil : .text(.misdirectedRequest, "this is \(domain), not \(name)")
    }

    /// The machine's response as HTTP (the statuses map one to one; error bodies are text).
    static func response(_ status: ResponseStatus, _ body: [UInt8]) -> LiveResponse {
        let http = HTTPResponseStatus(statusCode: Int(status.rawValue))
        return status == .ok ? LiveResponse(http, body: body) : LiveResponse(http, body: body, contentType: "text/plain; charset=utf-8")
    }
}
