import AsyncHTTPClient
import MIMI

/// One client device in live mode: its `Client` state machine in a `NodeRunner`, its requests as HTTPS calls
/// to its provider's client API, and a long-poll loop that feeds the provider's pushes back in order.
package final class ClientAgent: @unchecked Sendable {
    package let uri: IdentifierURI
    let provider: PeerAddress
    package let runner: NodeRunner<Client>
    private let http: HTTPClient
    private let sink: LiveEventSink
    private let inFlight: InFlightCounter
    private let clock: LiveClock
    private var poller: Task<Void, Never>?

    init(client: Client, provider: PeerAddress, http: HTTPClient, clock: LiveClock, sink: LiveEventSink, inFlight: InFlightCounter) {
        uri = client.uri
        self.provider = provider
        self.http = http
        self.clock = clock
        self.sink = sink
        self.inFlight = inFlight
        let uri = client.uri
        runner = NodeRunner(client, clock: clock) { [sink] event, at in sink.yield(.client(event, client: uri, at: at)) }
        runner.onTransmits = { [weak self] in self?.dispatch($0) }
    }

    /// Gives the client a workload command.
    func command(_ command: ClientCommand) {
        runner.step { node, now in node.handle(.command(command), now: now) }
    }

    /// Starts the long-poll loop.
    func startPolling() {
        poller = Task { [weak self] in
            var after: UInt64 = 0
            while !Task.isCancelled, let self {
                after = await self.poll(after: after)
            }
        }
    }

    /// Stops polling and the machine.
    func stop() {
        poller?.cancel()
        runner.stop()
    }

    /// One long poll: acknowledges pushes up to `after`, feeds the new ones to the machine in order, and
    /// returns the last sequence number fed.
    private func poll(after: UInt64) async -> UInt64 {
        do {
            let r = try await HTTPCall.send(http, .GET, url: provider.clientBase + LiveRoutes.events(after: after), host: provider.domain,
                                            headers: [(LiveMedia.client, uri.uri)], timeout: .seconds(60))
            guard r.status == 200 else {
                sink.yield(.error("\(uri.uri): poll answered \(r.status)"))
                try? await Task.sleep(for: .milliseconds(200))
                return after
            }
            let (first, pushes) = try PushBatch.decode(r.body)
            var last = after
            for (i, push) in pushes.enumerated() {
                let seq = first + UInt64(i)
                guard seq > last else { continue }
                let t = Transmit(from: .provider(provider.domain), to: .client(uri), kind: .push(target: push.target), body: push.body)
                runner.step { node, now in node.receive(t, now: now) }
                last = seq
            }
            return last
        } catch {
            if !Task.isCancelled { try? await Task.sleep(for: .milliseconds(200)) }
            return after
        }
    }

    /// Sends the machine's requests to its provider; each answer goes back as the response to its id.
    private func dispatch(_ transmits: [Transmit]) {
        for t in transmits {
            sink.yield(.transmitted(t, at: clock.nanos))
            guard case .request(let id, .client(let endpoint), let target) = t.kind else {
                sink.yield(.error("\(uri.uri): unexpected output \(t.kind)"))
                continue
            }
            inFlight.increment()
            Task {
                defer { self.inFlight.decrement() }
                let (status, body) = await HTTPCall.exchange(self.http, url: self.provider.clientBase + LiveRoutes.client(endpoint, target),
                                                             host: self.provider.domain, headers: [(LiveMedia.client, self.uri.uri)], body: t.body) {
                    self.sink.yield(.error("\(self.uri.uri) \(endpoint.rawValue): \($0)"))
                }
                let response = Transmit(from: .provider(self.provider.domain), to: .client(self.uri), kind: .response(id: id, status: status), body: body)
                self.runner.step { node, now in node.receive(response, now: now) }
            }
        }
    }
}
