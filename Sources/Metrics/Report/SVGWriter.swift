/// Builds one `<svg>` element as text: deterministic output, coordinates rounded to 0.1 px, text escaped.
struct SVGWriter {
    private(set) var body = ""
    let width: Double, height: Double

    init(width: Double, height: Double) { self.width = width; self.height = height }

    /// Escapes text and attribute values for XML/HTML.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A coordinate with at most one decimal.
    static func c(_ v: Double) -> String { NumberFormat.plain((v * 10).rounded() / 10, decimals: 1) }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, cls: String) {
        body += "<line class=\"\(cls)\" x1=\"\(Self.c(x1))\" y1=\"\(Self.c(y1))\" x2=\"\(Self.c(x2))\" y2=\"\(Self.c(y2))\"/>\n"
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, title: String? = nil) {
        let open = "<rect x=\"\(Self.c(x))\" y=\"\(Self.c(y))\" width=\"\(Self.c(Swift.max(w, 0)))\" height=\"\(Self.c(Swift.max(h, 0)))\" fill=\"\(fill)\""
        if let title { body += open + "><title>\(Self.escape(title))</title></rect>\n" } else { body += open + "/>\n" }
    }

    /// A polyline through `points`; `dashed` draws it dashed.
    mutating func polyline(_ points: [(Double, Double)], stroke: String, dashed: Bool = false, width: Double = 1.8) {
        guard !points.isEmpty else { return }
        let pts = points.map { "\(Self.c($0.0)),\(Self.c($0.1))" }.joined(separator: " ")
        body += "<polyline fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(NumberFormat.plain(width))\""
            + (dashed ? " stroke-dasharray=\"6 4\"" : "") + " points=\"\(pts)\"/>\n"
    }

    /// A filled dot (a time-series point with no neighbour to join).
    mutating func dot(_ x: Double, _ y: Double, fill: String) {
        body += "<circle cx=\"\(Self.c(x))\" cy=\"\(Self.c(y))\" r=\"2.5\" fill=\"\(fill)\"/>\n"
    }

    /// Text at (x, y); `anchor` is start, middle or end; `rotate` turns it (degrees) around its anchor.
    mutating func text(_ s: String, _ x: Double, _ y: Double, anchor: String = "start", cls: String = "lbl", rotate: Double? = nil) {
        let transform = rotate.map { " transform=\"rotate(\(NumberFormat.plain($0)) \(Self.c(x)) \(Self.c(y)))\"" } ?? ""
        body += "<text class=\"\(cls)\" x=\"\(Self.c(x))\" y=\"\(Self.c(y))\" text-anchor=\"\(anchor)\"\(transform)>\(Self.escape(s))</text>\n"
    }

    /// The finished element, with an accessible title.
    func render(title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.c(width)) \(Self.c(height))\" width=\"\(Self.c(width))\" height=\"\(Self.c(height))\" role=\"img\" aria-label=\"\(Self.escape(title))\">\n<title>\(Self.escape(title))</title>\n" + body + "</svg>\n"
    }
}
