import Foundation
import Simulator
import Yams

/// Reads topology files (YAML). Every key is checked: unknown keys, wrong units, out-of-range values
/// and dangling names are `ScenarioError`s naming file, line and key. See `Topologies/README.md`.
public enum TopologyParser {
    static let topKeys = ["name", "regions", "groups", "links", "providers", "clients", "faults"]
    static let linkKeys = ["between", "from", "to", "within", "latency", "jitter", "bandwidth", "loss", "rto", "mss"]
    static let providerKeys = ["domain", "region", "cores", "access"]
    static let accessKeys = ["latency", "jitter", "bandwidth", "loss", "rto", "mss"]
    static let clientKeys = ["latency", "jitter", "bandwidth", "loss", "rto", "mss", "cores"]

    /// Reads and checks the topology file at `path`.
    public static func load(path: String) throws(ScenarioError) -> Topology {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScenarioError(.unreadableFile, "cannot read file: \(error.localizedDescription)", file: path, line: nil, key: nil,
                                underlying: error)
        }
        return try parse(text, file: path)
    }

    /// Parses topology YAML `text`; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ScenarioError) -> Topology {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ScenarioError(.missingKey, "the file is empty; it needs at least 'regions' and 'providers'", file: file, line: 1, key: nil)
            }
            root = node
        } catch let e as ScenarioError {
            throw e
        } catch let e as YamlError {
            throw syntaxError(e, file: file)
        } catch {
            throw ScenarioError(.syntax, "\(error)", file: file, line: nil, key: nil)
        }
        var context = ParseContext(file: file)
        return try context.topology(YAMLValue(node: root, path: "", file: file))
    }

    static func syntaxError(_ e: YamlError, file: String) -> ScenarioError {
        switch e {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ScenarioError(.syntax, "YAML syntax: \(problem)", file: file, line: mark.line, column: mark.column, key: nil, underlying: e)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ScenarioError(.duplicateKey, "'\(duplicates.joined(separator: ", "))' appears twice in one mapping", file: file,
                                 line: context.mark.line, column: context.mark.column, key: duplicates.first, underlying: e)
        default:
            return ScenarioError(.syntax, "YAML: \(e)", file: file, line: nil, key: nil, underlying: e)
        }
    }
}

/// State while one file is being parsed: the names defined so far.
struct ParseContext {
    let file: String
    var regions: [String] = []
    var providers: [(domain: String, region: String, hasAccess: Bool)] = []
    var groups: [(name: String, members: Topology.Endpoints)] = []

    init(file: String) { self.file = file }

    mutating func topology(_ root: YAMLValue) throws(ScenarioError) -> Topology {
        let top = try root.mapping(allowed: TopologyParser.topKeys)
        let name = try top["name"]?.string()
        regions = try regionList(top.required("regions"))
        let links = try top["links"].map { v throws(ScenarioError) in try regionLinks(v) } ?? []
        if let linksValue = top["links"] { try checkCoverage(links, at: linksValue) } else { try checkCoverage(links, at: try top.required("regions")) }
        let providerList = try providerEntries(top.required("providers"))
        if let g = top["groups"] { try parseGroups(g) }
        var defaultClient: Topology.ClientAccess?
        var overrides: [(domain: String, access: Topology.ClientAccess)] = []
        if let c = top["clients"] { (defaultClient, overrides) = try clients(c) }
        let faults = try top["faults"].map { v throws(ScenarioError) in try faultList(v) } ?? []
        return Topology(file: file, name: name, regions: regions, links: links, providers: providerList,
                        defaultClient: defaultClient, clientOverrides: overrides, faults: faults)
    }

    // MARK: regions and links

    func regionList(_ v: YAMLValue) throws(ScenarioError) -> [String] {
        let items = try v.sequence()
        guard !items.isEmpty else { throw v.error(.invalidValue, "at least one region is needed") }
        var names: [String] = []
        for item in items {
            let n = try item.string()
            guard !names.contains(n) else { throw item.error(.duplicateName, "region '\(n)' is listed twice") }
            names.append(n)
        }
        return names
    }

