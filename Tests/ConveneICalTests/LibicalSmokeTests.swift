import ConveneCore
import Testing
@testable import ConveneICal

/// libical is linked and a VEVENT survives being built, written and read back.
@Suite struct LibicalSmokeTests {
    @Test func veventRoundTrips() throws {
        let draft = EventDraft(
            uid: "smoke-1@convene.example", summary: "Uganda roundtable, Kampala",
            start: .zoned(CivilDateTime(iso: "2025-03-30T09:00")!, zone: "Europe/Helsinki"),
            end: .zoned(CivilDateTime(iso: "2025-03-30T10:30")!, zone: "Europe/Helsinki"),
            rule: "FREQ=WEEKLY;COUNT=2",
            attendees: ["mailto:regina@nansana.example"])
        let written = try ICalTree.calendar(prodID: "-//Convene//smoke//EN", events: [draft], stamp: 1_735_689_600)
        let text = written.serialized()
        #expect(text.contains("BEGIN:VEVENT"))
        #expect(text.contains("DTSTART;TZID=Europe/Helsinki:20250330T090000"))
        #expect(text.contains("SUMMARY:Uganda roundtable\\, Kampala"))

        let read = try #require(ICalTree.parse(text))
        #expect(read.errorCount == 0)
        let event = try #require(read.events().first)
        #expect(event.uid == "smoke-1@convene.example")
        #expect(event.summary == "Uganda roundtable, Kampala")
        let timing = try #require(event.timing())
        // 09:00 in Helsinki on the first morning of summer time (UTC+3) is 06:00Z.
        #expect(timing.start == ZoneClock.instant(CivilDateTime(iso: "2025-03-30T09:00")!, in: "Europe/Helsinki"))
        #expect(timing.start == 1_743_314_400)
        #expect(timing.duration == 5_400)
        #expect(read.serialized() == text)
    }

    @Test func garbageParsesToNothing() {
        #expect(ICalTree.parse("hello, world\nthis is not a calendar\n") == nil)
    }

    @Test func severalCalendarsComeBackUnderXROOT() throws {
        let one = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nDTSTART:20250101T100000Z\nEND:VEVENT\nEND:VCALENDAR\n"
        let two = one.replacingOccurrences(of: "UID:a", with: "UID:b")
        let tree = try #require(ICalTree.parse(one + two))
        #expect(tree.events().map(\.uid) == ["a", "b"])
    }

    @Test func brokenLinesBecomeErrorNotesThatCanBeStripped() throws {
        let text = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nDTSTART:2025-01-01 09:00\nNOSUCHPROP:1\nEND:VEVENT\nEND:VCALENDAR\n"
        let tree = try #require(ICalTree.parse(text))
        #expect(tree.errorCount == 2)
        let notes = tree.errorNotes()
        #expect(notes.map(\.type) == ["VALUE-PARSE-ERROR", "PROPERTY-PARSE-ERROR"])
        #expect(notes.allSatisfy { $0.eventIndex == 0 })
        #expect(notes[1].text.hasSuffix(": NOSUCHPROP"))
        tree.stripErrors()
        #expect(tree.errorCount == 0)
        #expect(!tree.serialized().contains("X-LIC-ERROR"))
    }
}
