import ConveneCore
import Testing
@testable import ConveneICal

/// `LibicalRecurrenceExpander`: UTC instants across DST changes, exceptions, all-day events and
/// rule problems. Expected instants are written out and checked against Foundation's tz database
/// through `ZoneClock`, an implementation independent of libical.
@Suite struct RecurrenceExpanderTests {
    let expander = LibicalRecurrenceExpander()
    let year2025 = TimeSpan(start: 1_735_689_600, end: 1_767_225_600)

    private func request(_ start: String, zone: String, rule: String, minutes: Int64 = 60,
                         exceptions: [String] = [], allDay: Bool = false) -> RecurrenceRequest {
        RecurrenceRequest(start: CivilDateTime(iso: start)!, durationSeconds: minutes * 60, timeZone: zone,
                          isAllDay: allDay, rule: rule, exceptions: exceptions.map { CivilDateTime(iso: $0)! })
    }

    private func utc(_ text: String) -> UnixSeconds { CivilDateTime(iso: text)!.secondsAsIfUTC }

    private func wall(_ texts: [String], in zone: String) -> [UnixSeconds] {
        texts.map { ZoneClock.instant(CivilDateTime(iso: $0)!, in: zone)! }
    }

    /// A rule with white space around it expands as the rule without it (the quick path leaves a
    /// rule with visible ends as it is; anything else goes to Foundation's trimming).
    @Test func whiteSpaceAroundTheRule() throws {
        #expect("FREQ=DAILY;COUNT=2".trimmed() == "FREQ=DAILY;COUNT=2")
        #expect(" \tFREQ=DAILY;COUNT=2\u{00A0} ".trimmed() == "FREQ=DAILY;COUNT=2")
        #expect("".trimmed() == "")
        let plain = try expander.occurrences(of: request("2025-03-23T09:00", zone: "Europe/Helsinki", rule: "FREQ=DAILY;COUNT=2"),
                                             startingIn: year2025)
        let padded = try expander.occurrences(of: request("2025-03-23T09:00", zone: "Europe/Helsinki", rule: "\u{2003}FREQ=DAILY;COUNT=2 "),
                                              startingIn: year2025)
        #expect(plain.count == 2)
        #expect(padded == plain)
    }

    @Test func helsinkiSpringForward() throws {
        let spans = try expander.occurrences(of: request("2025-03-23T09:00", zone: "Europe/Helsinki", rule: "FREQ=WEEKLY;COUNT=3"),
                                             startingIn: year2025)
        #expect(spans.map(\.start) == [utc("2025-03-23T07:00"), utc("2025-03-30T06:00"), utc("2025-04-06T06:00")])
        #expect(spans.map(\.start) == wall(["2025-03-23T09:00", "2025-03-30T09:00", "2025-04-06T09:00"], in: "Europe/Helsinki"))
        #expect(spans.allSatisfy { $0.duration == 3_600 })
    }

    @Test func helsinkiFallBack() throws {
        let spans = try expander.occurrences(of: request("2025-10-19T09:00", zone: "Europe/Helsinki", rule: "FREQ=WEEKLY;COUNT=3"),
                                             startingIn: year2025)
        #expect(spans.map(\.start) == [utc("2025-10-19T06:00"), utc("2025-10-26T07:00"), utc("2025-11-02T07:00")])
    }

