import Foundation
import Testing
@testable import ConveneCore

/// Multi-day events (`duration: 2d`): working days in a row at the venue, each within its working
/// hours; and `suggest` applying the series' cadence exactly as `schedule` does.
@Suite("Scheduler: multi-day events and series rules in suggest")
struct SchedulingMultiDayTests {
    typealias F = SchedulingFixtures

    static let series = "  - {id: follow-ups, title: Follow-ups, country: UG, cadence: {min-gap-months: 6, max-gap-months: 12}}\n"

    @Test func aTwoDayEventIsTwoWorkingDaysInARow() throws {
        // Thursday 4 July to Tuesday 9 July 2024 in Nansana (Africa/Kampala, 09:00-17:00 Monday to Friday).
        let text = PlanFixtures.plan(events: F.pending("retreat", duration: "2d", window: ("2024-07-04", "2024-07-09")))
        let result = try F.suggest(text, event: "retreat")
        // Thursday-Friday and Monday-Tuesday; Friday-Saturday has a day off and Tuesday-Wednesday leaves the window.
        #expect(result.slots.map(\.start) == ["2024-07-04T09:00", "2024-07-08T09:00"])
        #expect(result.slots.map(\.end) == ["2024-07-05T17:00", "2024-07-09T17:00"])
        #expect(try F.errorsOnceWritten(result.slots[0], into: text, event: "retreat").isEmpty)
    }

    @Test func aBusySecondDayRulesTheStartOut() throws {
        let text = PlanFixtures.plan(events: F.pending("retreat", duration: "2d", window: ("2024-07-04", "2024-07-09")))
        // Regina is busy on Friday afternoon (UTC 11:00-12:00 is 14:00-15:00 in Kampala).
        let result = try F.suggest(text, event: "retreat", busy: [F.busy("regina", "2024-07-05T11:00", "2024-07-05T12:00")])
        // Thursday now needs her deputy for both days: Monday ranks first.
        #expect(result.slots.map(\.start) == ["2024-07-08T09:00", "2024-07-04T09:00"])
        #expect(result.slots[0].standIns.isEmpty && result.slots[1].standIns.count == 1)
    }

    @Test func aThreeHourEventIsStillOneStretch() throws {
        let text = PlanFixtures.plan(events: F.pending("call", duration: "3h", window: ("2024-07-04", "2024-07-04")))
        let result = try F.suggest(text, event: "call", count: 1)
        #expect(result.slots.first?.start == "2024-07-04T09:00" && result.slots.first?.end == "2024-07-04T12:00")
    }

    @Test func suggestKeepsTheSeriesMinimumGapAsScheduleDoes() throws {
        let text = PlanFixtures.plan(events:
            F.timed("roundtable", venue: "nansana-hall", start: "2024-01-10T09:00", end: "2024-01-10T16:00", extra: "    series: follow-ups")
            + F.pending("review", duration: "2d", window: ("2024-03-01", "2024-12-31"), extra: "    series: follow-ups\n    follows: roundtable"),
            extra: Self.series)
        let suggested = try F.suggest(text, event: "review", count: 1)
        // Six months after 10 January 2024 is Wednesday 10 July: Wednesday and Thursday.
        #expect(suggested.slots.first?.start == "2024-07-10T09:00")
        #expect(suggested.notes.contains { $0.contains("at least 6 months after 'roundtable'") })
        let (schedule, _) = try SeriesPlanner(plan: try PlanFixtures.load(text), expander: SingleOccurrenceExpander(),
                                              today: CivilDate(iso: "2024-06-01")!).schedule("follow-ups")
        #expect(schedule.placements.first?.slot?.start == suggested.slots.first?.start)
        #expect(schedule.placements.first?.slot?.end == "2024-07-11T17:00")
        // Asking for days the cadence rules out says so.
        #expect(throws: SchedulingError.self) { try F.suggest(text, event: "review", between: ("2024-03-01", "2024-03-31")) }
    }
}
