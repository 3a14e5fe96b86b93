import ArgumentParser
import ConveneCore
import ConveneICal
import Foundation

/// `convene suggest EVENT`: times an unscheduled event can take, best first, or why there are none.
struct SuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Suggest times for an unscheduled event that every required participant can make.",
        discussion: """
            EVENT has `duration:` and `window:` in plan.yaml instead of a start and an end. A slot fits when every \
            required invitee, or their deputy, is free (plan events, imported busy calendars, and the journey from \
            and to in-person events elsewhere); it lies within each attendee's working hours in their own zone \
            (virtual and hybrid venues) or the venue's working day (in person); the venue is free; no blackout \
            applies; the event it follows has ended; and each required level has enough participants. \
            Starts are on a 15-minute grid; the best start of each day is shown, best days first.

            \(SlotFinder.scoreLegend)

            Exit 0 when slots are found, 1 when none fit (the output says what blocks most), 2 for bad input.
            """)

    @Argument(help: ArgumentHelp("The event to place (one with `duration:` and `window:`).", valueName: "EVENT"))
    var event: String

    @OptionGroup var workspace: WorkspaceOptions

    @Option(name: .long, parsing: .upToNextOption,
            help: ArgumentHelp("Search these days (venue-local, inclusive) instead of the event's window.", valueName: "FIRST LAST"))
    var between: [String] = []

    @Option(help: "How many slots to show (at most one per day).")
    var count = 5

    @Option(help: ArgumentHelp("Rank slots closer to this date higher.", valueName: "YYYY-MM-DD"))
    var prefer: String?

    @Option(help: ArgumentHelp("Where the search starts when the event has no window (default: today).", valueName: "YYYY-MM-DD"))
    var today: String?

    @Option(help: "Output format: table or json.")
    var format: SuggestFormat = .table

    enum SuggestFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    func validate() throws {
        guard (1...100).contains(count) else {
            throw ValidationError("--count \(count) is out of range: ask for 1 to 100 slots, e.g. --count 5")
        }
    }

    func run() throws {
        let dates = try CommandDates(between: between, prefer: prefer, today: today)
        let result: SuggestResult
        let loaded = try LoadedWorkspace(workspace.workspace, today: dates.today)
        result = try SlotFinder(context: loaded.context).suggest(
            SlotRequest(eventID: event, between: dates.between, count: count, prefer: dates.prefer, today: dates.today))
        switch format {
        case .json: print(try jsonText(result))
        case .table: print(SuggestRenderer.text(result))
        }
        if result.slots.isEmpty { throw ExitStatus.problems }
    }
}

extension LoadedWorkspace {
    /// The workspace at `path`, expanded with libical, as of `today`.
    init(_ path: String, today: CivilDate) throws {
        try self.init(path, expander: LibicalRecurrenceExpander(), options: CheckOptions(today: today))
    }
}

/// Dates given on the command line, checked: a bad one is bad input (exit 2) with the expected form.
struct CommandDates {
    var between: ClosedRange<CivilDate>?
    var prefer: CivilDate?
    var today: CivilDate

    init(between: [String] = [], prefer: String?, today: String?) throws {
        func date(_ text: String, _ option: String) throws -> CivilDate {
            guard let value = CivilDate(iso: text) else {
                printError("error: \(option) '\(text)' is not a date\n    fix: write YYYY-MM-DD, e.g. 2027-01-11")
                throw ExitStatus.badInput
            }
            return value
        }
        if !between.isEmpty {
            guard between.count == 2 else {
                printError("error: --between takes two dates, the first and the last day; got \(between.count)\n    fix: e.g. --between 2027-01-11 2027-03-31")
                throw ExitStatus.badInput
            }
            let first = try date(between[0], "--between"), last = try date(between[1], "--between")
            guard first <= last else {
                printError("error: --between ends (\(last)) before it starts (\(first))\n    fix: give the first day, then the last: --between \(last) \(first)")
                throw ExitStatus.badInput
            }
            self.between = first...last
        }
        self.prefer = try prefer.map { try date($0, "--prefer") }
        self.today = try today.map { try date($0, "--today") } ?? CivilDate.today()
    }
}

