import ArgumentParser
import ConveneCore
import ConveneICal
import Foundation

/// `convene schedule SERIES`: place a series' unscheduled events in order and propose the times.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Place a series' unscheduled events on feasible slots, in order, and print the proposal.",
        discussion: """
            Events of SERIES with `duration:` and `window:` are placed one after another, in `follows:` order: each \
            within its window, at least the series' `min-gap-months` after the event it follows and at most \
            `max-gap-months` after the series' latest event before it, on the best slot `convene suggest` would \
            give; each placed event then counts as busy for the next. The proposal is printed as a table and as \
            lines to paste into plan.yaml. plan.yaml is never rewritten; --write records the proposal in the \
            tool-owned WORKSPACE/records/proposals.yaml (atomically; other series' proposals are kept).

            Exit 0 when every event is placed (or there is nothing to place), 1 when some cannot be, 2 for bad input.
            """)

    @Argument(help: ArgumentHelp("The series whose unscheduled events to place.", valueName: "SERIES"))
    var series: String

    @OptionGroup var workspace: WorkspaceOptions

    @Flag(help: "Record the proposal in WORKSPACE/records/proposals.yaml.")
    var write = false

    @Option(help: ArgumentHelp("Place events closest to this date.", valueName: "YYYY-MM-DD"))
    var prefer: String?

    @Option(help: ArgumentHelp("Where searches start for events with no window (default: today).", valueName: "YYYY-MM-DD"))
    var today: String?

    @Option(help: "Output format: table (with the YAML to paste), json, or yaml (only the lines to paste).")
    var format: ScheduleFormat = .table

    enum ScheduleFormat: String, ExpressibleByArgument, CaseIterable { case table, json, yaml }

    func run() throws {
        let dates = try CommandDates(prefer: prefer, today: today)
        let loaded: LoadedWorkspace
        let schedule: SeriesSchedule
        loaded = try LoadedWorkspace(workspace.workspace, today: dates.today)
        schedule = try SeriesPlanner(plan: loaded.plan, replies: loaded.records.replies, busy: loaded.records.busy,
                                     expander: LibicalRecurrenceExpander(), today: dates.today, prefer: dates.prefer)
            .schedule(series).schedule
        var written: String?
        if write {
            let folder = URL(fileURLWithPath: workspace.workspace)
            let changed = try ProposalBook.update(workspace: folder) { $0.record(schedule) }
            written = "\(changed ? "wrote" : "unchanged:") \(PlanLoader.displayPath(ProposalBook.file(in: folder)))"
        }
        switch format {
        case .json: print(try jsonText(schedule))
        case .yaml: print(PlanSnippet.yaml(schedule, plan: loaded.plan))
        case .table: print(ScheduleRenderer.text(schedule, plan: loaded.plan))
        }
        if let written { printError(written) }
        if !schedule.allPlaced { throw ExitStatus.problems }
    }
}

/// Prints a series proposal for people: a table, what blocked the events left out, and the YAML.
enum ScheduleRenderer {
    static func text(_ schedule: SeriesSchedule, plan: Plan) -> String {
        var lines = ["\(schedule.seriesID)  \(schedule.title)"]
        guard !schedule.placements.isEmpty else {
            lines.append("Nothing to schedule: the series has no events with `duration:` and `window:`.")
            return lines.joined(separator: "\n")
        }
        let rows = schedule.placements.map { placement -> [String] in
            guard let slot = placement.slot else {
                return [placement.eventID, "not placed", "-", "-", "-", placement.reason ?? "no slot fits \(placement.from ?? "?") to \(placement.through ?? "?")"]
            }
            let why = slot.terms.filter { $0.points != 0 || $0.kind == "optional-invitees" }.map(\.detail).joined(separator: "; ")
            return [placement.eventID, SuggestRenderer.localStart(slot), SuggestRenderer.localEnd(slot), slot.timeZone,
                    SuggestRenderer.signed(slot.score), "searched \(placement.from ?? "?") to \(placement.through ?? "?")" + (why.isEmpty ? "" : "; \(why)")]
        }
        lines.append("")
        lines.append(TableRenderer(columns: ["event", "start", "end", "zone", "score", "why"], rows: rows).text())
        for placement in schedule.placements {
            lines.append("")
            lines.append("\(placement.eventID): " + (placement.notes.isEmpty ? "no constraints beyond the event itself" : placement.notes.joined(separator: "; ")))
            if let slot = placement.slot, !slot.standIns.isEmpty {
                lines.append("  needs a deputy: " + slot.standIns.map { "\($0.personID) for \($0.onBehalfOf)" }.joined(separator: ", "))
            }
            if placement.slot == nil, let blocking = placement.blocking {
                lines += SuggestRenderer.blockingLines(blocking).map { $0.isEmpty ? $0 : "  " + $0 }
            }
        }
        lines.append("")
        lines.append(PlanSnippet.yaml(schedule, plan: plan))
        return lines.joined(separator: "\n")
    }
}
