import ConveneCore

/// The representation report as one self-contained HTML page: inline CSS and SVG, no scripts, no
/// network; readable on screen and printable. Every piece of text from the plan is escaped.
struct ReportHTML {
    let report: RepresentationReport

    /// Escapes text for HTML content and attribute values.
    static func escape(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    private static func e(_ text: String) -> String { escape(text) }

    func document() -> String {
        let s = report.summary
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Who came to the table: \(Self.e(report.workspace))</title>
            <style>
            \(ReportStyle.css)
            </style>
            </head>
            <body>
            <main>
            <header class="top">
            <h1>Who came to the table</h1>
            <p>Representation by level of government and sector · workspace <b>\(Self.e(report.workspace))</b> · \(Self.e(report.scope.description))</p>
            </header>

            """
        html += "<section class=\"cards\">\n"
        html += card("\(s.events)", "events in scope")
        html += card("\(s.withAttendance)", "with attendance recorded (of \(s.held) held)")
        html += card("\(s.attended)", "attended in all")
        html += card("\(s.nationalAndLocal)/\(s.nationalAndLocalInvited)", "national and local together, of events inviting both")
        html += card("\(s.deputies)", "deputies standing in")
        html += card("\(s.guests)", "walk-in guests")
        html += card("\(s.eventsWithGaps)", "events missing a required level or sector", alert: s.eventsWithGaps > 0)
        html += "</section>\n"
        html += "<p class=\"lede\">\(Self.e(ReportTables(report: report).headline.joined(separator: " ")))</p>\n"

        html += "<h2>Heat map: who was invited and who came</h2>\n"
        html += "<p class=\"note\">One row per event, oldest first; one column per level of government and per sector. A cell reads <b>invited/attended</b>, in the order of the tables below (attended counts names; <b>~N</b> is a head count, the whole room with the named included, never added to them), and is coloured by the share of invitees from that level who came (deputies and guests count by their own level). Outlined cells are required by the event; red outlines mark a required level that was not invited, or from which nobody came.</p>\n"
        html += "<figure>\(ReportHeatMap(report: report).svg())\n"
        html += """
            <figcaption class="legend">
            <span><i style="background:#fcc7c7"></i>nobody came</span>
            <span><i style="background:#fde28c"></i>about half came</span>
            <span><i style="background:#6ecfa0"></i>everyone invited came</span>
            <span><i style="background:#c9d3fb"></i>came without an invitation from that level</span>
            <span><i style="background:#e6ecf5"></i>invited, attendance not recorded</span>
            <span><i style="background:#f1f4f8"></i>not invited</span>
            <span><i style="background:#fff;border:2px solid #334e68"></i>required</span>
            <span><i style="background:#fde8e8;border:2px solid #dc2626"></i>required but missing</span>
            </figcaption></figure>

            """

        if !report.series.isEmpty {
            html += "<h2>Series over time: follow-ups and who came back</h2>\n"
            html += "<p class=\"note\">Each dot is an event, sized by attendance: green when national and local government both attended, amber when not, grey when held without attendance recorded, hollow when still to come. Arrows link an event to the one it follows up (dashed until both have attendance recorded). Under each event: its month, and how many of those at the event it follows came back (in person, or a deputy in their place). Red dashes mark gaps longer than the series' cadence.</p>\n"
            html += "<figure>\(ReportTimeline(report: report).svg())</figure>\n"
        }

        html += "<h2>Events</h2>\n" + eventsTable() + levelTable()
        let dates = Dictionary(uniqueKeysWithValues: report.events.map { ($0.id, $0.date ?? "unscheduled") })
        for series in report.series { html += seriesBlock(series, dates: dates) }
        if !report.countries.isEmpty { html += "<h2>Countries</h2>\n" + groupTable(report.countries, header: "country") }
        if !report.pillars.isEmpty { html += "<h2>NLC pillars</h2>\n" + groupTable(report.pillars, header: "pillar") }
        html += """
            <footer>Made by <code>convene report levels --format html</code>. Invited counts people (organisations expanded to their members); accepted counts invitees whose latest imported reply is ACCEPTED or DELEGATED; attended counts everyone recorded by <code>convene attend</code>, deputies and walk-in guests included. National and local at the same table: national and local (or neighbourhood) government both attended.</footer>
            </main>
            </body>
            </html>

            """
        return html
    }

    private static func nationalAndLocal(_ event: EventRepresentation) -> String {
        let text = ReportTables.nationalAndLocal(event)
        switch text {
        case "no": return "<span class=\"flag\">no</span>"
        case "not both invited": return "<span class=\"muted\">not both invited</span>"
        default: return e(text)
        }
    }

    /// A column header with the short label and the full name on hover.
    private static func header(_ column: String) -> String {
        "<th class=\"num\"><abbr title=\"\(e(column))\">\(e(ReportTables.shortLabels[column] ?? column))</abbr></th>"
    }

    private func card(_ value: String, _ label: String, alert: Bool = false) -> String {
        "<div class=\"card\(alert ? " alert" : "")\"><b>\(Self.e(value))</b><span>\(Self.e(label))</span></div>\n"
    }

    private func eventsTable() -> String {
        var html = "<table class=\"events\"><thead><tr><th>date</th><th>event</th><th>country</th><th class=\"num\">invited</th><th class=\"num\">accepted</th><th class=\"num\">attended</th><th class=\"num\">invitees present</th><th class=\"num\">deputies</th><th class=\"num\">guests</th><th>national + local</th><th>missing</th></tr></thead><tbody>\n"
        for event in report.events {
            let recorded = event.attendanceRecorded
            html += "<tr><td class=\"num\">\(Self.e(event.date ?? "unscheduled"))\(event.recurs ? " (recurs)" : "")</td>"
                + "<td class=\"title\">\(Self.e(event.title))<br><span class=\"id\">\(Self.e(event.id)) · \(Self.e(event.status))</span></td>"
                + "<td>\(Self.e(event.country ?? "–"))</td>"
                + "<td class=\"num\">\(event.invited)</td>"
                + "<td class=\"num\">\(event.repliesRecorded ? "\(event.accepted)" : "–")</td>"
                + "<td class=\"num\">\(recorded ? ReportTables.attended(event.attended, counted: event.counted) : "–")</td>"
                + "<td class=\"num\">\(recorded ? "\(event.represented) (\(ReportTables.percent(event.represented, of: event.invited)))" : "–")</td>"
                + "<td class=\"num\">\(recorded ? "\(event.deputies)" : "–")</td>"
                + "<td class=\"num\">\(recorded ? "\(event.guests)" : "–")</td>"
                + "<td>\(Self.nationalAndLocal(event))</td>"
                + "<td class=\"gap\">\(Self.e(ReportTables.gaps(event)))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// Invited / accepted / attended for every level and sector of every event.
    private func levelTable() -> String {
        var html = "<h3>By level and sector: invited / accepted / attended</h3>\n"
        html += "<p class=\"note\">– not recorded yet; * required; ! required but missing.</p>\n"
        html += "<table class=\"levels\"><thead><tr><th>event</th>" + report.columns.map(Self.header).joined() + "</tr></thead><tbody>\n"
        for event in report.events {
            html += "<tr><td><span class=\"id\">\(Self.e(event.id))</span></td>"
            for column in report.columns {
                let tally = event.tally(column)
                let text = ReportTables.cell(tally, event)
                html += "<td class=\"num\(tally?.gap != nil ? " gap" : "")\">\(Self.e(text))</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    private func seriesBlock(_ series: SeriesRepresentation, dates: [String: String]) -> String {
        var html = "<div class=\"series\"><h3>\(Self.e(series.title)) <span class=\"id\">\(Self.e(series.id))</span></h3>\n"
        var cadence: [String] = []
        if let max = series.maxGapMonths { cadence.append("at most \(max) months apart") }
        if let min = series.minGapMonths { cadence.append("at least \(min) month\(min == 1 ? "" : "s") apart") }
        html += "<p class=\"note\">\(series.events.count) event\(series.events.count == 1 ? "" : "s")\(series.country.map { " in \(Self.e($0))" } ?? "")"
            + "\(cadence.isEmpty ? "; no cadence set" : "; cadence: " + cadence.joined(separator: ", ")).</p>\n"
        html += "<table><thead><tr><th>date</th><th>event</th>" + series.participation.map { Self.header($0.constituency) }.joined() + "</tr></thead><tbody>\n"
        for (i, id) in series.events.enumerated() {
            html += "<tr><td class=\"num\">\(Self.e(dates[id] ?? "unscheduled"))</td><td><span class=\"id\">\(Self.e(id))</span></td>"
                + series.participation.map { "<td class=\"num\">\($0.attended[i].map(String.init) ?? "–")</td>" }.joined() + "</tr>\n"
        }
        html += "</tbody></table>\n"
        if !series.steps.isEmpty {
            let levels = series.retention.map(\.constituency)
            html += "<table><thead><tr><th>who came back</th>" + levels.map(Self.header).joined() + "<th class=\"num\">everyone</th></tr></thead><tbody>\n"
            for step in series.steps {
                html += "<tr><td><span class=\"id\">\(Self.e(step.from))</span> → <span class=\"id\">\(Self.e(step.to))</span>\(step.isFollowUp ? "" : " (next event)")</td>"
                for level in levels {
                    let count = step.byLevel.first { $0.constituency == level }
                    html += "<td class=\"num\">\(count.map { "\($0.returned)/\($0.before)" } ?? "·")</td>"
                }
                html += "<td class=\"num\">\(step.returned)/\(step.before) (\(ReportTables.percent(step.returned, of: step.before)))</td></tr>\n"
            }
            html += "<tr><td><b>retention by level</b></td>" + levels.map { level in
                let count = series.retention.first { $0.constituency == level }!
                return "<td class=\"num\"><b>\(ReportTables.percent(count.returned, of: count.before))</b></td>"
            }.joined()
            let before = series.steps.map(\.before).reduce(0, +), returned = series.steps.map(\.returned).reduce(0, +)
            html += "<td class=\"num\"><b>\(ReportTables.percent(returned, of: before))</b></td></tr>\n</tbody></table>\n"
        }
        let flagged = series.gaps.filter { $0.tooLong || $0.tooShort }
        if !series.gaps.isEmpty {
            html += "<p class=\"note\">Gaps: " + series.gaps.map { gap in
                let text = "\(Self.e(gap.from)) → \(Self.e(gap.to)) \(gap.months) months"
                return gap.tooLong || gap.tooShort ? "<span class=\"flag\">\(text) (\(gap.tooLong ? "too long" : "too soon"))</span>" : text
            }.joined(separator: "; ") + (flagged.isEmpty && !cadence.isEmpty ? " (all within the cadence)." : ".") + "</p>\n"
        }
        return html + "</div>\n"
    }

    private func groupTable(_ groups: [GroupRepresentation], header: String) -> String {
        var html = "<table><thead><tr><th>\(header)</th><th class=\"num\">events</th><th class=\"num\">held</th><th class=\"num\">with attendance</th><th class=\"num\">national + local</th><th>levels and sectors that took part (dashed: invited, nobody came; dotted: invited, not held or not recorded yet)</th></tr></thead><tbody>\n"
        for group in groups {
            let chips = group.presence.filter { $0.attendedAt > 0 || $0.invitedAt > 0 }.map { presence in
                // Dashed only where attendance was recorded and nobody came; events still to come are dotted.
                let state = presence.attendedAt > 0 ? nil : presence.missedAt > 0 ? "off" : "upcoming"
                let classes = ["chip", presence.isLevel ? nil : "sector", state].compactMap { $0 }
                let count = presence.attendedAt > 0 ? " \(presence.attendedAt)" : ""
                return "<span class=\"\(classes.joined(separator: " "))\" title=\"invited at \(presence.invitedAt), attended at \(presence.attendedAt) of \(group.events)\">\(Self.e(presence.constituency))\(count)</span>"
            }.joined()
            html += "<tr><td><b>\(Self.e(group.key))</b></td><td class=\"num\">\(group.events)</td><td class=\"num\">\(group.held)</td><td class=\"num\">\(group.withAttendance)</td><td class=\"num\">\(group.nationalAndLocal)</td><td>\(chips)</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }
}
