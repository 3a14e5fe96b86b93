import Testing
@testable import ConveneCore

@Suite("Wall time to UTC")
struct ZoneClockTests {
    func utc(_ wall: String, _ zone: String) -> String? {
        ZoneClock.instant(CivilDateTime(iso: wall)!, in: zone).map(ZoneClock.formatUTC)
    }

    @Test func offsetsOfTheSampleZones() {
        #expect(utc("2024-10-15T09:00", "Africa/Kampala") == "2024-10-15T06:00:00Z")
        #expect(utc("2024-07-10T09:00", "Europe/Helsinki") == "2024-07-10T06:00:00Z")
        #expect(utc("2024-01-10T09:00", "Europe/Helsinki") == "2024-01-10T07:00:00Z")
        #expect(utc("2024-09-18T09:00", "America/Toronto") == "2024-09-18T13:00:00Z")
        #expect(utc("2023-06-20T10:00", "Asia/Kolkata") == "2023-06-20T04:30:00Z")
    }

    @Test func helsinkiSpringForwardGapUsesTheOffsetBeforeIt() {
        // 2024-03-31 03:00 EET jumps to 04:00 EEST; 03:30 does not exist.
        #expect(utc("2024-03-31T02:59", "Europe/Helsinki") == "2024-03-31T00:59:00Z")
        #expect(utc("2024-03-31T03:30", "Europe/Helsinki") == "2024-03-31T01:30:00Z")
        #expect(utc("2024-03-31T04:00", "Europe/Helsinki") == "2024-03-31T01:00:00Z")
    }

    @Test func repeatedHourTakesTheFirstOne() {
        // Helsinki 2024-10-27 04:00 EEST falls back to 03:00 EET; 03:30 happens twice.
        #expect(utc("2024-10-27T03:30", "Europe/Helsinki") == "2024-10-27T00:30:00Z")
        // Toronto 2024-11-03 02:00 EDT falls back to 01:00 EST.
        #expect(utc("2024-11-03T01:30", "America/Toronto") == "2024-11-03T05:30:00Z")
        #expect(utc("2024-11-03T02:30", "America/Toronto") == "2024-11-03T07:30:00Z")
    }

    @Test func unknownZones() {
        #expect(!ZoneClock.isKnownZone("Africa/Kampal"))
        #expect(!ZoneClock.isKnownZone("EST"))
        #expect(ZoneClock.isKnownZone("Asia/Makassar"))
    }

    @Test func civilDateArithmetic() {
        let date = CivilDate(year: 2024, month: 1, day: 31)
        #expect(date.adding(months: 1) == CivilDate(year: 2024, month: 2, day: 29))
        #expect(date.adding(months: -2) == CivilDate(year: 2023, month: 11, day: 30))
        #expect(CivilDate(daysSinceEpoch: date.daysSinceEpoch) == date)
        #expect(CivilDate(year: 2024, month: 10, day: 15).isoWeekday == 2)
        #expect(CivilDate(year: 1969, month: 12, day: 31).daysSinceEpoch == -1)
    }
}
