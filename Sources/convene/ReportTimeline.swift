import ConveneCore
import Foundation

/// The SVG timeline of the HTML report: one lane per series on a shared time axis, a dot per
/// event (sized by attendance, labelled with how many came back from the event before), arcs for
/// the follow-up links, and the
/// gaps longer than the series' cadence drawn in red.
struct ReportTimeline {
    let report: RepresentationReport

    static let width = 1280.0, left = 24.0, right = 24.0, laneHeight = 172.0, top = 34.0

    private var events: [String: EventRepresentation] {
        Dictionary(uniqueKeysWithValues: report.events.map { ($0.id, $0) })
    }

    /// Days since 1970 of an event's date.
    private static func day(_ event: EventRepresentation?) -> Int? {
        event?.date.flatMap(CivilDate.init(iso:))?.daysSinceEpoch
    }

    func svg() -> String {
        let events = self.events
        let days = report.series.flatMap { $0.events.compactMap { Self.day(events[$0]) } }
        guard let first = days.min(), let last = days.max() else { return "" }
        let firstYear = CivilDate(daysSinceEpoch: first).year
        let lastYear = CivilDate(daysSinceEpoch: last).year + 1
        let start = Double(CivilDate(year: firstYear, month: 1, day: 1).daysSinceEpoch)
        let end = Double(CivilDate(year: lastYear, month: 1, day: 1).daysSinceEpoch) + 75  // room for unscheduled
        let span = Self.width - Self.left - Self.right
        let x = { (day: Double) in Self.left + (day - start) / (end - start) * span }
        let height = Self.top + Double(report.series.count) * Self.laneHeight + 10

        var out = "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(svgNumber(Self.width)) \(svgNumber(height))\" width=\"\(svgNumber(Self.width))\" height=\"\(svgNumber(height))\" role=\"img\" aria-label=\"Timeline of each series\">\n"
        out += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#0f766e\"/></marker></defs>\n"
        for year in firstYear...lastYear {
            let yx = x(Double(CivilDate(year: year, month: 1, day: 1).daysSinceEpoch))
            out += "<line x1=\"\(svgNumber(yx))\" y1=\"\(svgNumber(Self.top - 8))\" x2=\"\(svgNumber(yx))\" y2=\"\(svgNumber(height - 6))\" stroke=\"#e4e7eb\"/>"
            if year < lastYear {
                out += "<text x=\"\(svgNumber(yx + 4))\" y=\"\(svgNumber(Self.top - 14))\" font-size=\"12\" fill=\"#7b8794\">\(year)</text>\n"
            }
        }
        for (lane, series) in report.series.enumerated() {
            let y0 = Self.top + Double(lane) * Self.laneHeight
            let axis = y0 + 96
            out += "<text x=\"\(svgNumber(Self.left))\" y=\"\(svgNumber(y0 + 14))\" font-size=\"13\" font-weight=\"600\" fill=\"#1f2933\">\(ReportHTML.escape(series.title))"
                + "<tspan font-weight=\"400\" fill=\"#7b8794\">  \(ReportHTML.escape(series.id))\(series.maxGapMonths.map { " · at most \($0) months apart" } ?? "")</tspan></text>\n"
            var position: [String: Double] = [:]
            var unscheduled = 0
            let dated = series.events.compactMap { id in Self.day(events[id]).map { (id, $0) } }
            let lastDay = dated.map(\.1).max() ?? first
            for id in series.events {
                if let day = Self.day(events[id]) {
                    position[id] = x(Double(day))
                } else {
                    unscheduled += 1
                    position[id] = x(Double(lastDay + 45 * unscheduled))
                }
            }
            let xs = series.events.compactMap { position[$0] }
            if let lo = xs.min(), let hi = xs.max() {
                out += "<line x1=\"\(svgNumber(lo))\" y1=\"\(svgNumber(axis))\" x2=\"\(svgNumber(hi))\" y2=\"\(svgNumber(axis))\" stroke=\"#9aa5b1\" stroke-width=\"2\"/>\n"
            }
            for gap in series.gaps where gap.tooLong || gap.tooShort {
                guard let a = position[gap.from], let b = position[gap.to] else { continue }
                out += "<line class=\"cadence-gap\" x1=\"\(svgNumber(a))\" y1=\"\(svgNumber(axis))\" x2=\"\(svgNumber(b))\" y2=\"\(svgNumber(axis))\" stroke=\"#dc2626\" stroke-width=\"4\" stroke-dasharray=\"6 4\"><title>\(ReportHTML.escape("\(gap.months) months between \(gap.from) and \(gap.to): \(gap.tooLong ? "longer" : "shorter") than the cadence"))</title></line>"
                out += "<text x=\"\(svgNumber((a + b) / 2))\" y=\"\(svgNumber(axis - 6))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#dc2626\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">\(gap.months) months</text>\n"
            }
            // The plan's follow-up links (dashed until both events have attendance), and dashed grey arcs
            // where retention is measured against the previous event instead.
            let steps = Dictionary(series.steps.map { ("\($0.from)>\($0.to)", $0) }, uniquingKeysWith: { a, _ in a })
            var links: [(from: String, to: String, followUp: Bool)] = []
            for id in series.events {
                if let from = events[id]?.follows, position[from] != nil { links.append((from, id, true)) }
            }
            for step in series.steps where !step.isFollowUp { links.append((step.from, step.to, false)) }
            for link in links {
                guard let a = position[link.from], let b = position[link.to] else { continue }
                let step = steps["\(link.from)>\(link.to)"]
                let lift = min(46, max(16, abs(b - a) / 3))
                let mid = (a + b) / 2
                let colour = link.followUp ? "#0f766e" : "#9aa5b1"
                let dash = link.followUp ? (step == nil ? " stroke-dasharray=\"5 3\"" : "") : " stroke-dasharray=\"3 3\""
                let tip = "\(link.to) \(link.followUp ? "follows up" : "comes after") \(link.from)"
                    + (step.map { ": \($0.returned) of \($0.before) came back" } ?? "")
                out += "<path class=\"follow-up\" d=\"M\(svgNumber(a)),\(svgNumber(axis - 9)) Q\(svgNumber(mid)),\(svgNumber(axis - 9 - lift * 2)) \(svgNumber(b)),\(svgNumber(axis - 9))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.6\"\(dash)\(link.followUp ? " marker-end=\"url(#arrow)\"" : "")><title>\(ReportHTML.escape(tip))</title></path>"
                out += "\n"
            }
            let incoming = Dictionary(series.steps.map { ($0.to, $0) }, uniquingKeysWith: { a, _ in a })
            var previousX = -100.0, stagger = false
            for id in series.events {
                guard let cx = position[id], let event = events[id] else { continue }
                let attended = event.attendanceRecorded ? event.attended : 0
                let r = event.attendanceRecorded ? min(15, 5 + sqrt(Double(attended)) * 1.6) : 6
                let style: String
                if event.date == nil {
                    style = "fill=\"#fff\" stroke=\"#7b8794\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\""
                } else if event.attendanceRecorded {
                    style = "fill=\"\(event.nationalAndLocal == true ? "#0f766e" : "#d97706")\" stroke=\"#fff\" stroke-width=\"1.5\""
                } else if event.status == "held" {
                    style = "fill=\"#cbd2d9\" stroke=\"#7b8794\" stroke-width=\"1\""
                } else {
                    style = "fill=\"#fff\" stroke=\"#0f766e\" stroke-width=\"1.5\""
                }
                let tip = "\(event.title) (\(event.date ?? "unscheduled"), \(event.status))"
                    + (event.attendanceRecorded ? ": \(event.attended) attended" : "")
                out += "<circle class=\"event\" cx=\"\(svgNumber(cx))\" cy=\"\(svgNumber(axis))\" r=\"\(svgNumber(r))\" \(style)><title>\(ReportHTML.escape(tip))</title></circle>"
                stagger = cx - previousX < 62 ? !stagger : false
                previousX = cx
                let label = event.date.map { String($0.prefix(7)) } ?? "unscheduled"
                let below = axis + (stagger ? 56 : 28)
                out += "<text x=\"\(svgNumber(cx))\" y=\"\(svgNumber(below))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#52606d\">\(label)</text>"
                if let step = incoming[id] {
                    out += "<text class=\"came-back\" x=\"\(svgNumber(cx))\" y=\"\(svgNumber(below + 13))\" font-size=\"11\" text-anchor=\"middle\" fill=\"\(step.isFollowUp ? "#0f766e" : "#7b8794")\">\(step.returned)/\(step.before) back</text>"
                }
                out += "\n"
            }
        }
        out += "</svg>"
        return out
    }
}
