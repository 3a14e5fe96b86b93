import Testing
@testable import ConveneCore

@Suite("Reading plan dates and times")
struct CivilTimeParsingTests {
    @Test func datesAreRealCalendarDays() {
        #expect(CivilDate(iso: "2024-02-29") == CivilDate(year: 2024, month: 2, day: 29))
        #expect(CivilDate(iso: "2023-02-29") == nil)
        #expect(CivilDate(iso: "2024-13-01") == nil)
        #expect(CivilDate(iso: "2024-1-05") == nil)
        #expect(CivilDate(iso: "2024-01-05 ") == nil)
        #expect(CivilDate(iso: "२०२४-01-05") == nil)
    }

    @Test(arguments: [
        ("2024-10-15T09:00", 540), ("2024-10-15 09:00", 540), ("2024-10-15T23:59:00", 1439), ("2024-10-15T00:00", 0),
    ])
    func dateTimes(text: String, minute: Int) {
        #expect(CivilDateTime(iso: text) == CivilDateTime(date: CivilDate(year: 2024, month: 10, day: 15), minuteOfDay: minute))
    }

    @Test(arguments: ["2024-10-15T24:00", "2024-10-15T09:60", "2024-10-15T09:00:30", "2024-10-15T9:00",
                      "2024-10-15", "2024-10-15X09:00", "2024-10-15T09:00Z", ""])
    func malformedDateTimes(text: String) {
        #expect(CivilDateTime(iso: text) == nil)
    }
}
