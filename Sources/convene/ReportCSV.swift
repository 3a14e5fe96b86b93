import ConveneCore

/// The representation report as one long CSV table, one row per number, ready for a pivot table.
///
/// `section` says what a row is: `event` (one level or sector at one event), `event-total`,
/// `retention` (one level from one event of a series to the next), `gap` (between two events of a
/// series), `country` and `pillar` (at how many events a level was invited and attended).
/// `attended` counts names; `counted` is a head count (`attended-count:`: the whole room, the named
/// included), empty where nobody was counted.
enum ReportCSV {
    static let columns = ["section", "id", "title", "date", "country", "constituency", "invited", "accepted",
                          "attended", "counted", "returned", "required", "note"]

    static func csv(_ report: RepresentationReport) -> String {
        var rows: [[String]] = []
        for event in report.events {
            let accepted: (Int) -> String = { event.repliesRecorded ? "\($0)" : "" }
            let attended: (Int) -> String = { event.attendanceRecorded ? "\($0)" : "" }
            for tally in event.tallies {
                rows.append(["event", event.id, event.title, event.date ?? "", event.country ?? "", tally.constituency,
                             "\(tally.invited)", accepted(tally.accepted), attended(tally.attended), tally.counted.map(String.init) ?? "", "",
                             tally.required ? "yes" : "no", tally.gap?.rawValue ?? ""])
            }
            rows.append(["event-total", event.id, event.title, event.date ?? "", event.country ?? "", "",
                         "\(event.invited)", accepted(event.accepted), attended(event.attended), event.counted.map(String.init) ?? "", "", "",
                         ReportTables.gaps(event)])
        }
        let dates = Dictionary(uniqueKeysWithValues: report.events.map { ($0.id, $0.date ?? "") })
        for series in report.series {
            for step in series.steps {
                for count in step.byLevel {
                    rows.append(["retention", series.id, "\(step.from) -> \(step.to)", dates[step.to] ?? "", series.country ?? "",
                                 count.constituency, "", "", "\(count.before)", "", "\(count.returned)", "",
                                 step.isFollowUp ? "follow-up" : "next event"])
                }
            }
            for gap in series.gaps {
                rows.append(["gap", series.id, "\(gap.from) -> \(gap.to)", dates[gap.to] ?? "", series.country ?? "", "", "", "", "", "", "", "",
                             "\(gap.months) months" + (gap.tooLong ? "; longer than the cadence" : gap.tooShort ? "; sooner than the cadence" : "")])
            }
        }
        for (section, groups) in [("country", report.countries), ("pillar", report.pillars)] {
            for group in groups {
                for presence in group.presence {
                    rows.append([section, group.key, "", "", section == "country" ? group.key : "", presence.constituency,
                                 "\(presence.invitedAt)", "", "\(presence.attendedAt)", "", "", "",
                                 "events invited at / attended at, of \(group.events); nobody came at \(presence.missedAt)"])
                }
            }
        }
        return TableRenderer(columns: columns, rows: rows).csv()
    }
}
