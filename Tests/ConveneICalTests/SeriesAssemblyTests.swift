import ConveneCore
import Foundation
import Testing
@testable import ConveneICal

/// How `SeriesAssembly` puts a file's components together: the cases of the corpus not covered
/// by a vendor fixture.
@Suite struct SeriesAssemblyTests {
    func occurrences(_ lines: [String], floatingZone: String? = nil) -> CalendarOccurrences {
        let text = (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN"] + lines + ["END:VCALENDAR", ""]).joined(separator: "\r\n")
        return CalendarOccurrences.list([CalendarInput(name: "t.ics", text: text)], floatingZone: floatingZone)
    }

    @Test func utcRecurrenceIDOfAnAllDayInstantIsItsDayInTheCalendarsZone() {
        // Exchange also writes a moved all-day instance as the UTC instant of its local midnight.
        let result = occurrences(["X-WR-TIMEZONE:Europe/Berlin",
            "BEGIN:VEVENT", "UID:a", "DTSTAMP:20250101T000000Z", "DTSTART;VALUE=DATE:20250303", "DTEND;VALUE=DATE:20250304",
            "RRULE:FREQ=DAILY;COUNT=3", "END:VEVENT",
            "BEGIN:VEVENT", "UID:a", "DTSTAMP:20250101T000000Z", "RECURRENCE-ID:20250303T230000Z",
            "DTSTART;VALUE=DATE:20250310", "DTEND;VALUE=DATE:20250311", "END:VEVENT"])
        #expect(result.problems.isEmpty)
        // Local midnights in Berlin (UTC+1): the 4th is replaced by the 10th.
        #expect(result.occurrences.map(\.span.start) == [1_740_956_400, 1_741_129_200, 1_741_561_200])
        #expect(result.occurrences.map { $0.span.end - $0.span.start } == [86_400, 86_400, 86_400])
    }

    @Test func revisionsOfAnOverrideKeepTheHighestSequence() {
        let result = occurrences([
            "BEGIN:VEVENT", "UID:s", "DTSTAMP:20250101T000000Z", "DTSTART:20250401T100000Z", "DTEND:20250401T110000Z",
            "RRULE:FREQ=DAILY;COUNT=2", "END:VEVENT",
            "BEGIN:VEVENT", "UID:s", "SEQUENCE:3", "DTSTAMP:20250101T000000Z", "RECURRENCE-ID:20250402T100000Z",
            "DTSTART:20250402T150000Z", "DTEND:20250402T160000Z", "END:VEVENT",
            "BEGIN:VEVENT", "UID:s", "SEQUENCE:1", "DTSTAMP:20250301T000000Z", "RECURRENCE-ID:20250402T100000Z",
            "DTSTART:20250402T120000Z", "DTEND:20250402T130000Z", "END:VEVENT"])
        #expect(result.occurrences.map(\.span.start) == [1_743_501_600, 1_743_606_000])
    }

    @Test func aCancelledOverrideRemovesItsInstanceAndACancelledSeriesEverything() {
        let result = occurrences([
            "BEGIN:VEVENT", "UID:s", "DTSTAMP:20250101T000000Z", "DTSTART:20250401T100000Z", "DTEND:20250401T110000Z",
            "RRULE:FREQ=DAILY;COUNT=3", "END:VEVENT",
            "BEGIN:VEVENT", "UID:s", "DTSTAMP:20250101T000000Z", "RECURRENCE-ID:20250402T100000Z", "STATUS:CANCELLED",
            "DTSTART:20250402T100000Z", "DTEND:20250402T110000Z", "END:VEVENT",
            "BEGIN:VEVENT", "UID:gone", "STATUS:CANCELLED", "DTSTAMP:20250101T000000Z", "DTSTART:20250401T100000Z",
            "RRULE:FREQ=DAILY;COUNT=3", "END:VEVENT"])
        #expect(result.occurrences.map(\.uid) == ["s", "s"])
        #expect(result.occurrences.map(\.span.start) == [1_743_501_600, 1_743_674_400])
    }

    @Test func floatingTimesAndDatesReadInTheReadersZoneWithoutXWRTimezone() {
        let lines = ["BEGIN:VEVENT", "UID:f", "DTSTAMP:20250101T000000Z", "DTSTART:20250401T100000", "DTEND:20250401T110000", "END:VEVENT",
                     "BEGIN:VEVENT", "UID:d", "DTSTAMP:20250101T000000Z", "DTSTART;VALUE=DATE:20250402", "END:VEVENT"]
        #expect(occurrences(lines).occurrences.map(\.span.start) == [1_743_501_600, 1_743_552_000])
        // Helsinki is UTC+3 in April: 10:00 is 07:00Z, midnight is 21:00Z the day before.
        let helsinki = occurrences(lines, floatingZone: "Europe/Helsinki")
        #expect(helsinki.occurrences.map(\.span.start) == [1_743_490_800, 1_743_541_200])
        #expect(helsinki.occurrences.map { $0.span.end - $0.span.start } == [3_600, 86_400])
    }

    @Test func aVCalendarInsideAnEventIsRefusedAtItsLine() {
        let result = occurrences(["BEGIN:VEVENT", "UID:x", "DTSTART:20250401T100000Z", "BEGIN:VCALENDAR", "END:VCALENDAR", "END:VEVENT"])
        #expect(result.problems.map(\.line) == [7])
        #expect(result.filesRejected == ["t.ics"])
    }

    @Test func eventsWithoutUIDAreNotRevisionsOfEachOther() {
        let result = occurrences([
            "BEGIN:VEVENT", "DTSTART:20250401T100000Z", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART:20250402T100000Z", "END:VEVENT"])
        #expect(result.occurrences.count == 2)
    }
}
