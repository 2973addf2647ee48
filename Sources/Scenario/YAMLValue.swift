import Simulator
import Yams

/// A YAML node with where it came from (file, key path), and typed readers that fail with a
/// `ScenarioError` naming file, line and key.
struct YAMLValue {
    let node: Node
    let path: String
    let file: String

    var line: Int? { node.mark?.line }
    var column: Int? { node.mark?.column }

    func error(_ code: ScenarioError.Code, _ message: String) -> ScenarioError {
        ScenarioError(code, message, file: file, line: line, column: column, key: path.isEmpty ? nil : path)
    }

    private var shape: String {
        switch node {
        case .scalar: return "a single value"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// The value as a mapping whose keys are all in `allowed`.
    func mapping(allowed: [String]) throws(ScenarioError) -> YAMLMapping {
        guard case .mapping(let m) = node else { throw error(.wrongType, "expected a mapping, found \(shape)") }
        return try YAMLMapping(m, owner: self, allowed: allowed)
    }

    /// The value as a list.
    func sequence() throws(ScenarioError) -> [YAMLValue] {
        guard case .sequence(let s) = node else { throw error(.wrongType, "expected a list, found \(shape)") }
        return s.enumerated().map { YAMLValue(node: $0.element, path: "\(path)[\($0.offset)]", file: file) }
    }

    var isMapping: Bool { if case .mapping = node { return true } else { return false } }
    var isSequence: Bool { if case .sequence = node { return true } else { return false } }

    /// The value as a non-empty string.
    func string() throws(ScenarioError) -> String {
        guard case .scalar(let s) = node else { throw error(.wrongType, "expected a single value, found \(shape)") }
        guard !s.string.isEmpty else { throw error(.invalidValue, "must not be empty") }
        return s.string
    }

    /// The value as an integer in `range`.
    func integer(in range: ClosedRange<Int>) throws(ScenarioError) -> Int {
        let text = try string()
        guard let n = Int(text) else { throw error(.wrongType, "expected a whole number, found '\(text)'") }
        guard range.contains(n) else { throw error(.invalidValue, "\(n) is out of range \(range.lowerBound)...\(range.upperBound)") }
        return n
    }

    /// The value as a plain positive number (no unit).
    func positiveNumber() throws(ScenarioError) -> Double {
        let text = try string()
        guard let x = Double(text), x.isFinite else { throw error(.wrongType, "expected a number, found '\(text)'") }
        guard x > 0 else { throw error(.invalidValue, "must be > 0, found \(text)") }
        return x
    }

    private func unit(_ result: Result<Double, UnitProblem>) throws(ScenarioError) -> Double {
        switch result {
        case .success(let v): return v
        case .failure(let p): throw error(p.isUnitError ? .badUnit : .invalidValue, p.message)
        }
    }

    /// The longest duration a file may give (about 31 years), so sums of times never overflow.
    static let maximumDurationNanos = 1e18

    /// A duration such as `40ms`, in nanoseconds.
    func durationNanos() throws(ScenarioError) -> Double {
        let v = try unit(Units.duration(try string()))
        guard v <= Self.maximumDurationNanos else { throw error(.invalidValue, "duration is too long (at most about 31 years)") }
        return v
    }
    /// A duration such as `40ms`.
    func duration() throws(ScenarioError) -> SimDuration { SimDuration(roundingNanoseconds: try durationNanos()) }
    /// A positive duration.
    func positiveDuration() throws(ScenarioError) -> SimDuration {
        let d = try duration()
        guard d.nanoseconds > 0 else { throw error(.invalidValue, "must be longer than 0") }
        return d
    }
    /// A bandwidth such as `50Mbps`, in bits per second (> 0).
    func bandwidth() throws(ScenarioError) -> Double {
        let v = try unit(Units.bandwidth(try string()))
        guard v > 0 else { throw error(.invalidValue, "bandwidth must be > 0") }
        return v
    }
    /// A size such as `64KiB`, in whole bytes within `range`.
    func bytes(in range: ClosedRange<Int>) throws(ScenarioError) -> Int {
        let v = try unit(Units.size(try string()))
        guard v == v.rounded(), v >= Double(range.lowerBound), v <= Double(range.upperBound) else {
            throw error(.invalidValue, "size must be a whole number of bytes from \(range.lowerBound)B to \(range.upperBound)B")
        }
        return Int(v)
    }
    /// A percentage such as `0.1%`, as a fraction in [0, 1) (or [0, 1] when `allowHundred`).
    func percent(allowHundred: Bool = false) throws(ScenarioError) -> Double {
        let v = try unit(Units.percent(try string()))
        guard allowHundred ? v <= 1 : v < 1 else { throw error(.invalidValue, "percentage must be below 100%") }
        return v
    }

    /// One name or a list of names.
    func names() throws(ScenarioError) -> [YAMLValue] {
        if isSequence {
            let items = try sequence()
            guard !items.isEmpty else { throw error(.invalidValue, "list of names must not be empty") }
            for item in items { _ = try item.string() }
            return items
        }
        _ = try string()
        return [self]
    }
}

/// A YAML mapping with string keys, no duplicates and no keys outside an allowed list.
struct YAMLMapping {
    let owner: YAMLValue
    private(set) var entries: [(key: String, keyValue: YAMLValue, value: YAMLValue)] = []

    init(_ mapping: Node.Mapping, owner: YAMLValue, allowed: [String]) throws(ScenarioError) {
        self.owner = owner
        for (keyNode, valueNode) in mapping {
            let keyValue = YAMLValue(node: keyNode, path: owner.path, file: owner.file)
            guard case .scalar(let k) = keyNode else { throw keyValue.error(.wrongType, "keys must be plain names") }
            let path = owner.path.isEmpty ? k.string : "\(owner.path).\(k.string)"
            let keyAt = YAMLValue(node: keyNode, path: path, file: owner.file)
            if let first = entries.first(where: { $0.key == k.string }) {
                throw keyAt.error(.duplicateKey, "'\(k.string)' appears twice in this mapping (first on line \(first.value.line.map(String.init) ?? "?"))")
            }
            if !allowed.isEmpty, !allowed.contains(k.string) {
                throw keyAt.error(.unknownKey, "unknown key '\(k.string)' (allowed here: \(allowed.joined(separator: ", ")))")
            }
            entries.append((k.string, keyAt, YAMLValue(node: valueNode, path: path, file: owner.file)))
        }
    }

    /// The value of `key`, if present.
    subscript(_ key: String) -> YAMLValue? { entries.first { $0.key == key }?.value }

    /// The value of `key`, or a `missingKey` error on the mapping's line.
    func required(_ key: String) throws(ScenarioError) -> YAMLValue {
        guard let v = self[key] else {
            let path = owner.path.isEmpty ? key : "\(owner.path).\(key)"
            throw ScenarioError(.missingKey, "missing required key '\(key)'", file: owner.file, line: owner.line,
                                column: owner.column, key: path)
        }
        return v
    }

    /// Exactly one of `keys` must be present; returns which and its value.
    func exactlyOne(of keys: [String]) throws(ScenarioError) -> (String, YAMLValue) {
        let present = keys.filter { self[$0] != nil }
        guard present.count == 1 else {
            let message = present.isEmpty ? "needs one of: \(keys.joined(separator: ", "))"
                                           : "use only one of \(present.joined(separator: ", ")) here"
            throw owner.error(present.isEmpty ? .missingKey : .conflictingKeys, message)
        }
        return (present[0], self[present[0]]!)
    }
}
