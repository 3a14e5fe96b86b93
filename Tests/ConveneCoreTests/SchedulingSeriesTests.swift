import Foundation
import Testing
@testable import ConveneCore

/// `convene schedule`: a series' unscheduled events placed in order, within cadence and window.
@Suite("Scheduler: series")
struct SchedulingSeriesTests {
    typealias F = SchedulingFixtures

    static let series = "  - {id: follow-ups, title: Follow-ups, country: UG, cadence: {min-gap-months: 6, max-gap-months: 12}}\n"

    func schedule(_ text: String, _ series: String, busy: [BusyInterval] = []) throws -> (schedule: SeriesSchedule, plan: Plan) {
        try SeriesPlanner(plan: try PlanFixtures.load(text), busy: busy, expander: SingleOccurrenceExpander(),
                          today: CivilDate(iso: "2024-06-01")!).schedule(series)
    }

    func errors(_ plan: Plan, busy: [BusyInterval] = []) throws -> [Finding] {
        let context = try CheckContext(plan: plan, options: CheckOptions(today: CivilDate(iso: "2024-06-01")!), busy: busy,
                                       expander: SingleOccurrenceExpander())
        return ConflictChecker().check(context).filter { $0.severity == .error }
    }

    @Test func followUpsArePlacedInOrderAtLeastTheMinimumGapApart() throws {
        let text = PlanFixtures.plan(events:
            F.timed("roundtable", venue: "nansana-hall", start: "2024-01-10T09:00", end: "2024-01-10T16:00", extra: "    series: follow-ups")
            // Listed out of order: the second follows the first, which follows the roundtable.
            + F.pending("second", duration: "3h", window: ("2024-03-01", "2025-06-30"), extra: "    series: follow-ups\n    follows: first")
            + F.pending("first", duration: "3h", window: ("2024-03-01", "2024-12-31"), extra: "    series: follow-ups\n    follows: roundtable"),
            extra: Self.series)
        let (schedule, placed) = try schedule(text, "follow-ups")
        #expect(schedule.placements.map(\.eventID) == ["first", "second"])
        // Six months after 10 January 2024 is Wednesday 10 July; six after that, Friday 10 January 2025.
        #expect(schedule.placements.map { $0.slot?.start } == ["2024-07-10T09:00", "2025-01-10T09:00"])
        #expect(schedule.placements[0].from == "2024-07-10")
        #expect(schedule.placements[1].through == "2025-06-30")  // window ends before fu1 + 12 months
        #expect(schedule.allPlaced)
        #expect(try errors(placed).isEmpty)
        // The YAML to paste: start and end per event id.
        let yaml = PlanSnippet.yaml(schedule, plan: placed)
        #expect(yaml.contains("  - id: first    # Africa/Kampala\n    start: 2024-07-10T09:00\n    end: 2024-07-10T12:00"))
        #expect(yaml.contains("  - id: second    # Africa/Kampala\n    start: 2025-01-10T09:00\n    end: 2025-01-10T12:00"))
    }

    @Test func eachPlacedEventCountsAsBusyForTheNext() throws {
        // Two full days' meetings for the same people in the same hall, either of two days.
        let text = PlanFixtures.plan(events:
            F.pending("a", duration: "8h", window: ("2024-07-09", "2024-07-10"), extra: "    series: uganda-nlc")
            + F.pending("b", duration: "8h", window: ("2024-07-09", "2024-07-10"), extra: "    series: uganda-nlc"))
        let (schedule, placed) = try schedule(text, "uganda-nlc")
        #expect(schedule.placements.map { $0.slot?.start } == ["2024-07-09T09:00", "2024-07-10T09:00"])
        #expect(try errors(placed).isEmpty)
    }

    @Test func aCadenceThatCannotBeMetIsReported() throws {
        // At most 12 months after the roundtable (January 2024), but the window opens in 2025.
        let text = PlanFixtures.plan(events:
            F.timed("roundtable", venue: "nansana-hall", start: "2024-01-10T09:00", end: "2024-01-10T16:00", extra: "    series: follow-ups")
            + F.pending("late", duration: "3h", window: ("2025-03-01", "2025-03-31"), extra: "    series: follow-ups\n    follows: roundtable")
            + F.pending("after-late", duration: "3h", window: ("2025-04-01", "2025-12-31"), extra: "    series: follow-ups\n    follows: late"),
            extra: Self.series)
        let (schedule, _) = try schedule(text, "follow-ups")
        #expect(!schedule.allPlaced)
        let late = try #require(schedule.placements.first)
        #expect(late.slot == nil)
        #expect(late.reason?.contains("no day fits both the window and the cadence") == true)
        #expect(late.reason?.contains("at most 12 months after 'roundtable' (2024-01-10): by 2025-01-10") == true)
        #expect(schedule.placements[1].reason == "it follows 'late', which has no time yet and could not be placed")
    }

