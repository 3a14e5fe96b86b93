/// A deputy attending in place of a required invitee who cannot make the slot.
public struct StandIn: Sendable, Hashable, Codable {
    /// The deputy who attends.
    public var personID: String
    /// The invitee they stand in for.
    public var onBehalfOf: String

    public init(personID: String, onBehalfOf: String) {
        self.personID = personID
        self.onBehalfOf = onBehalfOf
    }
}

/// One part of a slot's score, with the points it adds or takes away and why.
public struct ScoreTerm: Sendable, Hashable, Codable {
    /// `optional-invitees`, `stand-ins`, `early-late` or `preferred-date`.
    public var kind: String
    public var points: Int
    /// e.g. "2 of 3 optional invitees can come".
    public var detail: String

    public init(kind: String, points: Int, detail: String) {
        self.kind = kind
        self.points = points
        self.detail = detail
    }
}

/// A feasible slot for an event: when, in the venue's zone and in UTC, and why it ranks where it does.
public struct SlotSuggestion: Sendable, Hashable, Codable {
    /// 1 for the best.
    public var rank: Int
    /// The slot in UTC.
    public var span: TimeSpan
    /// The zone `start` and `end` are written in (the venue's): what goes into the plan.
    public var timeZone: String
    /// Venue-local wall time, `YYYY-MM-DDTHH:MM`, as written in `plan.yaml`.
    public var start: String
    public var end: String
    /// `2027-01-11T06:00:00Z`.
    public var utcStart: String
    public var utcEnd: String
    /// Sum of the terms' points; higher is better.
    public var score: Int
    public var terms: [ScoreTerm]
    /// Deputies who must stand in for this slot to work (their invitations need `stand-in:`).
    public var standIns: [StandIn]
    /// Optional invitees and observers who are free for the slot.
    public var optionalCanCome: [String]
    /// Person-minutes of the slot outside attendees' working hours (virtual and hybrid events).
    public var minutesOutsideHours: Int

    public init(rank: Int, span: TimeSpan, timeZone: String, score: Int, terms: [ScoreTerm], standIns: [StandIn],
                optionalCanCome: [String], minutesOutsideHours: Int) {
        self.rank = rank
        self.span = span
        self.timeZone = timeZone
        start = ZoneClock.wallTime(at: span.start, in: timeZone)?.description ?? ZoneClock.formatUTC(span.start)
        end = ZoneClock.wallTime(at: span.end, in: timeZone)?.description ?? ZoneClock.formatUTC(span.end)
        utcStart = ZoneClock.formatUTC(span.start)
        utcEnd = ZoneClock.formatUTC(span.end)
        self.score = score
        self.terms = terms
        self.standIns = standIns
        self.optionalCanCome = optionalCanCome
        self.minutesOutsideHours = minutesOutsideHours
    }

    /// The venue-local start and end, as ``EventTiming/timed(start:end:timeZone:)`` wants them.
    public var wallTimes: (start: CivilDateTime, end: CivilDateTime)? {
        guard let start = CivilDateTime(iso: start), let end = CivilDateTime(iso: end) else { return nil }
        return (start, end)
    }
}

/// What `convene suggest` found for one event.
public struct SuggestResult: Sendable, Hashable, Codable {
    public var eventID: String
    public var title: String
    public var durationMinutes: Int
    public var venueID: String?
    public var venueName: String?
    /// How people take part; nil when the event has no venue.
    public var mode: AttendanceMode?
    /// The zone days and times are given in (the venue's, else the event's).
    public var timeZone: String
    /// First and last day searched, `YYYY-MM-DD`.
    public var from: String
    public var through: String
    /// Quarter-hour starts in the days searched, and how many of them fit every constraint.
    public var startsSearched: Int
    public var startsFeasible: Int
    /// The best slot of each of the best days, best first.
    public var slots: [SlotSuggestion]
    /// Why so few slots fit (present when fewer than asked for were found).
    public var blocking: BlockingReport?
    /// Things the reader should know (a followed event not yet placed, a window overridden...).
    public var notes: [String]

    public init(eventID: String, title: String, durationMinutes: Int, venueID: String?, venueName: String?,
                mode: AttendanceMode?, timeZone: String, from: String, through: String, startsSearched: Int,
                startsFeasible: Int, slots: [SlotSuggestion], blocking: BlockingReport?, notes: [String]) {
        self.eventID = eventID
        self.title = title
        self.durationMinutes = durationMinutes
        self.venueID = venueID
        self.venueName = venueName
        self.mode = mode
        self.timeZone = timeZone
        self.from = from
        self.through = through
        self.startsSearched = startsSearched
        self.startsFeasible = startsFeasible
        self.slots = slots
        self.blocking = blocking
        self.notes = notes
    }
}
