import Foundation

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

/// Converts between wall-clock times in IANA zones and UTC instants, using the system tzdata.
public enum ZoneClock {
    /// Whether `identifier` names a zone in the system's tz database.
    public static func isKnownZone(_ identifier: String) -> Bool {
        zone(identifier) != nil
    }

    /// The UTC instant for a wall time in `zone`. In a spring-forward gap the wall time is read with
    /// the offset in force before the gap (RFC 5545 §3.3.5); in a repeated hour, the first one.
    public static func instant(_ wall: CivilDateTime, in zoneID: String) -> UnixSeconds? {
        guard let zone = zone(zoneID) else { return nil }
        let asUTC = wall.secondsAsIfUTC
        let before = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(asUTC - 86_400))))
        let after = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(asUTC + 86_400))))
        // Try the earlier offset first (first of a repeated hour), then the later one.
        for offset in [max(before, after), min(before, after)] {
            let candidate = asUTC - offset
            if Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(candidate)))) == offset {
                return candidate
            }
        }
        return asUTC - before  // a gap: keep the offset from before it
    }

    /// The offset from UTC, in seconds, in force in `zone` at `instant`.
    public static func offset(at instant: UnixSeconds, in zoneID: String) -> Int? {
        zone(zoneID)?.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))
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

    private static let cache = ZoneCache()

    private static func zone(_ identifier: String) -> TimeZone? { cache.zone(identifier) }
}

/// Foundation time zones are costly to create; keep one per identifier.
private final class ZoneCache: @unchecked Sendable {
    private let lock = NSLock()
    private var zones: [String: TimeZone?] = [:]

    func zone(_ identifier: String) -> TimeZone? {
        lock.lock()
        defer { lock.unlock() }
        if let known = zones[identifier] { return known }
        // Foundation accepts abbreviations such as "EST"; the plan wants real IANA names.
        let zone = identifier.contains("/") || identifier == "UTC" ? TimeZone(identifier: identifier) : nil
        zones[identifier] = zone
        return zone
    }
}
