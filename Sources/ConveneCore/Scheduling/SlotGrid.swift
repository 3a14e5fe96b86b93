/// The candidate starts of one search: every quarter-hour from midnight of the first day (in the
/// venue's time zone) whose slot of the event's length ends by midnight after the last day.
/// Position `i` starts at `origin + i × 15 min`, in UTC; every zone in use today is a whole number
/// of quarter-hours from UTC, so the positions are quarter-hours in every participant's zone too.
public struct SlotGrid: Sendable, Hashable {
    /// The scheduling grain: 15 minutes.
    public static let grainSeconds: Int64 = 900

    /// First day searched, in `timeZone`.
    public let firstDay: CivilDate
    /// Last day searched (inclusive), in `timeZone`.
    public let lastDay: CivilDate
    /// The zone the days are counted in (the venue's).
    public let timeZone: String
    /// How long the slot lasts.
    public let durationSeconds: Int64
    /// UTC instant of position 0.
    public let origin: UnixSeconds
    /// How many starts there are.
    public let startCount: Int
    /// Position of the first start on each day, `firstDay` onwards, then `startCount`.
    private let dayBounds: [Int]

    /// Nil when the zone is unknown or the days are the wrong way round.
    public init?(firstDay: CivilDate, lastDay: CivilDate, durationMinutes: Int, timeZone: String) {
        guard firstDay <= lastDay, durationMinutes > 0,
              let start = ZoneClock.instant(CivilDateTime(date: firstDay, minuteOfDay: 0), in: timeZone),
              let end = ZoneClock.instant(CivilDateTime(date: lastDay.adding(days: 1), minuteOfDay: 0), in: timeZone)
        else { return nil }
        let grain = Self.grainSeconds
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.timeZone = timeZone
        durationSeconds = Int64(durationMinutes) * 60
        origin = Self.ceilDiv(start, grain) * grain
        startCount = max(0, Int(Self.floorDiv(end - durationSeconds - origin, grain)) + 1)
        var bounds: [Int] = []
        var day = firstDay
        while day <= lastDay {
            let midnight = ZoneClock.instant(CivilDateTime(date: day, minuteOfDay: 0), in: timeZone) ?? origin
            bounds.append(min(startCount, max(0, Int(Self.ceilDiv(midnight - origin, grain)))))
            day = day.adding(days: 1)
        }
        bounds.append(startCount)
        dayBounds = bounds
    }

    /// The UTC instant position `i` starts at.
    public func instant(_ i: Int) -> UnixSeconds { origin + Int64(i) * Self.grainSeconds }

    /// The slot that starts at position `i`.
    public func span(_ i: Int) -> TimeSpan {
        let start = instant(i)
        return TimeSpan(start: start, end: start + durationSeconds)
    }

    /// Every position.
    public var all: Range<Int> { 0..<startCount }

    /// The starts whose slot shares an instant with `span`.
    public func starts(overlapping span: TimeSpan) -> Range<Int> {
        let lower = Self.floorDiv(span.start - durationSeconds - origin, Self.grainSeconds) + 1
        let upper = Self.ceilDiv(span.end - origin, Self.grainSeconds)
        return clamp(lower, upper)
    }

    /// The starts whose whole slot lies within `span`.
    public func starts(within span: TimeSpan) -> Range<Int> {
        let lower = Self.ceilDiv(span.start - origin, Self.grainSeconds)
        let upper = Self.floorDiv(span.end - durationSeconds - origin, Self.grainSeconds) + 1
        return clamp(lower, upper)
    }

    /// The starts at or after `instant`.
    public func starts(from instant: UnixSeconds) -> Range<Int> {
        clamp(Self.ceilDiv(instant - origin, Self.grainSeconds), Int64(startCount))
    }

    /// The days searched, in order.
    public var days: [CivilDate] { (0..<(dayBounds.count - 1)).map { firstDay.adding(days: $0) } }

    /// The starts that begin on `day` (in the grid's zone).
    public func starts(on day: CivilDate) -> Range<Int> {
        let index = day.daysSinceEpoch - firstDay.daysSinceEpoch
        guard index >= 0, index < dayBounds.count - 1 else { return 0..<0 }
        return dayBounds[index]..<max(dayBounds[index], dayBounds[index + 1])
    }

    /// The day (in the grid's zone) position `i` starts on.
    public func day(of i: Int) -> CivilDate {
        // The last day whose first start is at or before i.
        var low = 0, high = dayBounds.count - 2
        while low < high {
            let mid = (low + high + 1) / 2
            if dayBounds[mid] <= i { low = mid } else { high = mid - 1 }
        }
        return firstDay.adding(days: low)
    }

    private func clamp(_ lower: Int64, _ upper: Int64) -> Range<Int> {
        let l = Int(max(0, min(Int64(startCount), lower))), u = Int(max(0, min(Int64(startCount), upper)))
        return l..<max(l, u)
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func ceilDiv(_ a: Int64, _ b: Int64) -> Int64 { -floorDiv(-a, b) }
}
