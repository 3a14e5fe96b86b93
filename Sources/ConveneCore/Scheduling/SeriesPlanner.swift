/// Where `convene schedule` put one event of a series, or why it could not.
public struct SeriesPlacement: Sendable, Hashable, Codable {
    /// The event placed.
    public var eventID: String
    public var title: String
    /// The event it follows, if any.
    public var follows: String?
    /// Days searched, `YYYY-MM-DD`; nil when the event could not be searched at all.
    public var from: String?
    public var through: String?
    /// The chosen slot; nil when nothing fits.
    public var slot: SlotSuggestion?
    /// Why nothing fits, when nothing does.
    public var blocking: BlockingReport?
    /// Why the event was not searched (a followed event not placed, a cadence that cannot be met).
    public var reason: String?
    /// How the days were chosen (window, cadence, follows).
    public var notes: [String]
}

/// A series' unscheduled events placed in order (`convene schedule`).
public struct SeriesSchedule: Sendable, Hashable, Codable {
    public var seriesID: String
    public var title: String
    /// In the order the events were placed.
    public var placements: [SeriesPlacement]

    /// Whether every event still to be scheduled got a slot.
    public var allPlaced: Bool { placements.allSatisfy { $0.slot != nil } }
}

/// Places a series' unscheduled events one after another: in `follows:` order, each within its
/// window and the series' cadence (at least `min-gap-months` after the event it follows, at most
/// `max-gap-months` after the latest event of the series before it, the gap ``SeriesCadenceRule``
/// measures), each on the best slot ``SlotFinder`` finds, and each placed event then counting as
/// busy for the people and venue of the next. The plan value is changed, never `plan.yaml`.
public struct SeriesPlanner: Sendable {
    public var plan: Plan
    public var replies: ReplyBook
    public var busy: [BusyInterval]
    public var expander: any RecurrenceExpanding
    public var today: CivilDate
    /// Slots are chosen closest to this date when given.
    public var prefer: CivilDate?

    public init(plan: Plan, replies: ReplyBook = ReplyBook(), busy: [BusyInterval] = [],
                expander: any RecurrenceExpanding, today: CivilDate, prefer: CivilDate? = nil) {
        self.plan = plan
        self.replies = replies
        self.busy = busy
        self.expander = expander
        self.today = today
        self.prefer = prefer
    }

    /// The proposal, and the plan with every placed event in it.
    public func schedule(_ seriesID: String) throws -> (schedule: SeriesSchedule, plan: Plan) {
        guard let series = plan.series.first(where: { $0.id == seriesID }) else { throw SchedulingError.unknownSeries(seriesID, in: plan) }
        var current = plan
        var placements: [SeriesPlacement] = []
        for event in Self.order(plan.events.filter { $0.seriesID == seriesID && !$0.isScheduled && $0.status != .cancelled }) {
            var placement = SeriesPlacement(eventID: event.id, title: event.title, follows: event.followsID, notes: [])
            guard let days = try days(for: event, in: current, series: series, placement: &placement) else {
                placements.append(placement)
                continue
            }
            placement.from = days.lowerBound.description
            placement.through = days.upperBound.description
            let context = try CheckContext(plan: current, options: CheckOptions(today: today), replies: replies, busy: busy, expander: expander)
            let result = try SlotFinder(context: context).suggest(SlotRequest(eventID: event.id, between: days, count: 1, prefer: prefer, today: today))
            // The search repeats the cadence notes already given: each is said once.
            let known = Set(placement.notes)
            placement.notes += result.notes.filter { !$0.hasPrefix("searching") && !known.contains($0) }
            if let slot = result.slots.first {
                placement.slot = slot
                current = PlanPlacement.apply(slot, to: event.id, in: current)
            } else {
                placement.blocking = result.blocking
            }
            placements.append(placement)
        }
        return (SeriesSchedule(seriesID: series.id, title: series.title, placements: placements), current)
    }

    /// The days to search for one event: its window, narrowed by the cadence (``CadenceBounds``, as
    /// `convene suggest` narrows it); nil (with a reason) when none.
    private func days(for event: Event, in plan: Plan, series: Series, placement: inout SeriesPlacement) throws -> ClosedRange<CivilDate>? {
        guard case .unscheduled(_, let earliest, let latest, _) = event.timing else { return nil }
        if let earliest, let latest { placement.notes.append("window \(earliest) to \(latest)") }
        let bounds = CadenceBounds(for: event, in: plan, searchingFrom: earliest, today: today)
        if let followedID = bounds.unplacedFollowed {
            placement.reason = "it follows '\(followedID)', which has no time yet and could not be placed"
            return nil
        }
        placement.notes += bounds.notes
        let first = [earliest, bounds.earliest].compactMap { $0 }.max() ?? today
        let upper = [latest, bounds.latest].compactMap { $0 }.min()
        let last = upper ?? first.adding(days: SearchWindow.defaultDays - 1)
        guard first <= last else {
            placement.reason = "no day fits both the window and the cadence: " + placement.notes.joined(separator: "; ")
            return nil
        }
        return first...last
    }

    /// The series event (placed or scheduled) that ends last before `day` begins, with its last day.
    static func latestBefore(_ day: CivilDate, in plan: Plan, series: String, excluding: String, zone: String) -> (id: String, end: CivilDate)? {
        guard let limit = ZoneClock.instant(CivilDateTime(date: day, minuteOfDay: 0), in: zone) else { return nil }
        return plan.events
            .filter { $0.seriesID == series && $0.id != excluding && $0.status != .cancelled }
            .compactMap { event -> (String, UnixSeconds, String)? in
                guard let span = EventClock.firstSpan(of: event), span.end <= limit else { return nil }
                return (event.id, span.end, event.timing.timeZone)
            }
            .max { $0.1 < $1.1 }
            .flatMap { id, end, zone in ZoneClock.wallTime(at: end - 1, in: zone).map { (id, $0.date) } }
    }

    /// Events in `follows:` order; among those free to go next, the earliest window first, then by id.
    static func order(_ events: [Event]) -> [Event] {
        let ids = Set(events.map(\.id))
        var remaining = events
        var placed: Set<String> = []
        var result: [Event] = []
        func key(_ event: Event) -> (CivilDate, String) {
            if case .unscheduled(_, let earliest?, _, _) = event.timing { return (earliest, event.id) }
            return (CivilDate(year: 9999, month: 12, day: 31), event.id)
        }
        while !remaining.isEmpty {
            let ready = remaining.filter { event in event.followsID.map { !ids.contains($0) || placed.contains($0) } ?? true }
            // A cycle cannot pass validation; should one slip through, take the rest as they come.
            let next = (ready.isEmpty ? remaining : ready).min { key($0) < key($1) }!
            result.append(next)
            placed.insert(next.id)
            remaining.removeAll { $0.id == next.id }
        }
        return result
    }
}
