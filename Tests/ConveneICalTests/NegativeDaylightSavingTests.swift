import ConveneCore
import Testing
@testable import ConveneICal

/// A repeated local hour is its first instant (RFC 5545 §3.3.5), also where tzdata writes winter
/// time as negative daylight saving; libical's own conversion gives the second there.
@Suite struct NegativeDaylightSavingTests {
    /// Wall time written as if UTC.
    func wall(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int) -> UnixSeconds {
        CivilDateTime(date: CivilDate(year: y, month: m, day: d), minuteOfDay: h * 60 + min).secondsAsIfUTC
    }

    @Test(arguments: [
        // Dublin, 2025-10-26: 02:00 IST (UTC+1) becomes 01:00 GMT; 01:30 happens at 00:30Z and 01:30Z.
        ("Europe/Dublin", 2025, 10, 26, 1, 30, Int64(1_761_438_600)),
        // Casablanca, 2025-02-23 (Ramadan): 03:00 (UTC+1) becomes 02:00 (UTC+0); 02:30 at 01:30Z and 02:30Z.
        ("Africa/Casablanca", 2025, 2, 23, 2, 30, Int64(1_740_274_200)),
        // New York (ordinary daylight saving), 2025-11-02: 01:30 EDT at 05:30Z, then EST at 06:30Z.
        ("America/New_York", 2025, 11, 2, 1, 30, Int64(1_762_061_400)),
    ])
    func repeatedHourIsItsFirstInstant(zone: String, y: Int, m: Int, d: Int, h: Int, min: Int, first: Int64) throws {
        let local = wall(y, m, d, h, min)
        #expect(LibicalClock.instant(ofWall: local, inZoneNamed: zone) == first)
    }

    /// libical picks between the two readings of a repeated hour by `is_daylight`; asking for the
    /// daylight (summer) reading gives the first instant in New York but the second in Dublin and
    /// Casablanca, whose tz rules call winter time daylight saving. Convene's reading compares
    /// offsets instead and gives the first everywhere.
    @Test(arguments: [("Europe/Dublin", 2025, 10, 26, 1, 30, true), ("Africa/Casablanca", 2025, 2, 23, 2, 30, true),
                      ("America/New_York", 2025, 11, 2, 1, 30, false)])
    func libicalsDaylightReadingGivesTheSecondInstantWhereDaylightSavingIsNegative(
        zone: String, y: Int, m: Int, d: Int, h: Int, min: Int, negative: Bool) throws {
        let local = wall(y, m, d, h, min)
        let ours = try #require(LibicalClock.instant(ofWall: local, inZoneNamed: zone))
        let libical = try #require(LibicalClock.libicalDaylightInstant(ofWall: local, inZoneNamed: zone))
        #expect(libical == (negative ? ours + 3_600 : ours))
    }

    @Test func gapTakesTheOffsetBeforeIt() {
        // Dublin, 2025-03-30: 01:00 GMT becomes 02:00 IST; 01:30 does not exist and reads as 01:30 GMT.
        #expect(LibicalClock.instant(ofWall: wall(2025, 3, 30, 1, 30), inZoneNamed: "Europe/Dublin") == 1_743_298_200)
    }
}
