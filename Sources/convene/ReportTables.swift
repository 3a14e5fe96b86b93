import ConveneCore

/// The representation report as titled tables, shared by the text and Markdown renderers.
struct ReportTables {
    /// One part of the report: a heading, sentences, and tables with captions.
    struct Section {
        var title: String
        var lines: [String] = []
        var tables: [(caption: String?, table: TableRenderer)] = []
    }

    let report: RepresentationReport
    /// Short column labels (for the terminal); Markdown keeps the full names.
    var compact = false

    /// Short labels for the terminal table.
    static let shortLabels: [String: String] = [
        "national": "nat", "regional": "reg", "district": "dist", "local": "local", "neighbourhood": "nbhd",
        "civil-society": "civil", "youth": "youth", "research": "resrch", "faith": "faith", "law-enforcement": "police",
        "international-organisation": "intl", "network": "netwk", "private-sector": "private", "media": "media",
    ]

    /// A column's label: one country's own name for a tier when the report covers one country
    /// (`levels:` in plan.yaml), else the canonical name (short in the terminal).
    func label(_ column: String) -> String {
        if let national = report.levelNames?[column], national != column { return national }
        return compact ? Self.shortLabels[column] ?? column : column
    }

    /// "2/1/2": invited / accepted / attended (by name), "~80" a head count rather than names, "–"
    /// for what is not recorded yet; `*` marks a required level or sector, `!` one that is missing
    /// (not invited, nobody came, or below the minimum).
    static func cell(_ tally: ConstituencyTally?, _ event: EventRepresentation) -> String {
        guard let tally else { return "·" }
        let accepted = event.repliesRecorded ? "\(tally.accepted)" : "–"
        let attended = event.attendanceRecorded ? Self.attended(tally.attended, counted: tally.counted) : "–"
        let mark = tally.gap != nil ? "!" : tally.required ? "*" : ""
        return "\(tally.invited)/\(accepted)/\(attended)\(mark)"
    }

    /// Named attendees, and a head count beside them: "2", "~100", "2 ~100" (the count is of the
    /// whole room, the two named included).
    static func attended(_ named: Int, counted: Int?) -> String {
        guard let counted else { return "\(named)" }
        return named == 0 ? "~\(counted)" : "\(named) ~\(counted)"
    }

    /// What is missing at an event, in words.
    static func gaps(_ event: EventRepresentation) -> String {
        var parts: [String] = []
        if !event.missingPlanned.isEmpty { parts.append("not invited: " + event.missingPlanned.joined(separator: ", ")) }
        let absent = event.missingActual.filter { !event.missingPlanned.contains($0) }
        if !absent.isEmpty { parts.append("nobody came: " + absent.joined(separator: ", ")) }
        let short = event.tallies.filter { $0.gap == .belowMinimum }
            .map { "\($0.constituency) \($0.present) of \($0.minimum ?? 0)" }
        if !short.isEmpty { parts.append("below minimum: " + short.joined(separator: ", ")) }
        if event.status == "held" && !event.attendanceRecorded { parts.append("no attendance recorded") }
        return parts.joined(separator: "; ")
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "–" : "\(Int((Double(part) / Double(whole) * 100).rounded()))%"
    }

    /// One event's totals: invited, accepted, attended, invitees present, absent, excused, guests, deputies.
    static func totals(_ e: EventRepresentation) -> [String] {
        let recorded = e.attendanceRecorded
        let present = "\(e.represented) (\(percent(e.represented, of: e.invited)))"
        var row = [e.id, "\(e.invited)", e.repliesRecorded ? "\(e.accepted)" : "–"]
        row += recorded ? [Self.attended(e.attended, counted: e.counted), present, "\(e.absent)", "\(e.excused)"] : ["–", "–", "–", "–"]
        row += ["\(e.guests)", "\(e.deputies)", e.nationalAndLocal.map { $0 ? "yes" : "no" } ?? "–"]
        return row
    }

    /// "yes", "no", "not both invited", or "–" before attendance is recorded.
    static func nationalAndLocal(_ e: EventRepresentation) -> String {
        guard let both = e.nationalAndLocal else { return "–" }
        return both ? "yes" : e.nationalAndLocalInvited ? "no" : "not both invited"
    }

