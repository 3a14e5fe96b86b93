import Testing
@testable import ConveneICal

/// The quick structural scan that splits files at VEVENT boundaries and knows line numbers.
@Suite struct CalendarLayoutTests {
    private func layout(_ text: String) throws(ICalError) -> CalendarLayout {
        try CalendarLayout(scanning: Array(text.utf8), file: "test.ics")
    }

    private func failure(_ text: String) -> ICalError? {
        do { _ = try layout(text); return nil } catch { return error }
    }

    @Test func findsEventsAndTheirLines() throws {
        let text = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            BEGIN:VTIMEZONE\r
            TZID:Europe/Helsinki\r
            BEGIN:STANDARD\r
            DTSTART:19700101T000000\r
            TZOFFSETFROM:+0200\r
            TZOFFSETTO:+0200\r
            END:STANDARD\r
            END:VTIMEZONE\r
            BEGIN:VEVENT\r
            UID:a\r
            BEGIN:VALARM\r
            TRIGGER:-PT5M\r
            END:VALARM\r
            END:VEVENT\r
            BEGIN:VTODO\r
            UID:skipped\r
            END:VTODO\r
            BEGIN:VEVENT\r
            UID:b\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let found = try layout(text)
        #expect(found.calendars.count == 1)
        let calendar = found.calendars[0]
        #expect(calendar.events.map(\.line) == [11, 20])
        #expect(calendar.header.map(\.line) == [2, 3])
        #expect(calendar.definedZones == ["Europe/Helsinki"])
        let bytes = Array(text.utf8)
        let second = String(decoding: bytes[calendar.events[1].bytes], as: UTF8.self)
        #expect(second == "BEGIN:VEVENT\r\nUID:b\r\nEND:VEVENT\r\n")
    }

    @Test func toleratesByteOrderMarkLowerCaseAndFoldedMarkers() throws {
        let text = "\u{FEFF}begin:vcalendar\nBEGIN:VEV\n ENT\nUID:a\nEND:VEVENT\nEND:VCALENDAR\n"
        #expect(try layout(text).calendars[0].events.map(\.line) == [2])
    }

    @Test func readsSeveralCalendarsInOneFile() throws {
        let one = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nEND:VEVENT\nEND:VCALENDAR\n"
        let found = try layout(one + "\n" + one)
        #expect(found.calendars.map { $0.events.map(\.line) } == [[2], [8]])
    }

    @Test func truncatedFileNamesTheOpenComponent() throws {
        let error = try #require(failure("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSUMMARY:cut"))
        #expect(error.kind == .truncated)
        #expect(error.line == 4)
        #expect(error.message.contains("BEGIN:VEVENT (line 2)"))
        #expect(error.file == "test.ics")
    }

    @Test func mismatchedEndNamesBothLines() throws {
        let error = try #require(failure("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nEND:VTODO\nEND:VCALENDAR\n"))
        #expect(error.kind == .mismatchedEnd)
        #expect(error.line == 4)
        #expect(error.message.contains("line 2"))
    }

    @Test func otherTextIsNotICalendar() throws {
        #expect(failure("<html>\n<body>sign in</body>\n")?.kind == .notICalendar)
        #expect(failure("BEGIN:VCARD\nFN:Someone\nEND:VCARD\n")?.kind == .notICalendar)
        let binary = try #require(failure("BEGIN:VCALENDAR\nX-A:\u{0}\nEND:VCALENDAR\n"))
        #expect(binary.kind == .notICalendar)
        #expect(binary.line == 2)
        // Text after END:VCALENDAR (a mail signature) is left out with a located warning.
        let trailing = try CalendarLayout(scanning: Array("BEGIN:VCALENDAR\nEND:VCALENDAR\n-- \ngarbage\n".utf8), file: "t.ics")
        #expect(trailing.warnings.map(\.line) == [3])
        #expect(trailing.warnings.first?.kind == .strayText)
    }

    @Test func emptyFiles() {
        #expect(failure("")?.kind == .empty)
        #expect(failure("\n\n  \n")?.kind == .empty)
    }

    @Test func findsZonesNamedButNotDefined() throws {
        let text = """
            BEGIN:VCALENDAR
            BEGIN:VTIMEZONE
            TZID:Europe/Helsinki
            END:VTIMEZONE
            BEGIN:VEVENT
            DTSTART;TZID=Europe/Helsinki:20250101T090000
            DTEND;tzid="America/Toronto":20250101T090000
            RDATE;VALUE=DATE-TIME;TZID=Asia/Manila:20250101T090000
            END:VEVENT
            END:VCALENDAR
            """
        let found = try layout(text)
        #expect(found.undefinedZoneReferences(in: Array(text.utf8)) == ["America/Toronto", "Asia/Manila"])
    }
}
