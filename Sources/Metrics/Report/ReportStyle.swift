/// Colours and the inline stylesheet of `report.html`.
enum ReportStyle {
    /// Series colours (Tableau 10), assigned in sorted-name order so a metric keeps its colour across charts.
    static let palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                          "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]

    /// The colour of the `index`th name.
    static func color(_ index: Int) -> String { palette[index % palette.count] }

    /// The page's stylesheet (no external fonts or resources).
    static let css = """
    body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222; margin: 24px auto; max-width: 1120px; padding: 0 16px; }
    h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
    table { border-collapse: collapse; margin: 6px 0 12px; font-variant-numeric: tabular-nums; }
    th, td { border: 1px solid #ddd; padding: 3px 9px; text-align: right; } th { background: #f4f4f4; }
    td.l, th.l { text-align: left; } td.mono { font-family: Menlo, Consolas, monospace; font-size: 12px; text-align: left; }
    .pass { color: #1a7f37; font-weight: 600; } .fail { color: #cf222e; font-weight: 600; }
    .muted { color: #666; } .badge { display: inline-block; padding: 2px 10px; border-radius: 10px; color: #fff; font-weight: 600; }
    .badge.pass { background: #1a7f37; color: #fff; } .badge.fail { background: #cf222e; color: #fff; }
    figure { margin: 10px 0 22px; } figcaption { color: #555; font-size: 13px; margin-top: 2px; }
    svg { display: block; max-width: 100%; height: auto; }
    svg .grid { stroke: #e6e6e6; stroke-width: 1; } svg .axis { stroke: #555; stroke-width: 1; }
    svg text { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
    svg .lbl { font-size: 12px; fill: #333; } svg .note { font-size: 11px; fill: #444; }
    svg .ttl { font-size: 15px; font-weight: 600; fill: #222; } svg .axl { font-size: 12px; fill: #555; }
    svg .nodata { font-size: 14px; fill: #999; }
    """
}
