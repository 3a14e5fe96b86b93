import ConveneBenchSupport
import ConveneCore
import Foundation
import Testing
@testable import ConveneICal

/// `AttendeeConflicts` on calendars built in memory: expansion, overrides, splitting into parts,
/// and bad files reported with their lines while the others are still counted.
@Suite struct AttendeeConflictsTests {
    /// A calendar with these VEVENT bodies (each a list of lines without BEGIN/END).
    private func calendar(_ events: [[String]], header: [String] = []) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Convene//tests//EN"] + header
        for event in events { lines += ["BEGIN:VEVENT"] + event + ["END:VEVENT"] }
        return (lines + ["END:VCALENDAR"]).joined(separator: "\r\n") + "\r\n"
    }

    private func event(_ uid: String, _ start: String, _ end: String, _ attendees: [String], _ extra: [String] = []) -> [String] {
        ["UID:\(uid)", "DTSTAMP:20250101T000000Z", "SUMMARY:\(uid)", "DTSTART\(start)", "DTEND\(end)"]
            + attendees.map { "ATTENDEE;CN=\"Someone\";ROLE=REQ-PARTICIPANT:\($0)" } + extra
    }

    private func scan(_ texts: [String], listing: Bool = false, chunkBytes: Int = 0, workers: Int = 0,
                      window: TimeSpan = ConflictScanOptions.defaultWindow) -> ConflictScan {
        let inputs = texts.enumerated().map { CalendarInput(name: "cal\($0.offset).ics", text: $0.element) }
        return AttendeeConflicts.scan(inputs, options: ConflictScanOptions(window: window, listsPairs: listing,
                                                                           workers: workers, chunkBytes: chunkBytes))
    }

    static let helsinki = [
        "BEGIN:VTIMEZONE", "TZID:Europe/Helsinki",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0300", "DTSTART:19700329T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0300", "TZOFFSETTO:+0200", "DTSTART:19701025T040000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE",
    ]

    @Test func countsOverlapsPerAttendee() {
        let text = calendar([
            event("a", ":20250602T090000Z", ":20250602T100000Z", ["mailto:x@example.org", "mailto:y@example.org"]),
            event("b", ":20250602T093000Z", ":20250602T103000Z", ["MAILTO:X@Example.org", "mailto:y@example.org"]),
            event("c", ":20250602T100000Z", ":20250602T110000Z", ["mailto:x@example.org", "mailto:x@example.org"]),
        ])
        let result = scan([text])
        #expect(result.occurrenceCount == 3)
        // x: a-b, b-c (a-c touch); y: a-b. The repeated x in c counts once.
        #expect(result.conflictingPairCount == 3)
        #expect(result.problems.isEmpty)
        #expect(result.filesRead == ["cal0.ics"])
    }

    @Test func listingNamesBothEventsInOrder() throws {
        let text = calendar([
            event("late", ":20250602T093000Z", ":20250602T103000Z", ["mailto:x@example.org"]),
            event("early", ":20250602T090000Z", ":20250602T100000Z", ["mailto:x@example.org"]),
        ])
        let result = scan([text], listing: true)
        #expect(result.conflictingPairCount == 1)
        let pair = try #require(result.conflicts.first)
        #expect(pair.attendee == "mailto:x@example.org")
        #expect(pair.first.uid == "early")
        #expect(pair.second.uid == "late")
        #expect(pair.first.file == "cal0.ics")
        #expect(pair.first.span == TimeSpan(start: 1_748_854_800, end: 1_748_858_400))
    }

    @Test func overrideReplacesTheOccurrenceAtItsRecurrenceID() {
        let series = event("s", ";TZID=Europe/Helsinki:20250323T090000", ";TZID=Europe/Helsinki:20250323T100000",
                           ["mailto:x@example.org"], ["RRULE:FREQ=WEEKLY;COUNT=3"])
        // Moves the 2025-03-30 occurrence (06:00Z, summer time) to 14:00 local.
        let moved = ["UID:s", "DTSTAMP:20250101T000000Z", "RECURRENCE-ID;TZID=Europe/Helsinki:20250330T090000",
                     "DTSTART;TZID=Europe/Helsinki:20250330T140000", "DTEND;TZID=Europe/Helsinki:20250330T150000",
                     "ATTENDEE:mailto:x@example.org"]
        let atOldTime = event("old", ":20250330T063000Z", ":20250330T064500Z", ["mailto:x@example.org"])
        let atNewTime = event("new", ":20250330T113000Z", ":20250330T114500Z", ["mailto:x@example.org"])
        let result = scan([calendar([series, moved, atOldTime, atNewTime], header: Self.helsinki)])
        #expect(result.problems.isEmpty)
        #expect(result.occurrenceCount == 5)
        #expect(result.conflictingPairCount == 1)
        // Without the override the master's occurrence stays and the moved one is extra.
        let withoutMaster = scan([calendar([moved, atOldTime, atNewTime], header: Self.helsinki)])
        #expect(withoutMaster.occurrenceCount == 3)
    }

    @Test func overridesApplyAcrossParts() {
        var events: [[String]] = [event("s", ":20250106T090000Z", ":20250106T100000Z", ["mailto:x@example.org"],
                                        ["RRULE:FREQ=WEEKLY;COUNT=10"])]
        for i in 0..<50 {
            events.append(event("filler-\(i)", ":20250201T090000Z", ":20250201T100000Z", ["mailto:p\(i)@example.org"]))
        }
        events.append(["UID:s", "DTSTAMP:20250101T000000Z", "RECURRENCE-ID:20250113T090000Z",
                       "DTSTART:20250113T120000Z", "DTEND:20250113T130000Z", "ATTENDEE:mailto:x@example.org"])
        events.append(event("clash", ":20250113T123000Z", ":20250113T124500Z", ["mailto:x@example.org"]))
        let text = calendar(events)
        for chunkBytes in [0, 1, 500] {
            let result = scan([text], chunkBytes: chunkBytes)
            #expect(result.occurrenceCount == 10 + 50 + 1, "parts of \(chunkBytes) bytes")
            #expect(result.conflictingPairCount == 1, "parts of \(chunkBytes) bytes")
        }
    }

    @Test func recurrenceDatesHonourTheirZoneAndExceptionsApply() {
        let series = event("s", ";TZID=Europe/Helsinki:20250323T090000", ";TZID=Europe/Helsinki:20250323T100000",
                           ["mailto:x@example.org"],
                           ["RRULE:FREQ=WEEKLY;COUNT=3", "RDATE;TZID=Europe/Helsinki:20250402T090000",
                            "EXDATE;TZID=Europe/Helsinki:20250406T090000"])
        let atRDATE = event("r", ":20250402T061500Z", ":20250402T063000Z", ["mailto:x@example.org"])
        let atExcluded = event("e", ":20250406T061500Z", ":20250406T063000Z", ["mailto:x@example.org"])
        let result = scan([calendar([series, atRDATE, atExcluded], header: Self.helsinki)])
        #expect(result.occurrenceCount == 5)
        #expect(result.conflictingPairCount == 1)
    }

    @Test func lengthsFromDurationOrNothing() {
        let text = calendar([
            ["UID:d", "DTSTART:20250602T090000Z", "DURATION:PT90M", "ATTENDEE:mailto:x@example.org"],
            ["UID:z", "DTSTART:20250602T100000Z", "ATTENDEE:mailto:x@example.org"],  // zero length, inside d
            ["UID:day", "DTSTART;VALUE=DATE:20250603", "ATTENDEE:mailto:x@example.org"],  // one day from 00:00Z
            ["UID:t", "DTSTART:20250603T235900Z", "DTEND:20250604T010000Z", "ATTENDEE:mailto:x@example.org"],
        ])
        let result = scan([text])
        #expect(result.occurrenceCount == 4)
        #expect(result.conflictingPairCount == 2)
    }

    @Test func occurrencesCountWhenTheyStartInTheWindow() {
        let text = calendar([
            event("before", ":20250601T220000Z", ":20250602T020000Z", ["mailto:x@example.org"]),
            event("inside", ":20250602T010000Z", ":20250602T030000Z", ["mailto:x@example.org"]),
            event("at-end", ":20250603T000000Z", ":20250603T010000Z", ["mailto:x@example.org"]),
        ])
        let june2 = TimeSpan(start: 1_748_822_400, end: 1_748_908_800)
        let result = scan([text], window: june2)
        #expect(result.occurrenceCount == 1)
        #expect(result.conflictingPairCount == 0)
    }

    @Test func badFilesAreReportedWithLinesAndTheOthersCounted() throws {
        let good = calendar([
            event("a", ":20250602T090000Z", ":20250602T100000Z", ["mailto:x@example.org"]),
            event("b", ":20250602T093000Z", ":20250602T103000Z", ["mailto:x@example.org"]),
        ])
        let broken = calendar([
            event("ok", ":20250602T090000Z", ":20250602T100000Z", ["mailto:x@example.org"]),
            ["UID:bad", "DTSTART:2025-06-02 09:00", "DTEND:20250602T100000Z", "NOSUCHPROP:1"],
        ])
        let truncated = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:cut\r\n"
        let result = scan([good, broken, truncated])
        #expect(result.filesRead == ["cal0.ics"])
        #expect(result.filesRejected == ["cal1.ics", "cal2.ics"])
        #expect(result.occurrenceCount == 2)
        #expect(result.conflictingPairCount == 1)
        let brokenProblems = result.problems.filter { $0.file == "cal1.ics" }
        // NOSUCHPROP (line 16) is a valid iana-token name we do not know: ignored (RFC 5545 §3.8.8.1).
        #expect(brokenProblems.map(\.line) == [14])
        #expect(brokenProblems.allSatisfy { $0.kind == .brokenLine && $0.uid == "bad" })
        #expect(brokenProblems[0].message.contains("DTSTART"))
        #expect(brokenProblems[0].column == 9)
        let cut = try #require(result.problems.first { $0.file == "cal2.ics" })
        #expect(cut.kind == .truncated)
        #expect(cut.line == 3)
        #expect(cut.diagnostic.location.description == "cal2.ics:3:1")
    }

    @Test func brokenLinesAreFoundInLaterParts() {
        var events: [[String]] = []
        for i in 0..<30 { events.append(event("e\(i)", ":20250602T090000Z", ":20250602T100000Z", ["mailto:p\(i)@example.org"])) }
        events[25].append("NOT A PROPERTY LINE")
        let text = calendar(events)
        let expectedLine = text.components(separatedBy: "\r\n").firstIndex(of: "NOT A PROPERTY LINE")! + 1
        for chunkBytes in [0, 300] {
            // Not a property line at all: it touches no time or attendee, so it is a located warning.
            let result = scan([text], chunkBytes: chunkBytes)
            #expect(result.problems.isEmpty)
            #expect(result.warnings.map(\.line) == [expectedLine], "parts of \(chunkBytes) bytes")
            #expect(result.warnings.first?.uid == "e25")
            #expect(result.filesRead.count == 1)
        }
    }

    @Test func emptyTextValuesAreNotErrors() {
        let text = calendar([event("a", ":20250602T090000Z", ":20250602T100000Z", ["mailto:x@example.org"],
                                   ["LOCATION:", "DESCRIPTION:", "X-ALT-DESC;FMTTYPE=text/html:"])])
        let result = scan([text])
        #expect(result.problems.isEmpty)
        #expect(result.occurrenceCount == 1)
    }

    @Test func unknownZonesAndMissingStartsAreProblems() {
        let text = calendar([
            event("mars", ";TZID=Mars/Olympus_Mons:20250602T090000", ";TZID=Mars/Olympus_Mons:20250602T100000", []),
            ["UID:nostart", "SUMMARY:no start"],
        ])
        let result = scan([text])
        #expect(result.problems.map(\.kind) == [.unknownTimeZone, .missingStart])
        #expect(result.problems.map(\.line) == [8, 11])
    }

    @Test func plainIANANamesWithoutVTIMEZONEUseTheSystemZones() {
        let text = calendar([
            event("a", ";TZID=America/Toronto:20251102T013000", ";TZID=America/Toronto:20251102T014500", ["mailto:x@example.org"]),
            event("b", ":20251102T053500Z", ":20251102T054000Z", ["mailto:x@example.org"]),
        ])
        // 01:30 on the night clocks go back is the first 01:30 (EDT): 05:30Z.
        #expect(scan([text]).conflictingPairCount == 1)
    }

    @Test func theSameAnswerOnOneThreadOrTwo() {
        var events: [[String]] = []
        var random = SplitMix64(seed: 42)
        for i in 0..<200 {
            let day = 1 + random.below(28), hour = random.below(20)
            let stamp = String(format: ":202506%02dT%02d%02d00Z", day, hour, 15 * random.below(4))
            let end = String(format: ":202506%02dT%02d%02d00Z", day, hour + 1 + random.below(3), 0)
            events.append(event("e\(i)", stamp, end, (0..<3).map { _ in "mailto:p\(random.below(20))@example.org" }))
        }
        let text = calendar(events)
        let one = scan([text], chunkBytes: 2_000, workers: 1)
        let two = scan([text], chunkBytes: 2_000, workers: 2)
        #expect(one.occurrenceCount == 200)
        #expect(one.conflictingPairCount > 0)
        #expect(one.conflictingPairCount == two.conflictingPairCount)
        #expect(scan([text], listing: true).conflicts.count == one.conflictingPairCount)
    }
}
