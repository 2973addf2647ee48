import Foundation
import MIMI
import MLS

/// The body of a long-poll answer on our client API: `uint64 first` (the sequence number of the first push),
/// then the pushes one after another, each `opaque room<V>` (the push's target) then `opaque body<V>` (the
/// provider's push body: `uint64 generation`, one `FanoutMessage`). The next poll's `after` acknowledges them.
enum PushBatch {
    /// Encodes pushes numbered from `first`.
    static func encode(first: UInt64, _ pushes: [(target: String, body: [UInt8])]) -> [UInt8] {
        var w = WireWriter()
        w.writeUInt64(first)
        for p in pushes {
            w.writeOpaque(Array(p.target.utf8))
            w.writeOpaque(p.body)
        }
        return w.bytes
    }

    /// Decodes a batch; a malformed one is a typed error.
    static func decode(_ bytes: [UInt8]) throws -> (first: UInt64, pushes: [(target: String, body: [UInt8])]) {
        var r = WireReader(bytes)
        let first = try r.readUInt64()
        var out: [(String, [UInt8])] = []
        while !r.isAtEnd {
            let target = try r.readOpaque()
            let body = try r.readOpaque()
            guard let room = String(validating: target, as: UTF8.self) else { throw LiveError(.transport, "push target is not UTF-8") }
            out.append((room, body))
        }
        return (first, out)
    }
}
