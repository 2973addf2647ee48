/// A horizontal bar chart drawn as one SVG; each bar may be stacked from named segments (one colour per
/// segment name, with a legend), and is labelled at its end.
struct BarChart {
    /// One bar: a category and its segments in stacking order.
    struct Bar {
        var label: String
        var segments: [(series: String, value: Double)]
        var note: String
    }

    var title: String
    var valueLabel: String
    var bars: [Bar]
    /// Colour of each segment name, in legend order.
    var colors: [(series: String, color: String)]
    var format: (Double) -> String
    var width = 1080.0

    private let left = 180.0, right = 250.0, top = 34.0, rowHeight = 24.0, bottom = 48.0

    func render() -> String {
        let height = top + Double(Swift.max(bars.count, 1)) * rowHeight + bottom
        var svg = SVGWriter(width: width, height: height)
        svg.text(title, 16, 20, cls: "ttl")
        let plotRight = width - right, plotBottom = height - bottom
        let totals = bars.map { $0.segments.reduce(0) { $0 + Swift.max($1.value, 0) } }
        guard let peak = totals.max(), peak > 0 else {
            svg.line(left, plotBottom, plotRight, plotBottom, cls: "axis")
            svg.text("no data recorded", (left + plotRight) / 2, (top + plotBottom) / 2, anchor: "middle", cls: "nodata")
            return svg.render(title: title)
        }
        let x = ChartScale(kind: .linear, values: totals, from: left, to: plotRight, includeZero: true)
        for t in x.ticks {
            let px = x.position(t)
            svg.line(px, top, px, plotBottom, cls: "grid")
            svg.text(format(t), px, plotBottom + 16, anchor: "middle")
        }
        let color = Dictionary(colors.map { ($0.series, $0.color) }, uniquingKeysWith: { a, _ in a })
        for (i, bar) in bars.enumerated() {
            let y = top + Double(i) * rowHeight + 3
            svg.text(bar.label, left - 8, y + rowHeight / 2 + 1, anchor: "end")
            var acc = 0.0
            for seg in bar.segments where seg.value > 0 {
                let x0 = x.position(acc), x1 = x.position(acc + seg.value)
                svg.rect(x0, y, x1 - x0, rowHeight - 6, fill: color[seg.series] ?? "#888888",
                         title: "\(bar.label) \(seg.series): \(format(seg.value))")
                acc += seg.value
            }
            svg.text(bar.note, x.position(acc) + 6, y + rowHeight / 2 + 1, cls: "note")
        }
        svg.line(left, plotBottom, plotRight, plotBottom, cls: "axis")
        svg.line(left, top, left, plotBottom, cls: "axis")
        svg.text(valueLabel, (left + plotRight) / 2, height - 10, anchor: "middle", cls: "axl")
        if colors.count > 1 {
            var lx = left + 300
            for c in colors {
                svg.rect(lx, 10, 14, 12, fill: c.color)
                svg.text(c.series, lx + 19, 20)
                lx += 36 + Double(c.series.count) * 7.5
            }
        }
        return svg.render(title: title)
    }
}
