/// Where a message is in its life.
enum MessageState: UInt8 {
    case free, held, inFlight, arriving, delivered, lost
}

/// One message in the network's table (a slot reused after the message is delivered or lost).
struct MessageRecord {
    var source: UInt32 = 0
    var destination: UInt32 = 0
    var bytes: Int64 = 0
    var tag: UInt64 = 0
    var sentAt: Int64 = 0
    var generation: UInt32 = 0
    var state = MessageState.free
    var hop: UInt8 = 0
    var hopCount: UInt8 = 0
    var route: (UInt32, UInt32, UInt32) = (0, 0, 0)
    var retransmissions: UInt32 = 0
    var lossReason: LossReason?
    var connection: UInt32 = 0           // its (source, destination) pair's index in `connections`
    var connectionSequence: UInt64 = 0   // send order within that pair

    func link(at hop: UInt8) -> UInt32 {
        switch hop { case 0: return route.0; case 1: return route.1; default: return route.2 }
    }
}

extension VirtualNetwork {
    /// Sends `bytes` from `source` to `destination` now; `tag` is the driver's own reference.
    /// The driver later sees `.messageDelivered` (actor: destination) or `.messageLost` (actor: source)
    /// with the returned id as payload.
    @discardableResult
    public func send(from source: HostID, to destination: HostID, bytes: Int, tag: UInt64 = 0) throws(SimulatorError) -> MessageID {
        try checkHost(source); try checkHost(destination)
        guard bytes >= 0 else { throw SimulatorError(.invalidParameter, "message size must be >= 0, got \(bytes)") }
        let slot = allocateMessage()
        // Fields read one by one: copying a host would retain its name and job queue.
        let srcUplink = hosts[Int(source.index)].uplink, srcRegion = hosts[Int(source.index)].region, srcUp = hosts[Int(source.index)].up
        let dstDownlink = hosts[Int(destination.index)].downlink, dstRegion = hosts[Int(destination.index)].region
        let dstUp = hosts[Int(destination.index)].up
        var route: (UInt32, UInt32, UInt32) = (0, 0, 0)
        var hopCount: UInt8 = 0
        func add(_ link: UInt32) {
            guard link != Self.noLink else { return }
            switch hopCount { case 0: route.0 = link; case 1: route.1 = link; default: route.2 = link }
            hopCount += 1
        }
        add(srcUplink)
        add(regionLinks[Int(srcRegion) * regionNames.count + Int(dstRegion)])
        add(dstDownlink)
        messages[Int(slot)].source = source.index
        messages[Int(slot)].destination = destination.index
        messages[Int(slot)].bytes = Int64(bytes)
        messages[Int(slot)].tag = tag
        messages[Int(slot)].sentAt = engine.nowNanoseconds
        messages[Int(slot)].hop = 0
        messages[Int(slot)].hopCount = hopCount
        messages[Int(slot)].route = route
        messages[Int(slot)].retransmissions = 0
        messages[Int(slot)].lossReason = nil
        let connection = self.connection(source.index, destination.index)
        messages[Int(slot)].connection = connection
        messages[Int(slot)].connectionSequence = connections[Int(connection)].assignSequence()
        statistics.messagesSent &+= 1
        statistics.bytesSent &+= UInt64(bytes)
        if !srcUp || !dstUp {
            markLost(slot, .hostDown)
        } else {
            admit(slot)
        }
        return MessageID(slot: slot, generation: messages[Int(slot)].generation)
    }

    /// What the network knows about `id`; nil once its delivered/lost event has been handled.
    public func message(_ id: MessageID) -> MessageInfo? {
        guard Int(id.slot) < messages.count else { return nil }
        let m = messages[Int(id.slot)]
        guard m.generation == id.generation, m.state != .free else { return nil }
        return MessageInfo(id: id, source: HostID(index: m.source), destination: HostID(index: m.destination),
                           bytes: Int(m.bytes), tag: m.tag, sentAt: Instant(nanoseconds: m.sentAt),
                           retransmissions: Int(m.retransmissions), lossReason: m.lossReason)
    }

    func allocateMessage() -> UInt32 {
        if let slot = freeMessageSlots.popLast() { return slot }
        messages.append(MessageRecord())
        return UInt32(messages.count - 1)
    }

    func reference(_ slot: UInt32) -> UInt64 { UInt64(slot) | UInt64(messages[Int(slot)].generation) << 32 }

    /// The slot a reference names, if the message is still in flight.
    func liveSlot(_ reference: UInt64) -> UInt32? {
        let slot = UInt32(truncatingIfNeeded: reference)
        let m = messages[Int(slot)]
        return m.generation == UInt32(truncatingIfNeeded: reference >> 32) && m.state == .inFlight ? slot : nil
    }

    /// Passes the partition check at send (or release) time, then starts the first hop.
    func admit(_ slot: UInt32) {
        let m = messages[Int(slot)]
        for p in activePartitions where partitions[p].covers(from: hosts[Int(m.source)], m.source, to: hosts[Int(m.destination)], m.destination) {
            switch partitions[p].mode {
            case .drop: markLost(slot, .partitionDropped)
            case .hold:
                messages[Int(slot)].state = .held
                partitions[p].held.append(reference(slot))
                statistics.messagesHeldByPartition &+= 1
            }
            return
        }
        messages[Int(slot)].state = .inFlight
        advance(slot)
    }

    /// Moves a message onto its current hop (or delivers it after the last one).
    func advance(_ slot: UInt32) {
        while true {
            let m = messages[Int(slot)]
            if m.hop >= m.hopCount { deliver(slot); return }
            let l = Int(m.link(at: m.hop))
            if links[l].parameters.bitsPerSecond != nil {
                if links[l].transmitting { links[l].waiting.append(reference(slot)) } else { startTransmission(link: l, slot: slot) }
                return
            }
            if propagate(link: l, slot: slot) { return }
        }
    }

