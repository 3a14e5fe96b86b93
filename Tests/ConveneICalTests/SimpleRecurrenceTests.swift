import Testing
import ConveneCore
@testable import ConveneICal

/// The last start of a simple series, worked out without expanding it, is the instant libical's
/// own expansion ends on; other rules are left to libical.
@Suite("Simple recurrences against libical")
struct SimpleRecurrenceTests {
    static let rules = ["FREQ=DAILY;COUNT=10", "FREQ=WEEKLY;COUNT=12", "FREQ=WEEKLY;INTERVAL=2;COUNT=27",
                        "FREQ=MONTHLY;COUNT=9", "FREQ=MONTHLY;INTERVAL=6;COUNT=4", "FREQ=YEARLY;COUNT=3", "freq=weekly;count=1"]
    static let zones = ["Africa/Kampala", "Europe/Helsinki", "America/Toronto", "Pacific/Auckland", "America/St_Johns", "UTC"]
    static let starts = ["2024-12-31T23:30", "2025-03-30T02:30", "2025-10-15T09:00", "2026-11-01T01:30", "2027-01-01T00:15", "2025-02-28T18:00"]

    @Test(arguments: rules)
    func lastStartIsLibicalsLastOccurrence(rule: String) throws {
        let expander = LibicalRecurrenceExpander()
        for zone in Self.zones {
            for text in Self.starts {
                let start = try #require(CivilDateTime(iso: text))
                let request = RecurrenceRequest(start: start, durationSeconds: 3600, timeZone: zone, isAllDay: false, rule: rule)
                let first = try #require(ZoneClock.instant(start, in: zone))
                let window = TimeSpan(start: first, end: first + 20 * 366 * 86_400)
                let expanded = try #require(try expander.occurrences(of: request, startingIn: window).last)
                guard let last = SimpleRecurrence.lastStart(rule: rule, start: start) else {
                    // Only a monthly rule from a day some months lack is left to libical here.
                    #expect(rule.contains("MONTHLY") && start.date.day > 28, "\(rule) from \(text)")
                    continue
                }
                #expect(ZoneClock.instant(last, in: zone) == expanded.start, "\(rule) from \(text) in \(zone)")
                #expect(EventSpan.lastYearWithoutExpanding(request, within: window)
                        == CivilDateTime(secondsAsIfUTC: expanded.end - 3600).date.year)
            }
        }
    }

    @Test(arguments: ["FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4", "FREQ=MONTHLY;UNTIL=20270101T000000Z", "FREQ=WEEKLY",
                      "FREQ=MONTHLY;COUNT=3;BYSETPOS=1", "FREQ=HOURLY;COUNT=3", "COUNT=3", "FREQ=DAILY;COUNT=0", "FREQ=DAILY;COUNT=x"])
    func otherRulesAreLeftToLibical(rule: String) {
        #expect(SimpleRecurrence.lastStart(rule: rule, start: CivilDateTime(iso: "2025-01-06T09:00")!) == nil)
    }

    @Test func daysThatMonthsOrYearsLackAreLeftToLibical() {
        #expect(SimpleRecurrence.lastStart(rule: "FREQ=MONTHLY;COUNT=3", start: CivilDateTime(iso: "2025-01-31T09:00")!) == nil)
        #expect(SimpleRecurrence.lastStart(rule: "FREQ=YEARLY;COUNT=3", start: CivilDateTime(iso: "2024-02-29T09:00")!) == nil)
        #expect(SimpleRecurrence.lastStart(rule: "FREQ=DAILY;COUNT=3", start: CivilDateTime(iso: "2025-01-31T09:00")!,
                                           exceptions: [CivilDateTime(iso: "2025-02-01T09:00")!]) == nil)
    }
}