    /// The headline sentences.
    var headline: [String] {
        let s = report.summary
        var lines = ["\(s.events) event\(s.events == 1 ? "" : "s") (\(s.held) held, \(s.withAttendance) with attendance recorded): "
            + "\(s.attended) attended by name, including \(s.guests) guest\(s.guests == 1 ? "" : "s") and \(s.deputies) deput\(s.deputies == 1 ? "y" : "ies")"
            + (s.withCounts > 0 ? "; head counts (not names) at \(s.withCounts) event\(s.withCounts == 1 ? "" : "s"): ~\(s.counted) people." : ".")]
        if s.withAttendance > 0 {
            lines.append("National and local government sat at the same table at \(s.nationalAndLocal) of the \(s.nationalAndLocalInvited) event\(s.nationalAndLocalInvited == 1 ? "" : "s") with attendance that invited both.")
        }
        lines.append(s.eventsWithGaps == 0 ? "Every required level and sector was invited and came."
                     : "\(s.eventsWithGaps) event\(s.eventsWithGaps == 1 ? "" : "s") miss\(s.eventsWithGaps == 1 ? "es" : "") a required level or sector (invited or in the room).")
        return lines
    }

    /// Every section, in order: the events, then the series and the country and pillar summaries.
    var sections: [Section] { [eventsSection] + seriesAndGroupSections }

    private var eventsSection: Section {
        var events = eventsTableSection
        events.tables.append(eventTotals)
        return events
    }

    /// The events section without its totals table.
    private var eventsTableSection: Section {
        var events = Section(title: "Events: invited / accepted / attended by level and sector")
        events.lines = ["Cells: invited/accepted/attended; attended counts names, ~N is a head count (attended-count: the whole room, the named included; never added to them); – not recorded yet; * required; ! required but missing; · none; + recurs."]
        if compact {
            events.lines.append("Columns: " + report.columns.filter { label($0) != $0 }.map { "\(label($0)) = \($0)" }.joined(separator: ", ") + ".")
        }
        // A row per event (tens of thousands in a large workspace): pieces on every core.
        let report = self.report
        let rows = Parallel.map(Parallel.ranges(report.events.count, minimum: 4096, pieces: 4 * Parallel.cores)) { range in
            report.events[range].map { event in
                var row = [event.id, (event.date ?? "unscheduled") + (event.recurs ? "+" : ""), event.country ?? "–", event.status]
                row.reserveCapacity(5 + report.columns.count)
                for column in report.columns { row.append(Self.cell(event.tally(column), event)) }
                row.append(Self.gaps(event))
                return row
            }
        }.flatMap { $0 }
        events.tables = [(nil, TableRenderer(columns: ["event", "date", "country", "status"] + report.columns.map(label) + ["gaps"], rows: rows))]
        return events
    }

    private var eventTotals: (caption: String?, table: TableRenderer) {
        ("Totals per event", TableRenderer(
            columns: ["event", "invited", "accepted", "attended", "invitees present", "absent", "excused", "guests", "deputies", "national+local"],
            rows: report.events.map(Self.totals)))
    }

    private var seriesAndGroupSections: [Section] {
        let dates = Dictionary(uniqueKeysWithValues: report.events.map { ($0.id, $0.date ?? "unscheduled") })
        let tables = self
        var sections = Parallel.map(report.series) { tables.section(for: $0, dates: dates) }  // thousands in a large workspace

        for (title, groups) in [("Countries", report.countries), ("NLC pillars", report.pillars)] where !groups.isEmpty {
            var section = Section(title: "\(title): events and the levels that took part")
            section.tables = [(nil, TableRenderer(
                columns: [title == "Countries" ? "country" : "pillar", "events", "held", "with attendance", "national+local",
                          "levels that attended (events)", "sectors that attended (events)", "invited, nobody came (events)"],
                rows: groups.map { group in
                    [group.key, "\(group.events)", "\(group.held)", "\(group.withAttendance)", "\(group.nationalAndLocal)",
                     group.presence.filter { $0.isLevel && $0.attendedAt > 0 }.map { "\($0.constituency) \($0.attendedAt)" }.joined(separator: ", "),
                     group.presence.filter { !$0.isLevel && $0.attendedAt > 0 }.map { "\($0.constituency) \($0.attendedAt)" }.joined(separator: ", "),
                     group.presence.filter { $0.missedAt > 0 }.map { "\($0.constituency) \($0.missedAt)" }.joined(separator: ", ")]
                }))]
            sections.append(section)
        }
        return sections
    }

