import ArgumentParser
import ConveneCore
import ConveneICal
import Foundation

/// `convene report`: reports over the plan and what the tool has recorded.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports over the plan and the recorded replies and attendance.",
        subcommands: [ReportLevelsCommand.self])
}

/// How `convene report levels` prints.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, md, html
}

/// `convene report levels`: invited, accepted and attended by level of government and sector.
struct ReportLevelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "levels",
        abstract: "Who was invited, accepted and came, by level of government and sector.",
        discussion: """
            Per event (each sitting of a recurring event is its own row, EVENT@DATE): invited, accepted (imported replies) and attended (convene attend) per level \
            and sector, and coverage of the levels and sectors the event requires, planned \
            (invitations) and actual (attendance), with missing ones flagged.
            Per series: attendance by level at each event, who came back for each follow-up \
            (retention by level: the same person, or a deputy in their place), and gaps against the cadence.
            Per country and per NLC pillar: how many events, and which levels took part.
            Formats: table (default), json, csv (one long table for pivoting), md (Markdown), html \
            (one self-contained page with a heat map and series timelines; use --out).
            CSV and Markdown cells that a spreadsheet would run as formulas are neutralised.
            Exit 0 when the report was made (gaps are reported, not failures), 2 for bad input.
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("Only this event (every sitting of a recurring one, one row each), or one sitting: EVENT@YYYY-MM-DD.", valueName: "ID"))
    var event: String?

    @Option(help: ArgumentHelp("Only the events of this series.", valueName: "ID"))
    var series: String?

    @Option(help: ArgumentHelp("Only the events in this country (ISO 3166 alpha-2).", valueName: "CC"))
    var country: String?

    @Option(help: "Output format: table, json, csv, md or html.")
    var format: ReportFormat = .table

    @Option(help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "FILE"))
    var out: String?

    func validate() throws {
        if let event, SittingReference(parsing: event) == nil {
            throw ValidationError("--event '\(event)': write EVENT, or EVENT@YYYY-MM-DD for one sitting of a recurring event")
        }
        if [event, series, country].compactMap({ $0 }).count > 1 {
            throw ValidationError("give at most one of --event, --series and --country: run one report per scope")
        }
    }

    var scope: ReportScope {
        if let event, let sitting = SittingReference(parsing: event) { return .event(sitting) }
        if let event { return .event(event) }
        if let series { return .series(series) }
        if let country { return .country(country) }
        return .all
    }

    func run() throws {
        let folder = URL(fileURLWithPath: workspace.workspace)
        let result: RepresentationReport
        let inputs = try ReportInputs.load(workspace: folder, planLoader: Workspace.planLoader)
        let sittings = SittingCalendar(plan: inputs.index.plan, expander: LibicalRecurrenceExpander(),
                                       today: CivilDate.today())
        try scope.check(in: inputs.index, sittings: sittings)
        result = RepresentationReport.compute(index: inputs.index, replies: inputs.replies, attendance: inputs.attendance,
                                              scope: scope, sittings: sittings)
        let text = try Self.render(result, as: format)
        if let out {
            let url = URL(fileURLWithPath: out)
            do {
                try AtomicFile.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8), to: url)
            } catch {
                printError(error.description)
                throw ExitStatus.badInput
            }
            let s = result.summary
            print("Wrote \(out): \(s.events) event\(s.events == 1 ? "" : "s"), \(s.withAttendance) with attendance, national and local together at \(s.nationalAndLocal).")
        } else {
            print(text)
        }
    }

    /// The report in a format; every renderer lives beside this command.
    static func render(_ report: RepresentationReport, as format: ReportFormat) throws -> String {
        switch format {
        case .json: try jsonText(report)
        case .csv: ReportCSV.csv(report)
        case .md: ReportTables(report: report).markdown()
        case .html: ReportHTML(report: report).document()
        case .table: ReportTables(report: report, compact: true).text()
        }
    }
}
