import Foundation
import Testing
@testable import ConveneICal

/// The pass over a calendar's bytes that runs before libical: which lines it refuses, on which
/// line, and what it lets through.
@Suite struct ICalInputLimitsTests {
    private func failure(_ text: String) -> ICalError? {
        failure(Array(text.utf8))
    }

    private func failure(_ bytes: [UInt8]) -> ICalError? {
        do { try ICalInputLimits.check(bytes, file: "limits.ics"); return nil } catch { return error }
    }

    private static func calendar(zoneRule: String, eventRule: String = "RRULE:FREQ=WEEKLY;COUNT=3", begin: String = "BEGIN:VTIMEZONE",
                                 end: String = "END:VTIMEZONE") -> String {
        [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//limits//EN",
            begin, "TZID:Europe/Helsinki", "BEGIN:DAYLIGHT", "DTSTART:19700329T030000", zoneRule,
            "TZOFFSETFROM:+0200", "TZOFFSETTO:+0300", "END:DAYLIGHT", end,
            "BEGIN:VEVENT", "UID:a@limits", "DTSTART;TZID=Europe/Helsinki:20250101T090000", eventRule, "END:VEVENT",
            "END:VCALENDAR",
        ].joined(separator: "\r\n") + "\r\n"
    }

    @Test func aYearlyZoneRuleInAnyCasePasses() {
        #expect(failure(Self.calendar(zoneRule: "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")) == nil)
        #expect(failure(Self.calendar(zoneRule: "rrule:freq=yearly;bymonth=3;byday=-1su", begin: "begin:vtimezone", end: "end:vtimezone")) == nil)
        #expect(failure(Self.calendar(zoneRule: "RRULE;X-A=B:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")) == nil)
    }

    @Test func aZoneRuleThatIsNotYearlyIsRefusedOnItsLine() {
        for rule in ["RRULE:FREQ=SECONDLY", "rrule:freq=daily;interval=1", "RRULE;X-A=B:FREQ=MONTHLY", "RRULE:BYMONTH=3"] {
            let error = failure(Self.calendar(zoneRule: rule))
            #expect(error?.kind == .invalidRule, "\(rule)")
            #expect(error?.line == 8, "\(rule)")
            #expect(error?.message.contains("not yearly") == true, "\(rule)")
        }
        // Lower-case BEGIN and END lines open and close the zone as upper-case ones do.
        #expect(failure(Self.calendar(zoneRule: "RRULE:FREQ=HOURLY", begin: "Begin:VTimeZone"))?.line == 8)
    }

    @Test func aRuleOutsideTimeZonesIsLeftToTheOccurrenceLimits() {
        #expect(failure(Self.calendar(zoneRule: "RRULE:FREQ=YEARLY", eventRule: "RRULE:FREQ=SECONDLY")) == nil)
    }

    @Test func aLongContentLineIsRefusedOnItsFirstLineFoldsCounted() {
        let limit = ICalInputLimits.maximumLineBytes
        let head = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n"
        // Exactly the limit, CR not counted, passes; one byte more does not.
        let exact = "DESCRIPTION:" + String(repeating: "a", count: limit - 12)
        #expect(failure(head + exact + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n") == nil)
        let error = failure(head + exact + "b\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        #expect(error?.kind == .brokenLine)
        #expect(error?.line == 4)
        // Folded into short physical lines, the logical line (without each fold's leading space)
        // still counts whole, and is named by its first line.
        let folds = String(repeating: " " + String(repeating: "c", count: 74) + "\r\n", count: limit / 74 + 1)
        let folded = failure(head + "DESCRIPTION:x\r\n" + folds + "END:VEVENT\r\nEND:VCALENDAR\r\n")
        #expect(folded?.kind == .brokenLine)
        #expect(folded?.line == 4)
        // Bare LF line ends, and a last line with no line end at all, are lines too.
        let bare = failure(head.replacingOccurrences(of: "\r\n", with: "\n") + "DESCRIPTION:" + String(repeating: "d", count: limit))
        #expect(bare?.line == 4)
    }

    @Test func emptyAndBlankInputPass() {
        #expect(failure([UInt8]()) == nil)
        #expect(failure("\n\n\r\n") == nil)
    }
}
