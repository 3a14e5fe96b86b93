/// An instant as whole seconds since 1970-01-01T00:00:00Z.
public typealias UnixSeconds = Int64

/// A half-open interval of UTC instants `[start, end)`.
public struct TimeSpan: Sendable, Hashable, Codable, Comparable {
    public var start: UnixSeconds
    public var end: UnixSeconds

    public init(start: UnixSeconds, end: UnixSeconds) {
        self.start = start
        self.end = end
    }

    /// Whether the two spans share any instant (touching ends do not overlap).
    public func overlaps(_ other: TimeSpan) -> Bool { start < other.end && other.start < end }

    public var duration: Int64 { end - start }

    public static func < (a: Self, b: Self) -> Bool { (a.start, a.end) < (b.start, b.end) }
}

/// Converts between wall-clock times in IANA zones and UTC instants, using the system's tz
/// database (``ZoneDatabase``: the TZif files libical reads, kept current by the `tzdata` package).
/// Foundation's `TimeZone` (its own, older copy of the data) is not consulted.
///
/// Wall times are read by RFC 5545 §3.3.5: a repeated wall time (clocks going back) is its first
/// instant, and one in a gap (clocks going forward) takes the offset in force before the gap, in
/// zones with negative daylight saving (Europe/Dublin, Africa/Casablanca) too. libical 3.0.16
/// reads both with the offset in force after the change (New York's 01:00 on 2025-11-02 as
/// 06:00Z, not 05:00Z): that is why this reader of the same files, and not libical, answers here
/// (`ZoneClockAgainstLibicalTests` shows libical's answers).
public enum ZoneClock {
    /// Whether `identifier` names a zone in the system's tz database.
    public static func isKnownZone(_ identifier: String) -> Bool {
        ZoneDatabase.zone(identifier) != nil
    }

    /// The UTC instant for a wall time in `zone`. In a spring-forward gap the wall time is read with
    /// the offset in force before the gap (RFC 5545 §3.3.5); in a repeated hour, the first one.
    public static func instant(_ wall: CivilDateTime, in zoneID: String) -> UnixSeconds? {
        ZoneDatabase.zone(zoneID)?.instant(wall)
    }

    /// The offset from UTC, in seconds, in force in `zone` at `instant`.
    public static func offset(at instant: UnixSeconds, in zoneID: String) -> Int? {
        ZoneDatabase.zone(zoneID)?.offset(at: instant)
    }

    /// The wall time in `zone` at `instant`.
    public static func wallTime(at instant: UnixSeconds, in zoneID: String) -> CivilDateTime? {
        guard let offset = offset(at: instant, in: zoneID) else { return nil }
        return CivilDateTime(secondsAsIfUTC: instant + Int64(offset))
    }

    /// `+03:00`, `-04:00`, `+05:30`, or `Z` for zero.
    public static func formatOffset(_ seconds: Int) -> String {
        if seconds == 0 { return "+00:00" }
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return sign + CivilDate.twoDigits(minutes / 60) + ":" + CivilDate.twoDigits(minutes % 60)
    }

    /// `2024-10-15T06:00:00Z`.
    public static func formatUTC(_ instant: UnixSeconds) -> String {
        let wall = CivilDateTime(secondsAsIfUTC: instant)
        return "\(wall):" + CivilDate.twoDigits(Int(instant - wall.secondsAsIfUTC)) + "Z"
    }

    /// `2024-10-15T09:00+03:00`: wall time in the zone with its offset.
    public static func formatLocal(_ instant: UnixSeconds, in zoneID: String) -> String {
        guard let offset = offset(at: instant, in: zoneID) else { return formatUTC(instant) }
        return "\(CivilDateTime(secondsAsIfUTC: instant + Int64(offset)))\(formatOffset(offset))"
    }
}
