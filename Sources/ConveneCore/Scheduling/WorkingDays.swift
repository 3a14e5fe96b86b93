/// How long a slot is once a duration is read as people plan: a duration of whole days (`2d`) is
/// that many working days in a row at the venue, each within the venue's working hours (a two-day
/// roundtable is 09:00-17:00 on two consecutive working days, not 48 hours in a row); any other
/// duration (`3h`, `90m`, `1h30m`, `1d4h`) is one continuous stretch.
public struct WorkingDays: Sendable, Hashable {
    /// Working days the event spans; 0 for a continuous stretch.
    public let days: Int
    /// The slot's length in minutes: from the first day's start of work to the last day's end.
    public let slotMinutes: Int
    let hours: WorkingHours

    public init(durationMinutes minutes: Int, hours: WorkingHours) {
        self.hours = hours
        let workday = hours.endMinute - hours.startMinute
        if minutes % 1440 == 0, minutes > 0, workday > 0 {
            days = minutes / 1440
            slotMinutes = (days - 1) * 1440 + workday
        } else {
            days = 0
            slotMinutes = minutes
        }
    }

    /// `09:00-17:00`: the working day each day of the event keeps to.
    public var workdayText: String {
        CivilDateTime(date: CivilDate(year: 2000, month: 1, day: 1), minuteOfDay: hours.startMinute).clock + "-"
            + CivilDateTime(date: CivilDate(year: 2000, month: 1, day: 1), minuteOfDay: hours.endMinute).clock
    }

    /// Whether the event spans several working days (each of them then a working day at the venue).
    public var isMultiDay: Bool { days > 1 }

    /// The starts at the beginning of a working day at the venue that is followed by `days - 1`
    /// more working days in a row (no weekend or other day off in between).
    func allowedStarts(on grid: SlotGrid) -> StartSet {
        var allowed = StartSet(count: grid.startCount)
        for day in grid.days where (0..<days).allSatisfy({ hours.weekdays.contains(day.adding(days: $0).isoWeekday) }) {
            guard let start = ZoneClock.instant(CivilDateTime(date: day, minuteOfDay: hours.startMinute), in: grid.timeZone),
                  (start - grid.origin) % SlotGrid.grainSeconds == 0 else { continue }
            let position = Int((start - grid.origin) / SlotGrid.grainSeconds)
            allowed.insert(position..<position + 1)
        }
        return allowed
    }
}
