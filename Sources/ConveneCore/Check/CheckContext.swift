/// One occurrence of a plan event, in UTC.
public struct PlanOccurrence: Sendable, Hashable {
    public var eventID: String
    public var span: TimeSpan
    /// 0 for the first occurrence, 1 for the second, and so on.
    public var ordinal: Int

    public init(eventID: String, span: TimeSpan, ordinal: Int) {
        self.eventID = eventID
        self.span = span
        self.ordinal = ordinal
    }
}

/// A stretch of time someone is busy outside the plan (from an imported calendar).
public struct BusyInterval: Sendable, Hashable, Codable {
    public var personID: String
    public var span: TimeSpan
    /// Where it came from, e.g. the imported file; never the private summary.
    public var source: String

    public init(personID: String, span: TimeSpan, source: String) {
        self.personID = personID
        self.span = span
        self.source = source
    }
}

/// How `convene check` runs.
public struct CheckOptions: Sendable, Hashable {
    /// Missing representation becomes an error.
    public var strict: Bool
    /// "Now", for rules about silence since the last event.
    public var today: CivilDate

    public init(strict: Bool = false, today: CivilDate) {
        self.strict = strict
        self.today = today
    }
}

/// Everything a rule may look at, computed once.
public struct CheckContext: Sendable {
    public let index: PlanIndex
    public let options: CheckOptions
    public let replies: ReplyBook
    public let busy: [BusyInterval]
    /// Occurrences of every scheduled event that makes people busy (not cancelled, not transparent).
    public let occurrences: [PlanOccurrence]
    /// Occurrences of every scheduled event, cancelled ones too, by event id.
    public let occurrencesByEvent: [String: [PlanOccurrence]]
    /// Who attends each event, by event id.
    public let participants: [String: [Participant]]

    public var plan: Plan { index.plan }

    public init(plan: Plan, options: CheckOptions, replies: ReplyBook = ReplyBook(), busy: [BusyInterval] = [],
                expander: any RecurrenceExpanding) throws {
        index = PlanIndex(plan)
        self.options = options
        self.replies = replies
        self.busy = busy
        var byEvent: [String: [PlanOccurrence]] = [:]
        let window = Self.expansionWindow(plan, today: options.today)
        var problems: [Diagnostic] = []
        for event in plan.events {
            guard let first = EventClock.firstSpan(of: event) else { continue }
            var spans = [first]
            if let request = EventClock.recurrenceRequest(for: event) {
                do {
                    spans = try expander.occurrences(of: request, startingIn: window)
                } catch {
                    // Name the event and its place in the plan, whatever the expander's error says.
                    let explained = error as? any ExplainedError
                    problems.append(Diagnostic(
                        location: plan.locations[.event(event.id)] ?? SourceLocation(file: PlanLoader.planFileName, line: 1),
                        message: "event '\(event.id)': its recurrence '\(request.rule)' cannot be expanded: \(explained?.message ?? "\(error)")",
                        hint: explained?.hint ?? "give the rule a COUNT or UNTIL, or a coarser FREQ"))
                    continue
                }
            }
            byEvent[event.id] = spans.enumerated().map { PlanOccurrence(eventID: event.id, span: $1, ordinal: $0) }
        }
        if !problems.isEmpty { throw InputError(problems) }
        occurrencesByEvent = byEvent
        occurrences = plan.events
            .filter { $0.status != .cancelled && !$0.isTransparent }
            .flatMap { byEvent[$0.id] ?? [] }
        var who: [String: [Participant]] = [:]
        for event in plan.events { who[event.id] = index.participants(of: event, replies: replies) }
        participants = who
    }

    /// Recurrences are expanded from the earliest event to two years past the latest one (or today).
    public static func expansionWindow(_ plan: Plan, today: CivilDate) -> TimeSpan {
        // Each event read where it is in the plan (a closure over each one copied it).
        var first: Int64?, last: Int64?
        for index in plan.events.indices {
            guard let start = EventClock.firstStart(of: plan.events[index]) else { continue }
            first = min(first ?? start, start)
            last = max(last ?? start, start)
        }
        let todaySeconds = Int64(today.daysSinceEpoch) * 86_400
        let earliest = (first ?? todaySeconds) - 86_400
        let latest = max(last ?? todaySeconds, todaySeconds) + 2 * 366 * 86_400
        return TimeSpan(start: earliest, end: latest)
    }

    /// Where a subject was written in the plan.
    public func location(_ subject: Subject) -> SourceLocation? { plan.locations[subject] }

    /// The event's title and venue-local start, for messages: "'Title' (2024-10-15T09:00+03:00)".
    public func describe(_ occurrence: PlanOccurrence) -> String {
        let event = index.events[occurrence.eventID]
        let zone = event?.timing.timeZone ?? "UTC"
        var when = ZoneClock.formatLocal(occurrence.span.start, in: zone)
        if case .allDay? = event?.timing, let day = ZoneClock.wallTime(at: occurrence.span.start, in: zone)?.date {
            when = "\(day), all day"
        }
        return "'\(event?.title ?? occurrence.eventID)' (\(when))"
    }
}
