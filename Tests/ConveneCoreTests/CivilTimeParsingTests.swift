import Foundation
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

    /// `YYYY-MM-DD` as `String(format:)` writes it, for every day of years near and far, and
    /// read back as the same date; years past four digits keep all of theirs.
    @Test func datesAreWrittenAsTheyAreRead() {
        for year in [1, 9, 10, 99, 100, 999, 1000, 1970, 2024, 2026, 9999] {
            for day in stride(from: CivilDate(year: year, month: 1, day: 1).daysSinceEpoch,
                              through: CivilDate(year: year, month: 12, day: 31).daysSinceEpoch, by: 1) {
                let date = CivilDate(daysSinceEpoch: day)
                #expect(date.description == String(format: "%04d-%02d-%02d", date.year, date.month, date.day))
                #expect(CivilDate(iso: date.description) == date)
            }
        }
        #expect(CivilDate(year: 12345, month: 6, day: 7).description == "12345-06-07")
        #expect(CivilDateTime(date: CivilDate(year: 2026, month: 3, day: 9), minuteOfDay: 545).description == "2026-03-09T09:05")
    }
}
