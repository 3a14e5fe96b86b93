import ConveneCore
import Foundation

/// The SVG heat map of the HTML report: one row per event, one column per level or sector;
/// each cell (`class="cell"`) shows attended/invited and is coloured by the share who came.
struct ReportHeatMap {
    let report: RepresentationReport

    static let labelWidth = 340.0, cellWidth = 64.0, cellHeight = 26.0, headerHeight = 138.0, groupGap = 14.0

    /// Levels first, then sectors, with a gap between the two groups.
    private func x(_ column: Int) -> Double {
        let levels = GovernmentLevel.allCases.count
        return Self.labelWidth + Double(column) * Self.cellWidth + (column >= levels ? Self.groupGap : 0)
    }

    var width: Double { x(report.columns.count) + 12 }
    var height: Double { Self.headerHeight + Double(report.events.count) * Self.cellHeight + 8 }

    func svg() -> String {
        var out = "<svg class=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(svgNumber(width)) \(svgNumber(height))\" width=\"\(svgNumber(width))\" height=\"\(svgNumber(height))\" role=\"img\" aria-label=\"Heat map of events by level and sector\">\n"
        let levels = GovernmentLevel.allCases.count
        let sectors = report.columns.count - levels
        out += groupCaption("government levels", from: 0, count: levels, colour: "#334e68")
        if sectors > 0 { out += groupCaption("sectors", from: levels, count: sectors, colour: "#6b4f9e") }
        for (i, column) in report.columns.enumerated() {
            let cx = x(i) + Self.cellWidth / 2
            out += "<text x=\"\(svgNumber(cx))\" y=\"\(svgNumber(Self.headerHeight - 8))\" transform=\"rotate(-40 \(svgNumber(cx)) \(svgNumber(Self.headerHeight - 8)))\" font-size=\"12\" fill=\"\(i < levels ? "#243b53" : "#4c3575")\">\(ReportHTML.escape(column))</text>\n"
        }
        for (row, event) in report.events.enumerated() {
            let y = Self.headerHeight + Double(row) * Self.cellHeight
            if row % 2 == 1 {
                out += "<rect x=\"0\" y=\"\(svgNumber(y))\" width=\"\(svgNumber(Self.labelWidth - 6))\" height=\"\(svgNumber(Self.cellHeight))\" fill=\"#f7f9fb\"/>\n"
            }
            let muted = !event.attendanceRecorded
            let label = Self.truncate(event.id, to: 42)
            out += "<text x=\"6\" y=\"\(svgNumber(y + 17))\" font-size=\"12\" fill=\"\(muted ? "#7b8794" : "#1f2933")\"\(muted ? " font-style=\"italic\"" : "")>"
                + "<tspan fill=\"#7b8794\">\(ReportHTML.escape(event.date ?? "unscheduled"))</tspan>  \(ReportHTML.escape(label))"
                + "<title>\(ReportHTML.escape(event.title)) (\(ReportHTML.escape(event.status)))</title></text>\n"
            for (i, column) in report.columns.enumerated() {
                out += cell(event: event, tally: event.tally(column), column: column, x: x(i), y: y)
            }
        }
        out += "</svg>"
        return out
    }

    private func groupCaption(_ text: String, from: Int, count: Int, colour: String) -> String {
        let x0 = x(from) + 2, x1 = x(from + count - 1) + Self.cellWidth - 2
        return "<line x1=\"\(svgNumber(x0))\" y1=\"16\" x2=\"\(svgNumber(x1))\" y2=\"16\" stroke=\"\(colour)\" stroke-width=\"3\"/>"
            + "<text x=\"\(svgNumber(x0))\" y=\"11\" font-size=\"11\" font-weight=\"600\" fill=\"\(colour)\" letter-spacing=\"0.04em\">\(text.uppercased())</text>\n"
    }

    /// One cell: a `rect.cell`, its text and a tooltip.
    private func cell(event: EventRepresentation, tally: ConstituencyTally?, column: String, x: Double, y: Double) -> String {
        let invited = tally?.invited ?? 0, attended = tally?.present ?? 0
        let shown = tally.map { ReportTables.attended($0.attended, counted: $0.counted) } ?? "0"
        let required = tally?.required ?? false, gap = tally?.gap
        var classes = ["cell"]
        let fill: String
        var text = ""
        if invited == 0 && attended == 0 {
            fill = required ? "#fde8e8" : "#f1f4f8"
            classes.append("empty")
        } else if !event.attendanceRecorded {
            fill = "#e6ecf5"
            text = "\(invited)/–"
            classes.append("unrecorded")
        } else if invited == 0 {
            fill = "#c9d3fb"
            text = "0/\(shown)"
            classes.append("walk-in")
        } else {
            fill = Self.colour(Double(attended) / Double(invited))
            text = "\(invited)/\(shown)"
        }
        if required { classes.append("required") }
        if gap != nil { classes.append("gap") }
        let stroke = gap != nil ? " stroke=\"#dc2626\" stroke-width=\"2.5\"" : required ? " stroke=\"#334e68\" stroke-width=\"1.5\"" : " stroke=\"#ffffff\" stroke-width=\"1\""
        var tip = "\(event.id), \(column): invited \(invited)"
        if event.repliesRecorded { tip += ", accepted \(tally?.accepted ?? 0)" }
        tip += event.attendanceRecorded ? ", attended \(shown)" : ", attendance not recorded"
        if required { tip += "; required" }
        if let gap { tip += " (\(gap.rawValue))" }
        var out = "<rect class=\"\(classes.joined(separator: " "))\" x=\"\(svgNumber(x + 1.5))\" y=\"\(svgNumber(y + 1.5))\" width=\"\(svgNumber(Self.cellWidth - 3))\" height=\"\(svgNumber(Self.cellHeight - 3))\" rx=\"3\" fill=\"\(fill)\"\(stroke)><title>\(ReportHTML.escape(tip))</title></rect>"
        if !text.isEmpty {
            out += "<text x=\"\(svgNumber(x + Self.cellWidth / 2))\" y=\"\(svgNumber(y + 17.5))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1f2933\">\(text)</text>"
        }
        if gap != nil {
            out += "<text x=\"\(svgNumber(x + Self.cellWidth - 9))\" y=\"\(svgNumber(y + 13))\" font-size=\"11\" font-weight=\"700\" fill=\"#dc2626\">!</text>"
        }
        return out + "\n"
    }

    /// Light red (nobody came) through amber (half) to green (everyone invited came), in 1% steps.
    static func colour(_ share: Double) -> String {
        palette[Int((min(max(share, 0), 1) * 100).rounded())]
    }

    private static let palette: [String] = (0...100).map { mix(Double($0) / 100) }

    private static func mix(_ share: Double) -> String {
        let stops: [(Double, (Double, Double, Double))] = [(0, (252, 199, 199)), (0.5, (253, 226, 140)), (1, (110, 207, 160))]
        let t = min(max(share, 0), 1)
        let (a, b) = t <= 0.5 ? (stops[0], stops[1]) : (stops[1], stops[2])
        let u = (t - a.0) / (b.0 - a.0)
        let mix = { (p: Double, q: Double) in Int((p + (q - p) * u).rounded()) }
        return String(format: "#%02x%02x%02x", mix(a.1.0, b.1.0), mix(a.1.1, b.1.1), mix(a.1.2, b.1.2))
    }

    static func truncate(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}

/// Numbers for SVG attributes: at most one decimal, no trailing zero.
func svgNumber(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
}
