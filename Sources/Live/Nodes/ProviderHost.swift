import AsyncHTTPClient
import Foundation
import MIMI
import NIOHTTP1

/// One provider in live mode: its `Provider` state machine in a `NodeRunner`, the two listeners' request
/// handling (`ProviderHost+Routes.swift`), its calls to other providers, and its clients' push mailboxes.
///
/// An incoming request becomes a `Transmit` with a host-local request id; the HTTP answer waits until the
/// machine emits the response with that id (which may take other requests first, like a key-material claim
/// relayed through the hub). The machine's own requests become HTTPS calls whose answers are fed back as
/// responses with the machine's ids.
package final class ProviderHost: @unchecked Sendable {
    let domain: String
    package let runner: NodeRunner<Provider>
    let sink: LiveEventSink
    let inFlight: InFlightCounter
    let clock: LiveClock
    /// How long a long poll waits for a push.
    let pollTimeout: Int64
    /// The largest request body (413 above).
    let maxBody: Int
    /// Where this provider listens (set once its listeners are bound).
    package var address = PeerAddress(domain: "", ip: "", federationPort: 0, clientPort: 0)
    /// Other providers by domain (set before the run starts serving).
    var peers: [String: PeerAddress] = [:]
    /// The HTTPS client presenting this provider's certificate.
    var federationClient: HTTPClient?

    private let lock = NSLock()
    private var waiting: [UInt64: CheckedContinuation<(ResponseStatus, [UInt8]), Never>] = [:]
    private var nextInbound: UInt64 = 1
    private var mailboxes: [IdentifierURI: ClientMailbox] = [:]

    init(provider: Provider, clock: LiveClock, sink: LiveEventSink, inFlight: InFlightCounter, pollTimeout: Int64, maxBody: Int) {
        domain = provider.domain
        self.clock = clock
        self.sink = sink
        self.inFlight = inFlight
        self.pollTimeout = pollTimeout
        self.maxBody = maxBody
        runner = NodeRunner(provider, clock: clock) { [sink] event, at in sink.yield(.provider(event, at: at)) }
        runner.onTransmits = { [weak self] in self?.dispatch($0) }
    }

    /// The push mailbox of a local client.
    func mailbox(_ client: IdentifierURI) -> ClientMailbox {
        lock.lock()
        defer { lock.unlock() }
        if let m = mailboxes[client] { return m }
        let m = ClientMailbox()
        mailboxes[client] = m
        return m
    }

    /// Pushes not yet acknowledged by any local client.
    var unacknowledgedPushes: Int {
        lock.lock()
        let boxes = Array(mailboxes.values)
        lock.unlock()
        return boxes.reduce(0) { $0 + $1.unacknowledged }
    }

    /// Ends every waiting long poll (at shutdown).
    func wakeAll() {
        lock.lock()
        let boxes = Array(mailboxes.values)
        lock.unlock()
        boxes.forEach { $0.wake() }
    }

    /// Hands a received request to the machine and waits for its response.
    func exchange(from: NodeAddress, route: Route, target: String, body: [UInt8]) async -> (ResponseStatus, [UInt8]) {
        await withCheckedContinuation { continuation in
            lock.lock()
            let id = nextInbound
            nextInbound += 1
            waiting[id] = continuation
            lock.unlock()
            let t = Transmit(from: from, to: .provider(domain), kind: .request(id: id, route: route, target: target), body: body)
            runner.step { node, now in node.receive(t, now: now) }
        }
    }

    /// Routes the machine's transmits: responses to waiting requests, pushes to mailboxes, requests to peers.
    func dispatch(_ transmits: [Transmit]) {
        for t in transmits {
            sink.yield(.transmitted(t, at: clock.nanos))
            switch t.kind {
            case .response(let id, let status):
                lock.lock()
                let c = waiting.removeValue(forKey: id)
                lock.unlock()
                c?.resume(returning: (status, t.body))
            case .push(let target):
                if case .client(let uri) = t.to { mailbox(uri).put(target: target, body: t.body) }
            case .request(let id, let route, let target):
                guard case .provider(let peer) = t.to, let address = peers[peer], let client = federationClient, case .mimi(let endpoint) = route else {
                    sink.yield(.error("\(domain): request to unknown provider \(t.to)"))
                    continue
                }
                inFlight.increment()
                Task { await self.call(address, endpoint: endpoint, target: target, id: id, body: t.body, client: client) }
            }
        }
    }

    /// One provider-to-provider call, retried on transport failure (TCP's reliability as the MIMI draft
    /// assumes); the answer goes back to the machine as the response to request `id`.
    private func call(_ peer: PeerAddress, endpoint: MIMIEndpoint, target: String, id: UInt64, body: [UInt8], client: HTTPClient) async {
        defer { inFlight.decrement() }
        let url = peer.federationBase + LiveRoutes.mimi(endpoint, target)
        let (status, answer) = await HTTPCall.exchange(client, url: url, host: peer.domain, headers: [(LiveMedia.from, domain)], body: body) {
            sink.yield(.error("\(domain) -> \(peer.domain) \(endpoint.rawValue): \($0)"))
        }
        let response = Transmit(from: .provider(peer.domain), to: .provider(domain), kind: .response(id: id, status: status), body: answer)
        runner.step { node, now in node.receive(response, now: now) }
    }
}
