/// What to look for: slots for one unscheduled event.
public struct SlotRequest: Sendable, Hashable {
    public var eventID: String
    /// Days to search instead of the event's `window:` (venue-local, inclusive).
    public var between: ClosedRange<CivilDate>?
    /// How many slots to return (at most one per day).
    public var count: Int
    /// A preferred date: slots closer to it rank higher.
    public var prefer: CivilDate?
    /// "Now", for events with no window.
    public var today: CivilDate

    public init(eventID: String, between: ClosedRange<CivilDate>? = nil, count: Int = 5, prefer: CivilDate? = nil,
                today: CivilDate) {
        self.eventID = eventID
        self.between = between
        self.count = count
        self.prefer = prefer
        self.today = today
    }
}

/// Finds the times an unscheduled event can take (`convene suggest`).
///
/// A slot is feasible when every required invitee, or their deputy, is free (plan events they
/// attend, their imported busy time, and the journey from and to in-person events elsewhere); it
/// lies within each attendee's working hours (virtual and hybrid) or the venue's working day (in
/// person); the venue is free; no blackout applies; the event it follows has ended; and each
/// required level has enough participants. Every constraint is a ``StartSet`` over 15-minute
/// starts, built in time linear in the bookings, and the feasible starts are their intersection.
/// Feasible slots are ranked by ``SlotScorer``, keeping the best start of each day.
public struct SlotFinder: Sendable {
    public let context: CheckContext
    public let bookings: BookingIndex

    /// How slots are scored, in a sentence (for help texts and tables).
    public static let scoreLegend = SlotScorer.legend

    /// Groups the context's bookings once; reuse the finder for several events of the same plan.
    public init(context: CheckContext) {
        self.init(context: context, bookings: BookingIndex(context: context))
    }

    public init(context: CheckContext, bookings: BookingIndex) {
        self.context = context
        self.bookings = bookings
    }

    /// The best slots for the event, or why there are none. Throws ``SchedulingError`` for an
    /// unknown, cancelled or already scheduled event and for unusable days.
    public func suggest(_ request: SlotRequest) throws -> SuggestResult {
        let index = context.index
        guard let event = index.events[request.eventID] else { throw SchedulingError.unknownEvent(request.eventID, in: context.plan) }
        guard case .unscheduled(let minutes, _, _, _) = event.timing else { throw SchedulingError.alreadyScheduled(event) }
        guard event.status != .cancelled else { throw SchedulingError.cancelled(event) }
        guard request.count > 0 else { throw SchedulingError(message: "asked for \(request.count) slots", hint: "ask for at least one (--count 1)") }
        let venue = event.venueID.flatMap { index.venues[$0] }
        let zone = venue?.timeZone ?? event.timing.timeZone

        var notes: [String] = []
        var followedEnd: UnixSeconds?
        if let followedID = event.followsID, let followed = index.events[followedID], followed.status != .cancelled {
            if let span = EventClock.firstSpan(of: followed) {
                followedEnd = span.end
            } else {
                notes.append("it follows '\(followedID)', which has no time yet: place that first (`convene schedule \(event.seriesID ?? "SERIES")` places a series in order)")
            }
        }
        let followedDay = followedEnd.flatMap { ZoneClock.wallTime(at: $0, in: zone)?.date }
        var window = try SearchWindow.resolve(event, between: request.between, followedEnd: followedDay, today: request.today)
        notes += window.notes
        // The series' cadence, as `convene schedule` applies it.
        let cadence = CadenceBounds(for: event, in: context.plan, searchingFrom: window.first, today: request.today)
        if let earliest = cadence.earliest, earliest > window.first { window.first = earliest }
        if let latest = cadence.latest, latest < window.last { window.last = latest }
        notes += cadence.notes
        guard window.first <= window.last else {
            throw SchedulingError(message: "no day searched fits the series' cadence: " + cadence.notes.joined(separator: "; "),
                                  hint: "widen the event's `window:` (or --between), or change the series' `cadence:`")
        }
        let length = WorkingDays(durationMinutes: minutes, hours: context.plan.settings.defaultWorkingHours)
        if length.isMultiDay {
            notes.append("\(length.days) working days in a row at the venue, each \(length.workdayText) (settings.working-hours)")
        }
        guard let grid = SlotGrid(firstDay: window.first, lastDay: window.last, durationMinutes: length.slotMinutes, timeZone: zone) else {
            throw SchedulingError(message: "cannot lay out days in time zone '\(zone)' for event '\(event.id)'",
                                  hint: "check the venue's or the event's `timezone:` with `convene validate`")
        }

        let constraints = SlotConstraints(event: event, venue: venue, grid: grid, context: context, bookings: bookings,
                                          followedEnd: followedEnd, workingDays: length)
        let feasible = constraints.feasible
        let scorer = SlotScorer(constraints: constraints, prefer: request.prefer)
        let chosen = Self.bestPerDay(feasible, grid: grid, scorer: scorer, count: request.count)
        let names = { (id: String) in index.people[id]?.name ?? id }
        let slots = chosen.enumerated().map { rank, pick in
            SlotSuggestion(rank: rank + 1, span: grid.span(pick.start), timeZone: zone, score: pick.evaluation.score,
                           terms: scorer.terms(pick.evaluation, names: names), standIns: pick.evaluation.standIns,
                           optionalCanCome: pick.evaluation.optionalCanCome,
                           minutesOutsideHours: pick.evaluation.minutesOutside.reduce(0) { $0 + $1.minutes })
        }
        let blocking = slots.count < request.count
            ? BlockingAnalysis(constraints: constraints, context: context, bookings: bookings).report() : nil
        return SuggestResult(eventID: event.id, title: event.title, durationMinutes: minutes, venueID: venue?.id,
                             venueName: venue?.name, mode: venue?.mode, timeZone: zone, from: window.first.description,
                             through: window.last.description, startsSearched: grid.startCount,
                             startsFeasible: feasible.cardinality, slots: slots, blocking: blocking, notes: notes)
    }

    /// The best start of each day (ties to the earlier), then the best `count` days (ties to the earlier).
    static func bestPerDay(_ feasible: StartSet, grid: SlotGrid, scorer: SlotScorer,
                           count: Int) -> [(start: Int, evaluation: SlotScorer.Evaluation)] {
        var best: [(start: Int, evaluation: SlotScorer.Evaluation)] = []
        var currentDay: CivilDate?
        feasible.forEach { i in
            let day = grid.day(of: i)
            let evaluation = scorer.evaluate(i)
            if day != currentDay {
                currentDay = day
                best.append((i, evaluation))
            } else if evaluation.score > best[best.count - 1].evaluation.score {
                best[best.count - 1] = (i, evaluation)
            }
        }
        best.sort { a, b in a.evaluation.score != b.evaluation.score ? a.evaluation.score > b.evaluation.score : a.start < b.start }
        return Array(best.prefix(count))
    }
}
