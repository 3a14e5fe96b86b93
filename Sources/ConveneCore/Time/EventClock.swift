/// UTC instants of a plan event's first occurrence.
public enum EventClock {
    /// The UTC span of the event's first (or only) occurrence; nil for unscheduled events or unknown zones.
    public static func firstSpan(of event: Event) -> TimeSpan? {
        guard let (start, end, zone) = wallSpan(of: event.timing),
              let s = ZoneClock.instant(start, in: zone), let e = ZoneClock.instant(end, in: zone) else { return nil }
        return TimeSpan(start: s, end: e)
    }

    /// The UTC start of the event's first occurrence (its end is not worked out: the window of a
    /// plan's 20 000 events reads every start).
    public static func firstStart(of event: Event) -> UnixSeconds? {
        guard let (start, _, zone) = wallSpan(of: event.timing) else { return nil }
        return ZoneClock.instant(start, in: zone)
    }

    /// The first occurrence's wall-clock start and end (an all-day event's from the midnight
    /// starting its first day to the one ending its last), and its zone.
    private static func wallSpan(of timing: EventTiming) -> (CivilDateTime, CivilDateTime, String)? {
        switch timing {
        case .timed(let start, let end, let zone):
            (start, end, zone)
        case .allDay(let first, let last, let zone):
            (CivilDateTime(date: first, minuteOfDay: 0), CivilDateTime(date: last.adding(days: 1), minuteOfDay: 0), zone)
        case .unscheduled:
            nil
        }
    }

    /// What libical needs to expand the event's recurrence; nil when it does not recur.
    public static func recurrenceRequest(for event: Event) -> RecurrenceRequest? {
        guard let recurrence = event.recurrence else { return nil }
        switch event.timing {
        case .timed(let start, let end, let zone):
            return RecurrenceRequest(start: start, durationSeconds: end.secondsAsIfUTC - start.secondsAsIfUTC,
                                     timeZone: zone, isAllDay: false, rule: recurrence.rule,
                                     exceptions: recurrence.exceptions)
        case .allDay(let first, let last, let zone):
            return RecurrenceRequest(start: CivilDateTime(date: first, minuteOfDay: 0),
                                     durationSeconds: Int64(last.daysSinceEpoch - first.daysSinceEpoch + 1) * 86_400,
                                     timeZone: zone, isAllDay: true, rule: recurrence.rule,
                                     exceptions: recurrence.exceptions)
        case .unscheduled:
            return nil
        }
    }
}