    @Test func anEventThatCannotBePlacedSaysWhy() throws {
        let text = PlanFixtures.plan(events: F.pending("a", duration: "3h", window: ("2024-07-09", "2024-07-09"), extra: "    series: uganda-nlc")
            + F.timed("away", venue: "nansana-hall", start: "2024-07-09T08:00", end: "2024-07-09T18:00", invite: "[{person: aino, role: required}]"))
        let (schedule, _) = try schedule(text, "uganda-nlc")
        #expect(schedule.placements.first?.slot == nil)
        #expect(schedule.placements.first?.blocking?.obstacles.first?.kind == "venue")
    }

    @Test func anUnknownSeriesSuggestsTheClosest() throws {
        let text = PlanFixtures.plan(events: F.pending("a", duration: "3h", window: ("2024-07-09", "2024-07-09")))
        let error = try #require(throws: SchedulingError.self) { try schedule(text, "uganda-nlx") }
        #expect(error.hint.hasPrefix("did you mean 'uganda-nlc'?"))
    }

    @Test func proposalsKeepOtherSeriesAndRoundTrip() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convene-proposals-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = PlanFixtures.plan(events: F.pending("a", duration: "3h", window: ("2024-07-09", "2024-07-09"), extra: "    series: uganda-nlc"))
        let busy = [F.busy("regina", "2024-07-09T05:00", "2024-07-09T15:00")]
        let (schedule, _) = try schedule(text, "uganda-nlc", busy: busy)
        var book = ProposalBook(series: ["malawi-nlc": [.init(event: "m", start: "2027-01-18T09:00", end: "2027-01-18T16:00", timezone: "Africa/Blantyre")]])
        book.record(schedule)
        #expect(try book.save(workspace: folder))
        #expect(try !book.save(workspace: folder))  // unchanged: not rewritten
        let text2 = try String(contentsOf: ProposalBook.file(in: folder), encoding: .utf8)
        #expect(text2.contains("  uganda-nlc:\n    - event: a\n      start: \"2024-07-09T09:00\"\n      end: \"2024-07-09T12:00\"\n      timezone: Africa/Kampala\n      stand-ins: [{person: deputy-mayor, for: regina}]"))
        let loaded = try ProposalBook.load(workspace: folder)
        #expect(loaded == book)
        #expect(loaded.series.keys.sorted() == ["malawi-nlc", "uganda-nlc"])
        // A damaged file is bad input naming the file.
        try Data("series: [unclosed".utf8).write(to: ProposalBook.file(in: folder))
        let error = try #require(throws: InputError.self) { try ProposalBook.load(workspace: folder) }
        #expect(error.description.contains("proposals.yaml"))
    }

    /// A damaged proposals file is reported where Yams finds the problem: a syntax error at Yams'
    /// own line and column, a missing or mistyped value at the value (or the entry lacking it).
    @Test func damagedProposalsAreReportedWhereTheProblemIs() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convene-proposals-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try ProposalBook().save(workspace: folder)
        func problem(_ text: String) throws -> Diagnostic {
            try Data(text.utf8).write(to: ProposalBook.file(in: folder))
            let error = try #require(throws: InputError.self) { try ProposalBook.load(workspace: folder) }
            #expect(error.diagnostics.count == 1)
            return try #require(error.diagnostics.first)
        }
        let good = "series:\n  uganda-nlc:\n    - event: a\n      start: \"2024-07-09T09:00\"\n      end: \"2024-07-09T12:00\"\n      timezone: Africa/Kampala\n"
        try Data(good.utf8).write(to: ProposalBook.file(in: folder))
        #expect(try ProposalBook.load(workspace: folder).series["uganda-nlc"]?.count == 1)
        // Line 5 opens a quote that is never closed.
        let syntax = try problem(good.replacingOccurrences(of: "end: \"2024-07-09T12:00\"", with: "end: \"2024-07-09T12:00"))
        #expect(syntax.location.file.hasSuffix("records/proposals.yaml"))
        #expect(syntax.location.line > 1, "\(syntax)")
        #expect(syntax.message.hasPrefix("tool-owned proposals file is damaged: "), "\(syntax)")
        // Tabs in indentation: Yams' own place for it (line 3).
        let tab = try problem(good.replacingOccurrences(of: "    - event: a", with: "\t- event: a"))
        #expect(tab.location.line == 3, "\(tab)")
        // The second entry (line 7) has no `end`.
        let missing = try problem(good + "    - event: b\n      start: \"2024-07-10T09:00\"\n      timezone: Africa/Kampala\n")
        #expect(missing.location.line == 7 && missing.location.column == 7, "\(missing)")
        #expect(missing.message.contains("'end'"), "\(missing)")
        // A list where a time zone belongs: reported at that value (line 6, column 17).
        let mistyped = try problem(good.replacingOccurrences(of: "timezone: Africa/Kampala", with: "timezone: [Africa/Kampala]"))
        #expect(mistyped.location.line == 6 && mistyped.location.column == 17, "\(mistyped)")
    }
}