    /// Draws the propagation delay over link `l`; schedules the arrival and returns true, or (zero delay)
    /// advances the hop and returns false.
    func propagate(link l: Int, slot: UInt32) -> Bool {
        let bytes = messages[Int(slot)].bytes
        let (delay, lost) = links[l].propagationDelay(bytes: bytes)
        links[l].messagesCarried &+= 1
        links[l].bytesCarried &+= UInt64(bytes)
        if lost > 0 {
            links[l].retransmissions &+= UInt64(lost)
            messages[Int(slot)].retransmissions &+= lost
            statistics.retransmissions &+= UInt64(lost)
        }
        if delay == 0 { messages[Int(slot)].hop &+= 1; return false }
        engine.schedule(at: engine.instant(after: delay), kind: .hopArrived,
                        actor: ActorID(rawValue: UInt32(l)), payload: reference(slot))
        return true
    }

    func startTransmission(link l: Int, slot: UInt32) {
        links[l].transmitting = true
        let delay = links[l].serializationDelay(bytes: messages[Int(slot)].bytes)
        engine.schedule(at: engine.instant(after: delay), kind: .linkTransmitted,
                        actor: ActorID(rawValue: UInt32(l)), payload: reference(slot))
    }

    /// A link finished serializing a message: propagate it, then start the next live one in the FIFO.
    @usableFromInline
    func linkTransmitted(_ event: Event) {
        let l = Int(event.actor.rawValue)
        if let slot = liveSlot(event.payload), !propagate(link: l, slot: slot) { advance(slot) }
        while let next = links[l].waiting.popFirst() {
            if let slot = liveSlot(next) { startTransmission(link: l, slot: slot); return }
        }
        links[l].transmitting = false
    }

    /// A message finished propagating over one hop.
    @usableFromInline
    func hopArrived(_ event: Event) {
        guard let slot = liveSlot(event.payload) else { return }
        messages[Int(slot)].hop &+= 1
        advance(slot)
    }

    /// The message reached its destination host: hand it over now if every earlier message of its
    /// connection has been handed over (or lost), else wait for them (head-of-line blocking, as TCP).
    func deliver(_ slot: UInt32) {
        let m = messages[Int(slot)]
        messages[Int(slot)].state = .arriving
        if connections[Int(m.connection)].arrive(m.connectionSequence, reference: reference(slot)) {
            scheduleDelivery(reference(slot))
            releaseWaiting(m.connection)
        }
    }

    /// Hands over (or skips, if lost) the messages of connection `c` that are now in order.
    func releaseWaiting(_ c: UInt32) {
        while let ready = connections[Int(c)].nextReady() {
            if case .deliver(let reference) = ready { scheduleDelivery(reference) }
        }
    }

    func scheduleDelivery(_ reference: UInt64) {
        let slot = Int(UInt32(truncatingIfNeeded: reference))
        engine.schedule(at: engine.now, kind: .messageDelivered, actor: ActorID(rawValue: messages[slot].destination), payload: reference)
    }

    /// The index in `connections` of the (source, destination) pair's connection, added on the pair's first message.
    func connection(_ source: UInt32, _ destination: UInt32) -> UInt32 {
        let key = UInt64(source) << 32 | UInt64(destination)
        if let c = connectionIndex[key] { return c }
        connections.append(Connection())
        connectionIndex[key] = UInt32(connections.count - 1)
        return UInt32(connections.count - 1)
    }

    /// The slot a reference names, if its delivery is scheduled and it was not lost meanwhile.
    func arrivingSlot(_ reference: UInt64) -> UInt32? {
        let slot = UInt32(truncatingIfNeeded: reference)
        guard Int(slot) < messages.count, messages[Int(slot)].generation == UInt32(truncatingIfNeeded: reference >> 32),
              messages[Int(slot)].state == .arriving else { return nil }
        return slot
    }

    /// Checks a delivery event is still valid (the message was not lost meanwhile) and marks it delivered.
    @usableFromInline
    func beginDelivery(_ reference: UInt64) -> Bool {
        guard let slot = arrivingSlot(reference) else { return false }
        messages[Int(slot)].state = .delivered
        statistics.messagesDelivered &+= 1
        return true
    }

    /// Marks a message lost, counts it and tells the driver with a `.messageLost` event now.
    func markLost(_ slot: UInt32, _ reason: LossReason) {
        // An arriving message already took its place in the connection's order; anything else frees it now.
        let takesPlaceInOrder = messages[Int(slot)].state != .arriving
        messages[Int(slot)].state = .lost
        messages[Int(slot)].lossReason = reason
        switch reason {
        case .hostCrashed: statistics.messagesLostToCrash &+= 1
        case .hostDown: statistics.messagesLostToDownHost &+= 1
        case .partitionDropped: statistics.messagesDroppedByPartition &+= 1
        }
        engine.schedule(at: engine.now, kind: .messageLost, actor: ActorID(rawValue: messages[Int(slot)].source),
                        payload: reference(slot))
        guard takesPlaceInOrder else { return }
        let c = messages[Int(slot)].connection
        if connections[Int(c)].arrive(messages[Int(slot)].connectionSequence, reference: nil) { releaseWaiting(c) }
    }

    /// Frees the slot after the driver saw the message's final event.
    @usableFromInline
    func releaseMessage(_ reference: UInt64) {
        let slot = Int(UInt32(truncatingIfNeeded: reference))
        guard messages[slot].generation == UInt32(truncatingIfNeeded: reference >> 32), messages[slot].state != .free else { return }
        messages[slot].state = .free
        messages[slot].generation &+= 1
        freeMessageSlots.append(UInt32(slot))
    }
}
