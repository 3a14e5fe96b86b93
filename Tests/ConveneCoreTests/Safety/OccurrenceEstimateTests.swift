import Testing
@testable import ConveneCore

/// The one occurrence estimate every path consults before expanding an RRULE.
@Suite struct OccurrenceEstimateTests {
    /// 2025-01-01T00:00:00Z and 2026-01-01T00:00:00Z.
    private let start: Int64 = 1_735_689_600, end: Int64 = 1_767_225_600

    @Test func countsPeriodsTimesByParts() {
        #expect(OccurrenceEstimate.sittings(rule: "FREQ=WEEKLY", from: start, to: end) == 53)
        #expect(OccurrenceEstimate.sittings(rule: "FREQ=WEEKLY;BYDAY=MO,WE,FR", from: start, to: end) == 159)
        #expect(OccurrenceEstimate.sittings(rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4", from: start, to: end) == 4)
        #expect(OccurrenceEstimate.sittings(rule: "FREQ=DAILY;UNTIL=20250111T000000Z", from: start, to: end) == 11)
        #expect(OccurrenceEstimate.refusal(rule: "FREQ=YEARLY;BYHOUR=0,1;BYMINUTE=0,1,2", from: start, to: end) == nil)
        #expect(OccurrenceEstimate.refusal(rule: "FREQ=SECONDLY", from: start, to: end) == 31_536_001)
    }

    /// COUNT bounds the occurrences, not the periods the expander walks to find them: five
    /// sittings, but a rule every second is still refused.
    @Test func countBoundsTheSittingsButNotTheWalk() {
        #expect(OccurrenceEstimate.sittings(rule: "FREQ=SECONDLY;COUNT=5", from: start, to: end) == 5)
        #expect(OccurrenceEstimate.refusal(rule: "FREQ=SECONDLY;COUNT=5", from: start, to: end) == 31_536_001)
        #expect(OccurrenceEstimate.refusal(rule: "FREQ=DAILY;COUNT=5000000", from: start, to: end) == nil)
    }

    @Test func readsTheRuleAsLibicalOrAPlanWritesIt() {
        let plain = OccurrenceEstimate.sittings(rule: "FREQ=MONTHLY;BYDAY=MO,TU;COUNT=40", from: start, to: end)
        #expect(plain == 40)  // 14 periods of 10 (BYDAY in a month), bounded by COUNT
        // A property line, folded by libical, in any case; tabs, CR LF and vertical space are white space.
        for text in ["RRULE:FREQ=MONTHLY;BYDAY=MO,TU;COUNT=40\r\n", "rrule:freq=monthly;byday=mo,\r\n tu;count=40",
                     "RRULE;X-NAME=a:FREQ=MONTHLY;\tBYDAY=MO,TU;COUNT=40", " FREQ=MONTHLY;\u{0B}BYDAY=MO,TU;\u{0C}COUNT=40 "] {
            #expect(OccurrenceEstimate.sittings(rule: text, from: start, to: end) == plain, "\(text.debugDescription)")
        }
        // Outside ASCII: white space by Unicode (a no-break space) is left out too, letters upper-cased.
        #expect(OccurrenceEstimate.sittings(rule: "freq=monthly;\u{A0}byday=mo,tu;count=40;x-\u{E9}=1", from: start, to: end) == plain)
    }
}
