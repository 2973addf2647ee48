import MIMI

/// What the live drivers need of a sans-IO MIMI state machine (`Provider` and `Client` both conform): hand it
/// a received transmit or a timeout, then drain its transmits and events.
package protocol SansIONode {
    /// The events it reports for metrics.
    associatedtype Event: Sendable
    /// Handles a transmit addressed to it.
    mutating func receive(_ transmit: Transmit, now: MIMI.Instant)
    /// Handles a passed deadline.
    mutating func handleTimeout(now: MIMI.Instant)
    /// The next output transmit.
    mutating func pollTransmit() -> Transmit?
    /// The next event.
    mutating func pollEvent() -> Event?
    /// When it next wants `handleTimeout`.
    func nextTimeout() -> MIMI.Instant?
}

extension Provider: SansIONode {
    package mutating func receive(_ transmit: Transmit, now: MIMI.Instant) { handle(.received(transmit), now: now) }
}

extension Client: SansIONode {
    package mutating func receive(_ transmit: Transmit, now: MIMI.Instant) { handle(.received(transmit), now: now) }
}
