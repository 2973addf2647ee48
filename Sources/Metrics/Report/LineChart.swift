/// A line chart drawn as one SVG: several named series over shared x and y scales (linear or log),
/// with axes, grid, tick labels and a legend on the right.
struct LineChart {
    /// One line.
    struct Series {
        var name: String
        var color: String
        var dashed = false
        var points: [(x: Double, y: Double)]
        /// Consecutive points further apart in x than this are not joined (a gap in a time series).
        var maxGap: Double? = nil
    }

    var title: String
    var xLabel: String
    var yLabel: String
    var xKind: ChartScale.Kind = .linear
    var yKind: ChartScale.Kind = .linear
    var yIncludesZero = true
    var series: [Series]
    var width = 1080.0
    var height = 340.0

    private let left = 72.0, right = 250.0, top = 34.0, bottom = 48.0

    func render() -> String {
        var svg = SVGWriter(width: width, height: height)
        svg.text(title, left, 20, cls: "ttl")
        let xs = series.flatMap { $0.points.map(\.x) }, ys = series.flatMap { $0.points.map(\.y) }
        let plotRight = width - right, plotBottom = height - bottom
        let usable = xs.contains { $0.isFinite && (xKind == .linear || $0 > 0) }
        guard usable else {
            svg.line(left, plotBottom, plotRight, plotBottom, cls: "axis")
            svg.text("no data recorded", (left + plotRight) / 2, (top + plotBottom) / 2, anchor: "middle", cls: "nodata")
            return svg.render(title: title)
        }
        let x = ChartScale(kind: xKind, values: xs, from: left, to: plotRight)
        let y = ChartScale(kind: yKind, values: ys, from: plotBottom, to: top, includeZero: yIncludesZero && yKind == .linear)
        for t in y.ticks {
            let py = y.position(t)
            svg.line(left, py, plotRight, py, cls: "grid")
            svg.text(NumberFormat.short(t, significant: 3), left - 6, py + 4, anchor: "end")
        }
        for t in x.ticks {
            let px = x.position(t)
            svg.line(px, top, px, plotBottom, cls: "grid")
            svg.text(NumberFormat.short(t, significant: 3), px, plotBottom + 16, anchor: "middle")
        }
        svg.line(left, plotBottom, plotRight, plotBottom, cls: "axis")
        svg.line(left, top, left, plotBottom, cls: "axis")
        svg.text(xLabel, (left + plotRight) / 2, height - 10, anchor: "middle", cls: "axl")
        svg.text(yLabel, 16, (top + plotBottom) / 2, anchor: "middle", cls: "axl", rotate: -90)
        for s in series {
            let pts = s.points.filter { $0.x.isFinite && $0.y.isFinite && (xKind == .linear || $0.x > 0) && (yKind == .linear || $0.y > 0) }
            var run: [(Double, Double)] = []
            var previous: Double?
            for p in pts {
                if let gap = s.maxGap, let previous, p.x - previous > gap {
                    draw(run, s, into: &svg)
                    run = []
                }
                run.append((x.position(p.x), y.position(p.y)))
                previous = p.x
            }
            draw(run, s, into: &svg)
        }
        for (i, s) in series.enumerated() {
            let ly = top + 8 + Double(i) * 18
            svg.polyline([(plotRight + 14, ly), (plotRight + 40, ly)], stroke: s.color, dashed: s.dashed, width: 2.5)
            svg.text(s.name, plotRight + 46, ly + 4)
        }
        return svg.render(title: title)
    }

    /// One joined run of points: a polyline, or a dot when it is a single point.
    private func draw(_ run: [(Double, Double)], _ s: Series, into svg: inout SVGWriter) {
        if run.count == 1 { svg.dot(run[0].0, run[0].1, fill: s.color) } else { svg.polyline(run, stroke: s.color, dashed: s.dashed) }
    }
}