    @Test func torontoNovember() throws {
        let spans = try expander.occurrences(of: request("2025-10-31T08:30", zone: "America/Toronto", rule: "FREQ=DAILY;COUNT=4"),
                                             startingIn: year2025)
        #expect(spans.map(\.start) == [utc("2025-10-31T12:30"), utc("2025-11-01T12:30"), utc("2025-11-02T13:30"),
                                       utc("2025-11-03T13:30")])
    }

    @Test func torontoRepeatedHourIsTheFirstOne() throws {
        // 01:30 happens twice on 2025-11-02 in Toronto; RFC 5545 means the first (EDT, UTC-4).
        let spans = try expander.occurrences(of: request("2025-11-01T01:30", zone: "America/Toronto", rule: "FREQ=DAILY;COUNT=2"),
                                             startingIn: year2025)
        #expect(spans.map(\.start) == [utc("2025-11-01T05:30"), utc("2025-11-02T05:30")])
        #expect(spans.map(\.start) == wall(["2025-11-01T01:30", "2025-11-02T01:30"], in: "America/Toronto"))
    }

    @Test func torontoSkippedHourUsesTheOffsetBeforeTheGap() throws {
        // 02:30 does not exist on 2025-03-09 in Toronto; RFC 5545 reads it with the offset before (UTC-5).
        let spans = try expander.occurrences(of: request("2025-03-08T02:30", zone: "America/Toronto", rule: "FREQ=DAILY;COUNT=3"),
                                             startingIn: year2025)
        #expect(spans.map(\.start) == [utc("2025-03-08T07:30"), utc("2025-03-09T07:30"), utc("2025-03-10T06:30")])
        #expect(spans.map(\.start) == wall(["2025-03-08T02:30", "2025-03-09T02:30", "2025-03-10T02:30"], in: "America/Toronto"))
    }

    @Test func exceptionsAreLeftOut() throws {
        let spans = try expander.occurrences(
            of: request("2025-03-23T09:00", zone: "Europe/Helsinki", rule: "FREQ=WEEKLY;COUNT=4", exceptions: ["2025-03-30T09:00"]),
            startingIn: year2025)
        #expect(spans.map(\.start) == [utc("2025-03-23T07:00"), utc("2025-04-06T06:00"), utc("2025-04-13T06:00")])
    }

    @Test func allDayStartsAtLocalMidnight() throws {
        let spans = try expander.occurrences(
            of: request("2025-10-14T00:00", zone: "Africa/Kampala", rule: "FREQ=DAILY;COUNT=3", minutes: 24 * 60,
                        exceptions: ["2025-10-15T00:00"], allDay: true),
            startingIn: year2025)
        #expect(spans.map(\.start) == [utc("2025-10-13T21:00"), utc("2025-10-15T21:00")])
        #expect(spans.allSatisfy { $0.duration == 86_400 })
    }

    @Test func onlyStartsInsideTheWindowCount() throws {
        let window = TimeSpan(start: utc("2025-03-30T06:00"), end: utc("2025-04-06T06:00"))
        let spans = try expander.occurrences(of: request("2025-03-23T09:00", zone: "Europe/Helsinki", rule: "FREQ=WEEKLY;COUNT=3"),
                                             startingIn: window)
        #expect(spans.map(\.start) == [utc("2025-03-30T06:00")])
    }

    @Test func theFirstOccurrenceAlwaysCounts() throws {
        // 2025-01-07 is a Tuesday; the rule only makes Mondays. RFC 5545: DTSTART is the first occurrence.
        let spans = try expander.occurrences(of: request("2025-01-07T10:00", zone: "UTC", rule: "FREQ=WEEKLY;BYDAY=MO;COUNT=2"),
                                             startingIn: year2025)
        #expect(spans.map(\.start) == [utc("2025-01-07T10:00"), utc("2025-01-13T10:00"), utc("2025-01-20T10:00")])
    }

    @Test func noRuleIsOneOccurrence() throws {
        let spans = try expander.occurrences(of: request("2025-06-02T09:00", zone: "Asia/Kolkata", rule: ""), startingIn: year2025)
        #expect(spans == [TimeSpan(start: utc("2025-06-02T03:30"), end: utc("2025-06-02T04:30"))])
    }

    @Test func unknownZoneIsAnError() {
        #expect {
            try expander.occurrences(of: request("2025-06-02T09:00", zone: "Mars/Olympus_Mons", rule: "FREQ=DAILY;COUNT=2"),
                                     startingIn: year2025)
        } throws: { ($0 as? ICalError)?.kind == .unknownTimeZone }
    }

    @Test func badRuleIsAnError() {
        #expect {
            try expander.occurrences(of: request("2025-06-02T09:00", zone: "UTC", rule: "FREQ=FORTNIGHTLY"), startingIn: year2025)
        } throws: { ($0 as? ICalError)?.kind == .invalidRule }
    }

    @Test func validRulesHaveNoProblem() {
        for rule in ["FREQ=WEEKLY;COUNT=4", "FREQ=MONTHLY;INTERVAL=6;COUNT=4", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
                     "freq=daily;until=20251231T000000Z", "FREQ=MONTHLY;BYDAY=1MO,-1FR", "FREQ=DAILY;COUNT=3;"] {
            #expect(expander.problem(inRule: rule) == nil, "\(rule)")
        }
    }

    @Test(arguments: [
        ("FREQ=FORTNIGHTLY", "FREQ=FORTNIGHTLY"),
        ("FREQ=WEEKLY;COUNT=x", "COUNT=x"),
        ("FREQ=WEEKLY;COUNT=0", "COUNT=0"),
        ("FREQ=WEEKLY;INTERVAL=-2", "INTERVAL=-2"),
        ("FREQ=WEEKLY;BYDAY=XX", "BYDAY=XX"),
        ("FREQ=YEARLY;BYMONTH=13", "BYMONTH=13"),
        ("FREQ=WEEKLY;UNTIL=next-year", "UNTIL=next-year"),
        ("COUNT=4", "FREQ is missing"),
        ("FREQ=WEEKLY;COUNT=2;UNTIL=20250101", "COUNT and UNTIL"),
        ("FREQ=WEEKLY;FREQ=DAILY", "FREQ is given twice"),
        ("FREQ=WEEKLY;EVERY=2", "unknown rule part EVERY"),
        ("FREQ=WEEKLY;COUNT", "not NAME=VALUE"),
        ("FREQ=DAILY;BYWEEKNO=1", "combination"),
        ("", "empty"),
    ])
    func badRulesAreExplained(rule: String, mention: String) throws {
        let problem = try #require(expander.problem(inRule: rule))
        #expect(problem.contains(mention), "\(problem)")
    }

    @Test func expandsFromSeveralThreadsAtOnce() async throws {
        let expander = self.expander
        let zones = ["Europe/Helsinki", "America/Toronto", "Asia/Manila", "Africa/Blantyre", "America/Vancouver"]
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<40 {
                let zone = zones[i % zones.count]
                group.addTask {
                    try expander.occurrences(of: RecurrenceRequest(start: CivilDateTime(iso: "2025-01-06T09:00")!,
                                                                   durationSeconds: 3_600, timeZone: zone, isAllDay: false,
                                                                   rule: "FREQ=WEEKLY;COUNT=52"),
                                             startingIn: TimeSpan(start: 1_735_689_600, end: 1_767_225_600)).count
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 52, count: 40))
    }
}
