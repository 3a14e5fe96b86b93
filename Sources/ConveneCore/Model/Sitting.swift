/// One sitting of an event, as a person writes it: `EVENT` for a one-off event, `EVENT@DATE`
/// (venue-local `YYYY-MM-DD`) or `EVENT@DATE-TIME` (`YYYY-MM-DDTHH:MM`) for one occurrence of a
/// recurring event, such as one twice-yearly Ward Sabha or one monthly call.
///
/// Attendance and replies are kept per sitting, keyed by the sitting's venue-local start date.
public struct SittingReference: Sendable, Hashable, Codable, CustomStringConvertible {
    public var eventID: String
    /// The venue-local start (date, and time when written) of the sitting; nil when not given.
    public var date: CivilDate?
    public var time: CivilDateTime?

    public init(eventID: String, date: CivilDate? = nil, time: CivilDateTime? = nil) {
        self.eventID = eventID
        self.date = date ?? time?.date
        self.time = time
    }

    /// Reads `EVENT`, `EVENT@YYYY-MM-DD` or `EVENT@YYYY-MM-DDTHH:MM`; nil when what follows `@` is
    /// neither a date nor a date and time.
    public init?(parsing text: String) {
        guard let at = text.firstIndex(of: "@") else {
            self.init(eventID: text)
            return
        }
        let id = String(text[..<at]), when = String(text[text.index(after: at)...])
        if let date = CivilDate(iso: when) {
            self.init(eventID: id, date: date)
        } else if let time = CivilDateTime(iso: when) {
            self.init(eventID: id, time: time)
        } else {
            return nil
        }
    }

    /// `EVENT` or `EVENT@YYYY-MM-DD`.
    public var description: String { Sitting.key(eventID, occurrence: date?.description) }
}

/// The sittings of plan events: the venue-local start of each occurrence.
public enum Sitting {
    /// How records name a sitting: `EVENT` for a one-off event, `EVENT@YYYY-MM-DD` for one occurrence.
    public static func key(_ eventID: String, occurrence: String?) -> String {
        guard let occurrence else { return eventID }
        return eventID + "@" + occurrence
    }

    /// The venue-local starts of every occurrence of `event` whose start lies in `window` (the first
    /// occurrence alone when the event does not recur); empty for an unscheduled event.
    public static func starts(of event: Event, expander: any RecurrenceExpanding, window: TimeSpan) throws -> [CivilDateTime] {
        guard let first = EventClock.firstSpan(of: event) else { return [] }
        let zone = event.timing.timeZone
        guard let request = EventClock.recurrenceRequest(for: event) else {
            return ZoneClock.wallTime(at: first.start, in: zone).map { [$0] } ?? []
        }
        return try expander.occurrences(of: request, startingIn: window).compactMap { ZoneClock.wallTime(at: $0.start, in: zone) }
    }

    /// The window sittings are listed in: from the plan's earliest event to two years past its latest
    /// event (or `today`), as `convene check` expands recurrences.
    public static func window(_ plan: Plan, today: CivilDate) -> TimeSpan { CheckContext.expansionWindow(plan, today: today) }

    /// The occurrence a reference names: for a recurring event, the date of one of its sittings
    /// (an error lists the nearest ones); for a one-off event nil, and a date given must be its date.
    public static func resolve(_ reference: SittingReference, event: Event, expander: any RecurrenceExpanding,
                               window: TimeSpan) throws -> String? {
        let starts = try Self.starts(of: event, expander: expander, window: window)
        let written = reference.time?.description ?? reference.date?.description ?? ""
        guard event.recurrence != nil else {
            if let date = reference.date, let start = starts.first, start.date != date {
                throw ReferenceError(message: "event '\(event.id)' takes place on \(start.date), not \(written)",
                                     hint: "write `\(event.id)` (it does not recur), or check the date")
            }
            return nil
        }
        let listed = starts.prefix(12).map { "\(event.id)@\($0.date)" }.joined(separator: ", ")
        guard let date = reference.date else {
            throw ReferenceError(message: "event '\(event.id)' recurs: say which sitting",
                                 hint: "write EVENT@DATE, e.g. \(listed)\(starts.count > 12 ? ", ..." : "")")
        }
        let match = starts.first { start in
            start.date == date && (reference.time == nil || reference.time == start)
        }
        guard let match else {
            let nearest = starts.min { abs($0.date.daysSinceEpoch - date.daysSinceEpoch) < abs($1.date.daysSinceEpoch - date.daysSinceEpoch) }
            throw ReferenceError(message: "event '\(event.id)' has no sitting on \(written)",
                                 hint: (nearest.map { "the nearest is \(event.id)@\($0.date) (venue-local start \($0)); " } ?? "")
                                    + "its sittings: \(listed)\(starts.count > 12 ? ", ..." : "")")
        }
        return match.date.description
    }
}

/// Every sitting of the plan's recurring events, worked out once (with libical's expansion,
/// handed in by the caller) for reports that give each sitting a row of its own.
public struct SittingCalendar: Sendable, Hashable {
    /// Venue-local start of each sitting, in order, by recurring event id.
    public var starts: [String: [CivilDateTime]]

    public init(starts: [String: [CivilDateTime]] = [:]) { self.starts = starts }

    /// Lists the sittings of every scheduled recurring event of the plan within `Sitting.window`.
    /// An event whose rule cannot be expanded keeps a single row (`validate` reports the rule).
    public init(plan: Plan, expander: any RecurrenceExpanding, today: CivilDate) {
        let window = Sitting.window(plan, today: today)
        var starts: [String: [CivilDateTime]] = [:]
        for event in plan.events where event.recurrence != nil && event.isScheduled {
            if let list = try? Sitting.starts(of: event, expander: expander, window: window), !list.isEmpty {
                starts[event.id] = list
            }
        }
        self.starts = starts
    }
}
