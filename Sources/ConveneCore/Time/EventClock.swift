/// UTC instants of a plan event's first occurrence.
public enum EventClock {
    /// The UTC span of the event's first (or only) occurrence; nil for unscheduled events or unknown zones.
    public static func firstSpan(of event: Event) -> TimeSpan? {
        switch event.timing {
        case .timed(let start, let end, let zone):
            guard let s = ZoneClock.instant(start, in: zone), let e = ZoneClock.instant(end, in: zone) else { return nil }
            return TimeSpan(start: s, end: e)
        case .allDay(let first, let last, let zone):
            guard let s = ZoneClock.instant(CivilDateTime(date: first, minuteOfDay: 0), in: zone),
                  let e = ZoneClock.instant(CivilDateTime(date: last.adding(days: 1), minuteOfDay: 0), in: zone) else { return nil }
            return TimeSpan(start: s, end: e)
        case .unscheduled:
            return nil
        }
    }

    /// The UTC start of the event's first occurrence.
    public static func firstStart(of event: Event) -> UnixSeconds? { firstSpan(of: event)?.start }

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
