import ConveneCore
import Testing
@testable import ConveneICal

/// ZoneClock (our reader of the system tzdata) against libical's built-in zones (libical's reader
/// of the same files): they agree on every instant, and differ exactly where libical 3.0.16 breaks
/// RFC 5545 §3.3.5, which is why ZoneClock, not libical, maps wall times to UTC.
@Suite struct ZoneClockAgainstLibicalTests {
    static let zones = ["Europe/Helsinki", "America/Toronto", "America/New_York", "Europe/Dublin", "Africa/Casablanca",
                        "Australia/Sydney", "Africa/Kampala", "Asia/Kolkata", "Pacific/Chatham", "America/Mexico_City",
                        "Europe/London", "Australia/Lord_Howe"]

    private func utc(_ text: String) -> UnixSeconds { CivilDateTime(iso: text)!.secondsAsIfUTC }

    /// libical's answers for repeated and skipped wall times: the offset in force after the change,
    /// for both (and, in Dublin's and Casablanca's negative daylight saving, for the repeat too).
    @Test(arguments: [
        // wall, zone, libical's instant, RFC 5545's (ZoneClock's)
        ("2025-11-02T01:00", "America/New_York", "2025-11-02T06:00", "2025-11-02T05:00"),   // repeated: libical takes the second
        ("2025-10-26T03:30", "Europe/Helsinki", "2025-10-26T01:30", "2025-10-26T00:30"),
        ("2025-04-06T02:30", "Australia/Sydney", "2025-04-05T16:30", "2025-04-05T15:30"),
        ("2025-03-09T02:30", "America/New_York", "2025-03-09T06:30", "2025-03-09T07:30"),   // skipped: libical uses the offset after
        ("2025-03-30T03:30", "Europe/Helsinki", "2025-03-30T00:30", "2025-03-30T01:30"),
        ("2025-03-30T01:30", "Europe/Dublin", "2025-03-30T00:30", "2025-03-30T01:30"),
        ("2025-04-06T02:30", "Africa/Casablanca", "2025-04-06T01:30", "2025-04-06T02:30"),
        ("2025-10-05T02:30", "Australia/Sydney", "2025-10-04T15:30", "2025-10-04T16:30"),
    ])
    func libicalBreaksSection335(wall: String, zone: String, libical: String, rfc: String) throws {
        let time = try #require(CivilDateTime(iso: wall))
        #expect(LibicalProbe.instant(time, in: zone) == utc(libical))
        #expect(ZoneClock.instant(time, in: zone) == utc(rfc))
    }

    /// Where libical happens to be right for a repeat (negative daylight saving), ZoneClock agrees.
    @Test func negativeDaylightSavingRepeats() throws {
        for (wall, zone, rfc) in [("2025-10-26T01:30", "Europe/Dublin", "2025-10-26T00:30"),
                                  ("2025-02-23T02:30", "Africa/Casablanca", "2025-02-23T01:30")] {
            let time = try #require(CivilDateTime(iso: wall))
            #expect(ZoneClock.instant(time, in: zone) == utc(rfc))
            #expect(LibicalProbe.instant(time, in: zone) == utc(rfc))
        }
    }

    /// UTC to wall time has one answer: both readers give it, every 7 hours from 2000 to 2037 and
    /// on both sides of every change, in zones of every kind.
    @Test(arguments: zones)
    func sameWallTimeAtEveryInstant(zone: String) throws {
        let from = utc("2000-01-01T00:00"), to = utc("2037-01-01T00:00")
        var instants = Array(stride(from: from, to: to, by: 7 * 3_600))
        let rules = try #require(ZoneDatabase.zone(zone))
        for change in rules.transitions(in: from..<to) { instants += [change.instant - 60, change.instant, change.instant + 60] }
        var mismatches: [String] = []
        for instant in instants where ZoneClock.wallTime(at: instant, in: zone) != LibicalProbe.wallTime(at: instant, in: zone) {
            mismatches.append(ZoneClock.formatUTC(instant))
        }
        #expect(mismatches.isEmpty, "\(zone): \(mismatches.prefix(5))")
    }

    /// Two zones where libical 3.0.16's own zone is wrong for a whole season: it keeps Sao Paulo
    /// on summer time through 2014 (Brazil's change of 16 February is missed) and Tehran off it in
    /// 2019. ZoneClock agrees with Python's `zoneinfo` on the same files (09:00 and 16:30).
    @Test func seasonsLibicalGetsWrong() {
        let saoPaulo = utc("2014-06-01T12:00"), tehran = utc("2019-06-01T12:00")
        #expect(ZoneClock.wallTime(at: saoPaulo, in: "America/Sao_Paulo") == CivilDateTime(iso: "2014-06-01T09:00"))
        #expect(LibicalProbe.wallTime(at: saoPaulo, in: "America/Sao_Paulo") == CivilDateTime(iso: "2014-06-01T10:00"))
        #expect(ZoneClock.wallTime(at: tehran, in: "Asia/Tehran") == CivilDateTime(iso: "2019-06-01T16:30"))
        #expect(LibicalProbe.wallTime(at: tehran, in: "Asia/Tehran") == CivilDateTime(iso: "2019-06-01T15:30"))
    }

    /// Away from the changes, both read a wall time as the same instant.
    @Test(arguments: zones)
    func sameInstantForOrdinaryWallTimes(zone: String) throws {
        var wall = try #require(CivilDateTime(iso: "2024-01-01T12:00"))
        for _ in 0..<(2 * 365) {
            #expect(ZoneClock.instant(wall, in: zone) == LibicalProbe.instant(wall, in: zone), "\(zone) \(wall)")
            wall = CivilDateTime(date: wall.date.adding(days: 1), minuteOfDay: wall.minuteOfDay)
        }
    }
}