    func region(_ v: YAMLValue) throws(ScenarioError) -> String {
        let n = try v.string()
        guard regions.contains(n) else { throw v.error(.unknownName, "no region named '\(n)' (regions: \(regions.joined(separator: ", ")))") }
        return n
    }

    func regionLinks(_ v: YAMLValue) throws(ScenarioError) -> [Topology.RegionLink] {
        var result: [Topology.RegionLink] = []
        var definedAt: [(from: String, to: String, line: Int?)] = []
        for item in try v.sequence() {
            let m = try item.mapping(allowed: TopologyParser.linkKeys)
            let (form, value) = try m.exactlyOne(of: ["between", "from", "within"])
            var pairs: [(String, String)] = []
            switch form {
            case "between":
                let ends = try value.sequence()
                guard ends.count == 2 else { throw value.error(.invalidValue, "'between' takes exactly two regions, e.g. [eu, us]") }
                let a = try region(ends[0]), b = try region(ends[1])
                pairs = a == b ? [(a, a)] : [(a, b), (b, a)]
            case "from":
                pairs = [(try region(value), try region(m.required("to")))]
            default:
                if m["to"] != nil { throw m["to"]!.error(.conflictingKeys, "'to' goes with 'from', not with 'within'") }
                let r = try region(value)
                pairs = [(r, r)]
            }
            if form != "from", let to = m["to"] { throw to.error(.conflictingKeys, "'to' goes with 'from', not with '\(form)'") }
            let parameters = try linkParameters(m, requireLatency: true)
            for (a, b) in pairs {
                if let first = definedAt.first(where: { $0.from == a && $0.to == b }) {
                    throw value.error(.duplicateName, "the link from \(a) to \(b) is already defined on line \(first.line.map(String.init) ?? "?")")
                }
                definedAt.append((a, b, value.line))
                result.append(Topology.RegionLink(from: a, to: b, parameters: parameters))
            }
        }
        return result
    }

    /// Every pair of distinct regions needs a link each way (within a region, a link is optional).
    func checkCoverage(_ links: [Topology.RegionLink], at v: YAMLValue) throws(ScenarioError) {
        for a in regions {
            for b in regions where a != b && !links.contains(where: { $0.from == a && $0.to == b }) {
                throw v.error(.missingLink, "no link from region \(a) to region \(b) (add `- { between: [\(a), \(b)], latency: ... }`)")
            }
        }
    }

    /// latency/jitter/bandwidth/loss/rto/mss of a link or access mapping.
    func linkParameters(_ m: YAMLMapping, requireLatency: Bool) throws(ScenarioError) -> LinkParameters {
        var p = LinkParameters()
        if let l = m["latency"] { p.latency = try distribution(l) } else if requireLatency { _ = try m.required("latency") }
        if let j = m["jitter"] { p.jitter = try j.duration() }
        if let b = m["bandwidth"] { p.bitsPerSecond = try b.bandwidth() }
        if let l = m["loss"] { p.lossRate = try l.percent() }
        if let r = m["rto"] { p.retransmissionTimeout = try r.positiveDuration() }
        if let s = m["mss"] { p.maximumSegmentSize = try s.bytes(in: 64...65_536) }
        return p
    }

    // MARK: providers and clients