/// Prints suggestions and blocking reports for people.
enum SuggestRenderer {
    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    static func text(_ result: SuggestResult) -> String {
        var lines = ["\(result.eventID)  \(result.title)"]
        let place = result.venueName.map { " at \($0)" } ?? ""
        let mode = result.mode.map { "\($0.rawValue), " } ?? ""
        lines.append("\(DurationText.text(result.durationMinutes))\(place) (\(mode)\(result.timeZone)); searched \(result.from) to \(result.through): \(result.startsFeasible) of \(result.startsSearched) quarter-hour starts fit.")
        for note in result.notes { lines.append("note: \(note)") }
        lines.append("")
        if result.slots.isEmpty {
            lines.append("No slot fits.")
            if let blocking = result.blocking { lines += blockingLines(blocking) }
            return lines.joined(separator: "\n")
        }
        let rows = result.slots.map { slot in
            [String(slot.rank), localStart(slot), localEnd(slot), slot.utcStart, signed(slot.score),
             slot.terms.isEmpty ? "no optional invitees, no stand-ins, within everyone's hours" : slot.terms.map { "\($0.detail) (\(signed($0.points)))" }.joined(separator: "; ")]
        }
        lines.append(TableRenderer(columns: ["rank", "start (\(result.timeZone))", "end", "utc start", "score", "why"], rows: rows).text())
        for slot in result.slots where !slot.standIns.isEmpty {
            lines.append("")
            lines.append("slot \(slot.rank) needs a deputy; add `stand-in:` to the invitation: " + slot.standIns.map { "\($0.personID) for \($0.onBehalfOf)" }.joined(separator: ", "))
        }
        lines.append("")
        lines.append(SlotFinder.scoreLegend)
        if let blocking = result.blocking, let top = blocking.obstacles.first {
            lines.append("Only \(result.slots.count) day\(result.slots.count == 1 ? "" : "s") fit\(result.slots.count == 1 ? "s" : ""); what blocks most: \(top.description) (rules out \(top.startsBlocked) starts).")
        }
        return lines.joined(separator: "\n")
    }

    /// `Mon 2027-01-11 09:00`.
    static func localStart(_ slot: SlotSuggestion) -> String {
        guard let wall = slot.wallTimes else { return slot.start }
        return "\(weekdays[wall.start.date.isoWeekday - 1]) \(wall.start.date) \(wall.start.clock)"
    }

    /// `13:00`, or the date too when the slot ends on another day.
    static func localEnd(_ slot: SlotSuggestion) -> String {
        guard let wall = slot.wallTimes else { return slot.end }
        return wall.end.date == wall.start.date ? wall.end.clock : "\(wall.end.date) \(wall.end.clock)"
    }

    static func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : "\(value)" }

    /// Why nothing (or little) fits: rules, obstacles, the closest days, what to try.
    static func blockingLines(_ blocking: BlockingReport) -> [String] {
        var lines: [String] = []
        if blocking.startsConsidered == 0 {
            lines.append("None of the days searched has working time for this event (weekends, or outside everyone's working hours).")
        } else {
            lines.append("Of \(blocking.startsConsidered) quarter-hour starts in working time, what rules them out:")
        }
        if !blocking.rules.isEmpty {
            lines.append(indent(TableRenderer(columns: ["rule", "starts blocked"], rows: blocking.rules.map { [$0.rule, String($0.startsBlocked)] }).text()))
        }
        if !blocking.obstacles.isEmpty {
            lines.append("")
            lines.append("Who and what blocks most often (\"only\": starts it alone rules out):")
            lines.append(indent(TableRenderer(columns: ["obstacle", "starts blocked", "only"],
                                              rows: blocking.obstacles.map { [$0.description, String($0.startsBlocked), String($0.onlyObstacle)] }).text()))
        }
        if !blocking.nearestDays.isEmpty {
            lines.append("")
            lines.append("Days that come closest:")
            for day in blocking.nearestDays {
                let weekday = CivilDate(iso: day.date).map { weekdays[$0.isoWeekday - 1] + " " } ?? ""
                lines.append("  \(weekday)\(day.date) \(day.start): \(day.obstacles.joined(separator: "; "))")
            }
        }
        if !blocking.advice.isEmpty {
            lines.append("")
            lines.append("Try:")
            for advice in blocking.advice { lines.append("  - \(advice)") }
        }
        return lines
    }

    static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}

/// `4 h`, `1 h 30 min`, `45 min`.
enum DurationText {
    static func text(_ minutes: Int) -> String {
        if minutes >= 1440, minutes % 1440 == 0 { return "\(minutes / 1440) working day\(minutes == 1440 ? "" : "s")" }
        return minutes % 60 == 0 ? "\(minutes / 60) h" : minutes < 60 ? "\(minutes) min" : "\(minutes / 60) h \(minutes % 60) min"
    }
}
