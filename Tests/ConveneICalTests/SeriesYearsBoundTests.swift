import ConveneCore
import Testing
@testable import ConveneICal

/// The upper bound an export reads off a rule (`OccurrenceEstimate.latestStart`) to know which
/// years a series reaches without expanding it, held to libical's own expansion: never earlier
/// than libical's last occurrence, exactly it for a COUNT without UNTIL (daily to yearly), and no
/// answer for the rules it cannot bound.
@Suite("Export: the years a series reaches, bounded without expanding it")
struct SeriesYearsBoundTests {
    let expander = LibicalRecurrenceExpander()

    static let rules = ["FREQ=DAILY;COUNT=10", "FREQ=WEEKLY;COUNT=12", "FREQ=WEEKLY;INTERVAL=2;COUNT=5", "FREQ=MONTHLY;COUNT=9",
                        "FREQ=MONTHLY;INTERVAL=3;COUNT=4", "FREQ=YEARLY;COUNT=3", "FREQ=HOURLY;INTERVAL=5;COUNT=30",
                        "FREQ=DAILY;UNTIL=20260110T000000Z", "FREQ=WEEKLY;UNTIL=20261231T235959Z;WKST=MO", "freq=weekly;count=4"]
    static let starts = [("2025-03-22T14:15", "Europe/Helsinki"), ("2025-10-28T23:30", "America/Toronto"),
                         ("2025-12-20T22:00", "America/Vancouver"), ("2025-09-28T01:30", "Europe/Dublin")]

    private func request(_ start: (String, String), rule: String) -> RecurrenceRequest {
        RecurrenceRequest(start: CivilDateTime(iso: start.0)!, durationSeconds: 3_600, timeZone: start.1,
                          isAllDay: false, rule: rule, exceptions: [])
    }

    @Test(arguments: rules)
    func theBoundIsNeverBeforeLibicalsLastOccurrence(rule: String) throws {
        for start in Self.starts {
            let series = request(start, rule: rule)
            let first = try #require(ZoneClock.instant(series.start, in: series.timeZone))
            let spans = try expander.occurrences(of: series, startingIn: TimeSpan(start: first, end: first + 40 * 366 * 86_400))
            let last = try #require(spans.last, "\(rule) from \(start)")
            let latest = try #require(OccurrenceEstimate.latestStart(rule: rule, from: series.start), "\(rule)")
            // libical's last start, as a wall time in the series' zone, against the bound.
            let lastWall = try #require(ZoneClock.wallTime(at: last.start, in: series.timeZone))
            #expect(lastWall.secondsAsIfUTC <= series.start.secondsAsIfUTC + latest, "\(rule) from \(start): \(lastWall)")
            let upper = rule.uppercased()
            #expect(OccurrenceEstimate.startBound(rule: rule, from: series.start)?.isLastStart == (upper.contains("COUNT") && !upper.contains("UNTIL")), "\(rule)")
            if upper.contains("COUNT") && !upper.contains("UNTIL") {
                // One occurrence every period (months and years counted as the calendar has them):
                // the bound is the last occurrence itself.
                #expect(lastWall.secondsAsIfUTC == series.start.secondsAsIfUTC + latest, "\(rule) from \(start): \(lastWall)")
            }
        }
    }

    /// A BY-part, no end, or a day not every month or year has: only expanding tells.
    @Test func rulesItCannotBoundAreLeftToLibical() {
        let start = CivilDateTime(iso: "2025-03-22T14:15")!
        for rule in ["FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10", "FREQ=DAILY;BYMONTH=1;COUNT=40", "FREQ=WEEKLY", "FREQ=MONTHLY;BYSETPOS=1;COUNT=2",
                     "FREQ=DAILY;RSCALE=HEBREW;COUNT=3", "FREQ=DAILY;INTERVAL=0;COUNT=3", "COUNT=3"] {
            #expect(OccurrenceEstimate.latestStart(rule: rule, from: start) == nil, "\(rule)")
        }
        #expect(OccurrenceEstimate.latestStart(rule: "FREQ=MONTHLY;COUNT=3", from: CivilDateTime(iso: "2025-01-31T09:00")!) == nil)
        #expect(OccurrenceEstimate.latestStart(rule: "FREQ=YEARLY;COUNT=3", from: CivilDateTime(iso: "2024-02-29T09:00")!) == nil)
        // January 28 to March 28: 31 and 28 days.
        #expect(OccurrenceEstimate.latestStart(rule: "FREQ=MONTHLY;COUNT=3", from: CivilDateTime(iso: "2025-01-28T09:00")!) == Int64(59 * 86_400))
    }

    /// The expansion reads its ends in UTC: a weekly series ending on New Year's Eve evening in
    /// Vancouver reaches the next year there, and the rule's text tells so as libical does; a
    /// series whose rule is only bounded (an UNTIL, an exception) is expanded unless the bound
    /// ends within the year its first occurrence ends in.
    @Test func theLastYearFromTheRuleIsTheYearLibicalsExpansionReaches() throws {
        let newYearsEve = request(("2025-12-03T20:00", "America/Vancouver"), rule: "FREQ=WEEKLY;COUNT=5")
        let first = try #require(ZoneClock.instant(newYearsEve.start, in: newYearsEve.timeZone))
        let last = try #require(try expander.occurrences(of: newYearsEve, startingIn: TimeSpan(start: first, end: first + 366 * 86_400)).last)
        #expect(CivilDateTime(secondsAsIfUTC: last.end).date.year == 2026)
        #expect(EventSpan.lastYear(newYearsEve, after: 2025) == .known(2026))
        // Every counted rule of the suite, from every start, against libical's last end.
        for rule in Self.rules where rule.uppercased().contains("COUNT") && !rule.uppercased().contains("UNTIL") {
            for start in Self.starts {
                let series = request(start, rule: rule)
                let first = try #require(ZoneClock.instant(series.start, in: series.timeZone))
                let spans = try expander.occurrences(of: series, startingIn: TimeSpan(start: first, end: first + 20 * 366 * 86_400))
                let year = try #require(spans.last.map { CivilDateTime(secondsAsIfUTC: $0.end).date.year })
                #expect(EventSpan.lastYear(series, after: series.start.date.year) == .known(year), "\(rule) from \(start)")
            }
        }
        // Bounded only: within the year, or expanded.
        #expect(EventSpan.lastYear(request(("2025-10-01T09:00", "America/Vancouver"), rule: "FREQ=WEEKLY;UNTIL=20251105T170000Z"), after: 2025) == .known(2025))
        #expect(EventSpan.lastYear(request(("2025-10-01T09:00", "America/Vancouver"), rule: "FREQ=WEEKLY;UNTIL=20260105T170000Z"), after: 2025) == .expand)
        var excepted = request(("2025-12-03T20:00", "America/Vancouver"), rule: "FREQ=WEEKLY;COUNT=5")
        excepted.exceptions = [CivilDateTime(iso: "2025-12-31T20:00")!]
        #expect(EventSpan.lastYear(excepted, after: 2025) == .expand)
        #expect(EventSpan.lastYear(request(("2025-10-01T09:00", "America/Vancouver"), rule: "FREQ=WEEKLY;BYDAY=MO;COUNT=5"), after: 2025) == .expand)
    }
}
