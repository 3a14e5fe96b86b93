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
        // Names never leave the database's folder.
        #expect(!ZoneClock.isKnownZone("../../etc/passwd"))
        #expect(!ZoneClock.isKnownZone("/usr/share/zoneinfo/Europe/Helsinki"))
        #expect(!ZoneClock.isKnownZone("Europe/../Europe/Helsinki"))
    }

    /// Every DST edge of 2025 in the zones the plan format's users meet, as RFC 5545 §3.3.5
    /// reads them (a repeated wall time is its first instant; a skipped one takes the offset before
    /// the gap). The expected instants are Python's `zoneinfo` (fold=0) on the same system tzdata,
    /// written out here; libical 3.0.16 answers differently for the gaps and repeats (see
    /// `ZoneClockAgainstLibicalTests` in ConveneICalTests).
    @Test(arguments: [
        ("2025-03-30T03:30", "Europe/Helsinki", "2025-03-30T01:30:00Z"),    // gap: EET kept
        ("2025-10-26T03:30", "Europe/Helsinki", "2025-10-26T00:30:00Z"),    // repeat: EEST, the first
        ("2025-03-09T02:30", "America/Toronto", "2025-03-09T07:30:00Z"),    // gap: EST kept
        ("2025-11-02T01:30", "America/Toronto", "2025-11-02T05:30:00Z"),    // repeat: EDT, the first
        ("2025-11-02T01:00", "America/New_York", "2025-11-02T05:00:00Z"),   // libical says 06:00Z
        ("2025-03-30T01:30", "Europe/Dublin", "2025-03-30T01:30:00Z"),      // gap: GMT kept
        ("2025-10-26T01:30", "Europe/Dublin", "2025-10-26T00:30:00Z"),      // repeat: IST, the first
        ("2025-01-15T12:00", "Europe/Dublin", "2025-01-15T12:00:00Z"),      // winter, negative DST in tzdata
        ("2025-07-15T12:00", "Europe/Dublin", "2025-07-15T11:00:00Z"),
        ("2025-02-23T02:30", "Africa/Casablanca", "2025-02-23T01:30:00Z"),  // Ramadan starts: repeat, the first
        ("2025-04-06T02:30", "Africa/Casablanca", "2025-04-06T02:30:00Z"),  // Ramadan ends: gap, +00 kept
        ("2025-03-10T12:00", "Africa/Casablanca", "2025-03-10T12:00:00Z"),
        ("2025-07-10T12:00", "Africa/Casablanca", "2025-07-10T11:00:00Z"),
        ("2026-02-15T02:30", "Africa/Casablanca", "2026-02-15T01:30:00Z"),
        ("2027-01-10T12:00", "Africa/Casablanca", "2027-01-10T12:00:00Z"),  // tzdata 2026f: +00 from September 2026
        ("2025-04-06T02:30", "Australia/Sydney", "2025-04-05T15:30:00Z"),   // repeat: AEDT, the first
        ("2025-10-05T02:30", "Australia/Sydney", "2025-10-04T16:30:00Z"),   // gap: AEST kept
        ("2025-03-30T09:00", "Africa/Kampala", "2025-03-30T06:00:00Z"),     // no DST
        ("2025-10-26T03:30", "Africa/Kampala", "2025-10-26T00:30:00Z"),
    ])
    func dstEdges(wall: String, zone: String, expected: String) {
        #expect(utc(wall, zone) == expected)
    }

    /// Every instant maps back to the wall time it came from, except those in a gap.
    @Test(arguments: ["Europe/Helsinki", "America/Toronto", "Europe/Dublin", "Africa/Casablanca", "Australia/Sydney", "Africa/Kampala"])
    func wallTimesRoundTrip(zone: String) throws {
        let start = try #require(ZoneClock.instant(CivilDateTime(iso: "2024-12-25T00:00")!, in: zone))
        var instant = start
        while instant < start + 400 * 86_400 {
            let wall = try #require(ZoneClock.wallTime(at: instant, in: zone))
            let back = try #require(ZoneClock.instant(wall, in: zone))
            // A repeated wall time comes back as its first instant, an hour earlier at most.
            #expect(back == instant || back == instant - 3_600, "\(zone) \(ZoneClock.formatUTC(instant))")
            instant += 1_800
        }
    }

    @Test func databaseIsTheSystemTzdata() throws {
        let version = try #require(ZoneDatabase.version)
        #expect(version.count >= 5 && version.first == "2")
        #expect(ZoneDatabase.identifiers.contains("Africa/Casablanca"))
        #expect(ZoneDatabase.identifiers.contains("America/Toronto"))
        #expect(!ZoneDatabase.identifiers.contains("EST"))
    }

    /// Europe/Dublin's footer (`IST-1GMT0,M10.5.0,M3.5.0/1`) has negative daylight saving: the
    /// winter offset is the "daylight" one. Beyond the years the file lists, the footer answers.
    @Test func posixFooterRules() throws {
        let dublin = try #require(PosixZoneRule("IST-1GMT0,M10.5.0,M3.5.0/1"))
        #expect(dublin.standardOffset == 3_600 && dublin.daylightOffset == 0)
        let changes = dublin.transitions(in: 2090)
        // 2090-03-26 01:00 GMT and 2090-10-29 02:00 IST (01:00Z).
        #expect(changes.map { ZoneClock.formatUTC($0.instant) } == ["2090-03-26T01:00:00Z", "2090-10-29T01:00:00Z"])
        #expect(changes.map(\.offsetAfter) == [3_600, 0])
        let sydney = try #require(PosixZoneRule("AEST-10AEDT,M10.1.0,M4.1.0/3"))
        #expect(sydney.transitions(in: 2150).map { ZoneClock.formatUTC($0.instant) } == ["2150-04-04T16:00:00Z", "2150-10-03T16:00:00Z"])
        #expect(utc("2150-07-01T12:00", "Australia/Sydney") == "2150-07-01T02:00:00Z")
        #expect(utc("2150-01-01T12:00", "Australia/Sydney") == "2150-01-01T01:00:00Z")
        #expect(PosixZoneRule("<+00>0")?.hasDaylightSaving == false)
        #expect(PosixZoneRule("nonsense,") == nil)
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