    mutating func providerEntries(_ v: YAMLValue) throws(ScenarioError) -> [Topology.Provider] {
        var result: [Topology.Provider] = []
        let items = try v.sequence()
        guard !items.isEmpty else { throw v.error(.invalidValue, "at least one provider is needed") }
        for item in items {
            let m = try item.mapping(allowed: TopologyParser.providerKeys)
            let domainValue = try m.required("domain")
            let domain = try domainValue.string()
            if providers.contains(where: { $0.domain == domain }) { throw domainValue.error(.duplicateName, "provider '\(domain)' is defined twice") }
            if regions.contains(domain) { throw domainValue.error(.duplicateName, "'\(domain)' is already a region name") }
            let r = try region(m.required("region"))
            let cores = try m.required("cores").integer(in: 1...4096)
            let access = try m["access"].map { a throws(ScenarioError) in
                try linkParameters(a.mapping(allowed: TopologyParser.accessKeys), requireLatency: false)
            }
            providers.append((domain, r, access != nil))
            result.append(Topology.Provider(domain: domain, region: r, cores: cores, access: access))
        }
        return result
    }

    func provider(_ v: YAMLValue) throws(ScenarioError) -> String {
        let n = try v.string()
        guard providers.contains(where: { $0.domain == n }) else {
            throw v.error(.unknownName, "no provider named '\(n)' (providers: \(providers.map(\.domain).joined(separator: ", ")))")
        }
        return n
    }

    func clients(_ v: YAMLValue) throws(ScenarioError) -> (Topology.ClientAccess?, [(domain: String, access: Topology.ClientAccess)]) {
        let m = try v.mapping(allowed: ["default", "providers"])
        let defaultValue = try m.required("default")
        let base = try clientAccess(defaultValue.mapping(allowed: TopologyParser.clientKeys), over: nil)
        var overrides: [(domain: String, access: Topology.ClientAccess)] = []
        if let p = m["providers"] {
            let per = try p.mapping(allowed: [])
            for (domain, key, settings) in per.entries {
                _ = try provider(key)
                overrides.append((domain, try clientAccess(settings.mapping(allowed: TopologyParser.clientKeys), over: base)))
            }
        }
        return (base, overrides)
    }

    /// Client settings; with `over`, only the keys given replace the defaults.
    func clientAccess(_ m: YAMLMapping, over base: Topology.ClientAccess?) throws(ScenarioError) -> Topology.ClientAccess {
        var link = try linkParameters(m, requireLatency: base == nil)
        if let base {
            if m["latency"] == nil { link.latency = base.link.latency }
            if m["jitter"] == nil { link.jitter = base.link.jitter }
            if m["bandwidth"] == nil { link.bitsPerSecond = base.link.bitsPerSecond }
            if m["loss"] == nil { link.lossRate = base.link.lossRate }
            if m["rto"] == nil { link.retransmissionTimeout = base.link.retransmissionTimeout }
            if m["mss"] == nil { link.maximumSegmentSize = base.link.maximumSegmentSize }
        }
        let cores: Int
        if let c = m["cores"] { cores = try c.integer(in: 1...4096) }
        else if let base { cores = base.cores }
        else { cores = try m.required("cores").integer(in: 1...4096) }
        return Topology.ClientAccess(link: link, cores: cores)
    }

    // MARK: groups and endpoints

    mutating func parseGroups(_ v: YAMLValue) throws(ScenarioError) {
        let m = try v.mapping(allowed: [])
        for (name, _, members) in m.entries {
            if regions.contains(name) || providers.contains(where: { $0.domain == name }) || groups.contains(where: { $0.name == name }) {
                throw members.error(.duplicateName, "group name '\(name)' is already a region, provider or group")
            }
            groups.append((name, try endpoints(members)))
        }
    }

    /// A name or list of names of regions, providers or groups.
    func endpoints(_ v: YAMLValue) throws(ScenarioError) -> Topology.Endpoints {
        var result = Topology.Endpoints(regions: [], providers: [])
        for item in try v.names() {
            let n = try item.string()
            if regions.contains(n) { result.regions.append(n) }
            else if providers.contains(where: { $0.domain == n }) { result.providers.append(n) }
            else if let g = groups.first(where: { $0.name == n }) {
                result.regions += g.members.regions; result.providers += g.members.providers
            } else {
                throw item.error(.unknownName, "'\(n)' is not a region, provider or group")
            }
        }
        return result
    }
}

