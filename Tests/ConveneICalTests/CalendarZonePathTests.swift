import ConveneCore
import Testing
@testable import ConveneICal

/// One path per kind of zone when a calendar file is read: an IANA TZID the file names without a
/// VTIMEZONE is read by `ZoneClock` (the system tzdata, as every other answer), a TZID the file
/// defines with its own VTIMEZONE by libical from that VTIMEZONE. Sao Paulo 2014 and Tehran 2019
/// are seasons libical 3.0.16's built-in zones get wrong (`ZoneClockAgainstLibicalTests`), so the
/// tests below fail if a file's built-in zone is read by libical.
@Suite struct CalendarZonePathTests {
    func occurrences(_ lines: [String]) -> CalendarOccurrences {
        let text = (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN"] + lines + ["END:VCALENDAR", ""]).joined(separator: "\r\n")
        return CalendarOccurrences.list([CalendarInput(name: "t.ics", text: text)], floatingZone: nil)
    }

    func event(_ uid: String, zone: String, start: String, rule: String? = nil) -> [String] {
        ["BEGIN:VEVENT", "UID:\(uid)", "DTSTAMP:20140101T000000Z", "DTSTART;TZID=\(zone):\(start)",
         "DTEND;TZID=\(zone):\(start.prefix(9))1000\(start.suffix(2))"] + (rule.map { ["RRULE:\($0)"] } ?? []) + ["END:VEVENT"]
    }

    @Test(arguments: [("America/Sao_Paulo", "20140602T090000", "2014-06-02T09:00"),
                      ("Asia/Tehran", "20190603T090000", "2019-06-03T09:00")])
    func builtinZonesAreReadByZoneClock(zone: String, compact: String, first: String) throws {
        let wall = try #require(CivilDateTime(iso: first))
        let result = occurrences(event("one", zone: zone, start: compact) + event("weekly", zone: zone, start: compact, rule: "FREQ=WEEKLY;COUNT=3"))
        #expect(result.problems.isEmpty)
        let walls = (0..<3).map { CivilDateTime(secondsAsIfUTC: wall.secondsAsIfUTC + Int64($0) * 7 * 86_400) }
        let expected = try walls.map { try #require(ZoneClock.instant($0, in: zone)) }
        let got = result.occurrences.sorted { ($0.uid, $0.span.start) < ($1.uid, $1.span.start) }
        #expect(got.map(\.uid) == ["one", "weekly", "weekly", "weekly"])
        #expect(got.map(\.span.start) == [expected[0]] + expected)
        #expect(got.map { $0.span.end - $0.span.start } == [3_600, 3_600, 3_600, 3_600])
        // libical's own zone says otherwise for these dates: the test can tell the two paths apart.
        #expect(try walls.map { try #require(LibicalProbe.instant($0, in: zone)) } != expected)
    }

    @Test func aZoneDefinedInTheFileIsReadFromItsVTimezone() {
        // The file defines "America/Sao_Paulo" as UTC-02:00 all year: its VTIMEZONE wins over tzdata's
        // (UTC-03:00 in June 2014), so 09:00 is 11:00Z.
        let result = occurrences([
            "BEGIN:VTIMEZONE", "TZID:America/Sao_Paulo", "BEGIN:STANDARD", "DTSTART:19700101T000000",
            "TZOFFSETFROM:-0200", "TZOFFSETTO:-0200", "TZNAME:X", "END:STANDARD", "END:VTIMEZONE"]
            + event("own", zone: "America/Sao_Paulo", start: "20140602T090000"))
        #expect(result.problems.isEmpty)
        #expect(result.occurrences.map(\.span.start) == [CivilDateTime(iso: "2014-06-02T11:00")!.secondsAsIfUTC])
    }

    @Test func aRepeatedHourInABuiltinZoneIsItsFirstInstant() {
        // New York, 2025-11-02: 01:30 EDT is 05:30Z, before 01:30 EST at 06:30Z (libical takes the second).
        let result = occurrences(["BEGIN:VEVENT", "UID:r", "DTSTAMP:20250101T000000Z",
                                  "DTSTART;TZID=America/New_York:20251102T013000", "DURATION:PT30M", "END:VEVENT"])
        #expect(result.occurrences.map(\.span.start) == [1_762_061_400])
    }
}
