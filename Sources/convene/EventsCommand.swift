import ArgumentParser
import ConveneCore
import Foundation

/// `convene events`: list the plan's events with local and UTC times.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "List the plan's events with venue-local and UTC times, venue, series and invited levels.")

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        let plan: Plan, records: WorkspaceRecords
        plan = try Workspace.loadPlan(workspace.workspace)
        records = try WorkspaceRecords.load(workspace: URL(fileURLWithPath: workspace.workspace))
        let events = EventSummary.list(PlanIndex(plan), replies: records.currentReplies)
        switch output.format {
        case .json:
            print(try jsonText(events))
        case .table, .csv:
            let columns = ["id", "kind", "local start", "utc start", "venue", "country", "series", "invited", "replies", "title"]
            // An empty cell is "-" in the terminal and empty in CSV (where "-" would read as a formula).
            let none = output.format == .csv ? "" : "-"
            let rows = events.map { e in
                [e.id, e.kind, (e.localStart ?? "unscheduled") + (e.localStart != nil ? " \(e.timeZone)" : "") + (e.recurrence != nil ? " (recurs)" : ""),
                 e.utcStart ?? none, e.city ?? e.venue ?? none, e.country ?? none, e.series ?? none,
                 (e.invitedLevelNames + e.invitedSectors).joined(separator: ", "), Self.replies(e, none: none), e.title]
            }
            let table = TableRenderer(columns: columns, rows: rows)
            print(output.format == .csv ? table.csv() : table.text())
        }
    }

    /// "2 accepted, 1 declined of 17"; "-" before any reply.
    static func replies(_ event: EventSummary, none: String = "-") -> String {
        let answered = ReplyStatus.allCases.filter { $0 != .needsAction }
            .compactMap { status in event.replies[status.rawValue].map { "\($0) \(status.rawValue)" } }
        return answered.isEmpty ? none : answered.joined(separator: ", ") + " of \(event.invitees)"
    }
}