    private func section(for series: SeriesRepresentation, dates: [String: String]) -> Section {
        var section = Section(title: "Series \(series.id): \(series.title)")
        var cadence: [String] = []
        if let max = series.maxGapMonths { cadence.append("at most \(max) months apart") }
        if let min = series.minGapMonths { cadence.append("at least \(min) month\(min == 1 ? "" : "s")") }
        section.lines.append("\(series.events.count) event\(series.events.count == 1 ? "" : "s")"
            + (series.country.map { " in \($0)" } ?? "") + (cadence.isEmpty ? "; no cadence set." : "; cadence: \(cadence.joined(separator: ", ")).")
        )
        let shown = series.participation
        section.tables.append(("Attended, by level and sector", TableRenderer(
            columns: ["event", "date"] + shown.map { label($0.constituency) },
            rows: series.events.enumerated().map { i, id in
                [id, dates[id] ?? "unscheduled"] + shown.map { $0.attended[i].map(String.init) ?? "–" }
            })))
        if !series.steps.isEmpty {
            let levels = series.retention.map(\.constituency)
            section.tables.append(("Who came back: returned/attended before (the same person, or a deputy in their place)", TableRenderer(
                columns: ["from", "to", "link"] + levels.map(label) + ["all"],
                rows: series.steps.map { step in
                    [step.from, step.to, step.isFollowUp ? "follow-up" : "next"]
                        + levels.map { level in step.byLevel.first { $0.constituency == level }.map { "\($0.returned)/\($0.before)" } ?? "·" }
                        + ["\(step.returned)/\(step.before) (\(Self.percent(step.returned, of: step.before)))"]
                })))
            section.lines.append("Retention by level: " + series.retention.map {
                "\($0.constituency) \($0.returned)/\($0.before) (\(Self.percent($0.returned, of: $0.before)))"
            }.joined(separator: ", ") + ".")
        }
        for gap in series.gaps {
            let flag = gap.tooLong ? "  ! longer than the cadence allows" : gap.tooShort ? "  ! sooner than the cadence allows" : ""
            section.lines.append("Gap \(gap.from) -> \(gap.to): \(gap.months) month\(gap.months == 1 ? "" : "s")\(flag)")
        }
        return section
    }

    /// Plain text: headline, then each section's sentences and aligned tables.
    /// The groups of sections are built and rendered on every core (a large workspace has tens
    /// of thousands of rows), then joined in order.
    func text() -> String {
        let head = (["Representation by level: \(report.workspace), \(report.scope)", ""] + headline).joined(separator: "\n")
        let tables = self
        let pieces: [@Sendable () -> String] = [
            { Self.text(tables.eventsTableSection) },
            { Self.text(tables.eventTotals) },
            { Parallel.map(tables.seriesAndGroupSections, Self.text).joined(separator: "\n") },
        ]
        let parts = Parallel.map(pieces) { $0() }
        return ([head] + parts.filter { !$0.isEmpty }).joined(separator: "\n")
    }

    /// One section as plain text, starting with the blank line before its title.
    static func text(_ section: Section) -> String {
        (["", section.title, String(repeating: "=", count: min(section.title.count, 100))] + section.lines
            + section.tables.map(text)).joined(separator: "\n")
    }

    /// One captioned table as plain text, starting with the blank line before it.
    static func text(_ table: (caption: String?, table: TableRenderer)) -> String {
        ([""] + (table.caption.map { [$0] } ?? []) + [table.table.text()]).joined(separator: "\n")
    }

    /// Markdown: headings, paragraphs and escaped tables.
    func markdown() -> String {
        var out = ["# Representation by level: \(MarkdownCell.text(report.workspace)), \(MarkdownCell.text(report.scope.description))", ""]
        out += headline.map(MarkdownCell.text).map { $0 + "  " }
        for section in sections {
            out += ["", "## \(MarkdownCell.text(section.title))", ""]
            out += section.lines.map { MarkdownCell.text($0) + "  " }
            for (caption, table) in section.tables {
                out.append("")
                if let caption { out += ["**\(MarkdownCell.text(caption))**", ""] }
                out.append(table.markdown())
            }
        }
        return out.joined(separator: "\n")
    }
}
