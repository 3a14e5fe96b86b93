/// Why few or no slots fit: the rules, people and other obstacles that rule out the most starts,
/// and the days that come closest, each with what stands in the way.
public struct BlockingReport: Sendable, Hashable, Codable {
    /// Starts ruled out by one rule.
    public struct RuleCount: Sendable, Hashable, Codable {
        /// A `convene check` rule id (`person-double-booked`, `travel-time`...) or a scheduler one
        /// (`venue-working-day`, `level-quorum`).
        public var rule: String
        /// Starts in working time it rules out.
        public var startsBlocked: Int
    }

    /// One obstacle: a required invitee (with their deputy), the venue, a blackout, the venue's
    /// working day, the followed event, or the quorum of a level.
    public struct ObstacleCount: Sendable, Hashable, Codable {
        /// `required-invitee`, `venue`, `blackout`, `venue-working-day`, `follows` or `level-quorum`.
        public var kind: String
        /// The person, venue, blackout, event or level.
        public var id: String?
        /// One line naming it, e.g. "Regina Bakitte (or deputy Ronald Kiggundu)".
        public var description: String
        /// Starts in working time it rules out.
        public var startsBlocked: Int
        /// Starts at which this is the only obstacle: removing it would open them.
        public var onlyObstacle: Int
    }

    /// A day that comes close, at its least blocked start.
    public struct NearDay: Sendable, Hashable, Codable {
        /// `YYYY-MM-DD`, venue-local.
        public var date: String
        /// `HH:MM`, venue-local.
        public var start: String
        /// What blocks that start, one line each.
        public var obstacles: [String]
    }

    /// Starts within working time (the venue's day in person; someone's working hours online).
    public var startsConsidered: Int
    public var rules: [RuleCount]
    public var obstacles: [ObstacleCount]
    public var nearestDays: [NearDay]
    /// What to try, most promising first.
    public var advice: [String]
}

/// Builds a ``BlockingReport`` from the constraints of a search. Every count is a population count
/// over start sets; "only obstacle" uses prefix and suffix intersections, so the whole report is
/// linear in the number of constraints times the grid.
struct BlockingAnalysis {
    let constraints: SlotConstraints
    let context: CheckContext
    let bookings: BookingIndex

    private var grid: SlotGrid { constraints.grid }
    private var index: PlanIndex { context.index }

    func report(maximumDays: Int = 5, maximumObstacles: Int = 8) -> BlockingReport {
        let base = constraints.explainable
        let list = constraints.constraints
        let blocked = list.map { base & ~$0.allowed }

        // Everything else allows: prefix[k] = AND of allowed[0..<k], suffix[k] = AND of allowed[k...].
        var prefix = [StartSet(count: grid.startCount, filled: true)]
        for constraint in list { prefix.append(prefix.last! & constraint.allowed) }
        var suffix = [StartSet](repeating: StartSet(count: grid.startCount, filled: true), count: list.count + 1)
        for k in stride(from: list.count - 1, through: 0, by: -1) { suffix[k] = suffix[k + 1] & list[k].allowed }

        var obstacles: [BlockingReport.ObstacleCount] = []
        var ruleSets: [String: StartSet] = [:]
        func add(_ rule: String, _ set: StartSet) {
            if let existing = ruleSets[rule] { ruleSets[rule] = existing | set } else { ruleSets[rule] = set }
        }
        for (k, constraint) in list.enumerated() {
            let only = blocked[k] & prefix[k] & suffix[k + 1]
            let (kind, id) = Self.kind(constraint.obstacle)
            obstacles.append(.init(kind: kind, id: id, description: describe(constraint.obstacle),
                                   startsBlocked: blocked[k].cardinality, onlyObstacle: only.cardinality))
            if case .seat(let id) = constraint.obstacle, let seat = constraints.seat(id) {
                let people = [seat.attendee] + (seat.deputy.map { [$0] } ?? [])
                for (rule, part) in [("person-double-booked", \PersonAvailability.booked), ("person-busy-elsewhere", \.busy),
                                     ("travel-time", \.travel), ("outside-working-hours", \.outsideHours)] {
                    var reason = StartSet(count: grid.startCount)
                    for person in people { reason.formUnion(person[keyPath: part]) }
                    add(rule, blocked[k] & reason)
                }
            } else {
                add(constraint.obstacle.rule, blocked[k])
            }
        }
        let rules = ruleSets.map { BlockingReport.RuleCount(rule: $0.key, startsBlocked: $0.value.cardinality) }
            .filter { $0.startsBlocked > 0 }
            .sorted { ($1.startsBlocked, $0.rule) < ($0.startsBlocked, $1.rule) }
        let ranked = obstacles.filter { $0.startsBlocked > 0 }
            .sorted { ($1.onlyObstacle, $1.startsBlocked, $0.description) < ($0.onlyObstacle, $0.startsBlocked, $1.description) }

        return BlockingReport(startsConsidered: base.cardinality, rules: rules, obstacles: Array(ranked.prefix(maximumObstacles)),
                              nearestDays: nearestDays(base: base, blocked: blocked, limit: maximumDays),
                              advice: advice(ranked, baseIsEmpty: base.isEmpty))
    }

    /// The days whose best start is blocked by the fewest obstacles.
    private func nearestDays(base: StartSet, blocked: [StartSet], limit: Int) -> [BlockingReport.NearDay] {
        var counts = [Int32](repeating: 0, count: grid.startCount)
        for set in blocked { set.forEach { counts[$0] += 1 } }
        var best: [(day: CivilDate, start: Int, count: Int32)] = []
        for day in grid.days {
            var chosen: (Int, Int32)?
            for i in grid.starts(on: day) where base.contains(i) {
                if chosen == nil || counts[i] < chosen!.1 { chosen = (i, counts[i]) }
            }
            if let chosen { best.append((day, chosen.0, chosen.1)) }
        }
        best.sort { ($0.count, $0.day) < ($1.count, $1.day) }
        return best.prefix(limit).map { entry in
            let obstacles = constraints.constraints.indices.filter { blocked[$0].contains(entry.start) }
                .map { detail(constraints.constraints[$0].obstacle, at: entry.start) }
            return BlockingReport.NearDay(date: entry.day.description,
                                          start: ZoneClock.wallTime(at: grid.instant(entry.start), in: grid.timeZone)?.clock ?? "",
                                          obstacles: obstacles)
        }
    }

    private static func kind(_ obstacle: Obstacle) -> (String, String?) {
        switch obstacle {
        case .seat(let id): ("required-invitee", id)
        case .venue(let id): ("venue", id)
        case .blackout(let id): ("blackout", id)
        case .venueDay: ("venue-working-day", nil)
        case .follows(let id): ("follows", id)
        case .quorum(let level): ("level-quorum", level.rawValue)
        }
    }

    func name(_ personID: String) -> String { index.people[personID]?.name ?? personID }

    /// One line naming the obstacle.
    func describe(_ obstacle: Obstacle) -> String {
        switch obstacle {
        case .seat(let id):
            let seat = constraints.seat(id)
            var text = name(id)
            if let seat, seat.attendee.personID != id { text += " (stand-in \(name(seat.attendee.personID)))" }
            if let deputy = seat?.deputy { text += " (or deputy \(name(deputy.personID)))" }
            return text
        case .venue(let id): return "venue \(index.venues[id]?.name ?? id) already booked"
        case .blackout(let id):
            let blackout = context.plan.blackouts.first { $0.id == id }
            return "blackout '\(blackout?.name ?? id)'" + (blackout.map { " (\($0.from)\($0.through == $0.from ? "" : " to \($0.through)"))" } ?? "")
        case .venueDay: return "outside the venue's working day (\(WorkingHoursRule.describe(context.plan.settings.defaultWorkingHours)), \(grid.timeZone))"
        case .follows(let id): return "before '\(index.events[id]?.title ?? id)', which it follows, has ended"
        case .quorum(let level):
            let need = QuorumCheck.needs(constraints.event.requirements)[level] ?? 1
            return "fewer than \(need) \(level.rawValue) participant\(need == 1 ? "" : "s") can come"
        }
    }

    /// What the obstacle is at one start: the event, calendar, journey or hours in the way.
    func detail(_ obstacle: Obstacle, at i: Int) -> String {
        guard case .seat(let id) = obstacle, let seat = constraints.seat(id) else {
            if case .venue(let id) = obstacle, let clash = (bookings.byVenue[id] ?? []).first(where: { $0.span.overlaps(grid.span(i)) }) {
                return describe(obstacle) + " for \(what(clash))"
            }
            return describe(obstacle)
        }
        var parts = ["\(name(seat.attendee.personID)) \(why(seat.attendee, at: i))"]
        if let deputy = seat.deputy { parts.append("deputy \(name(deputy.personID)) \(why(deputy, at: i))") }
        return parts.joined(separator: "; ")
    }

    private func why(_ person: PersonAvailability, at i: Int) -> String {
        let slot = grid.span(i)
        let own = bookings.byPerson[person.personID] ?? []
        if person.booked.contains(i), let clash = own.first(where: { if case .event = $0.source { $0.span.overlaps(slot) } else { false } }) {
            return "is at \(what(clash)) (person-double-booked)"
        }
        if person.busy.contains(i), let clash = own.first(where: { if case .imported = $0.source { $0.span.overlaps(slot) } else { false } }) {
            return "is busy in their own calendar \(what(clash)) (person-busy-elsewhere)"
        }
        if person.travel.contains(i), let venue = constraints.venue, let here = GeoPoint(travelTo: venue) {
            let settings = context.plan.settings
            for booking in own {
                guard let place = booking.place else { continue }
                let km = here.kilometres(to: place)
                let journey = AvailabilityBuilder.journeySeconds(km, settings)
                guard km >= TravelTimeRule.sameCityKilometres,
                      TimeSpan(start: booking.span.start - journey, end: booking.span.end + journey).overlaps(slot) else { continue }
                return "cannot travel between \(what(booking)) and \(venue.city ?? venue.name) in time: \(Int(km.rounded())) km, about \(SlotScorer.hours(Int(journey / 60))) (travel-time)"
            }
        }
        if person.outsideHours.contains(i) {
            let who = index.people[person.personID]
            let hours = who?.workingHours ?? context.plan.settings.defaultWorkingHours
            let zone = who?.timeZone ?? grid.timeZone
            let local = ZoneClock.wallTime(at: slot.start, in: zone).map { "\($0.date) \($0.clock)" } ?? ""
            return "would be outside their working hours: \(local) in \(zone), hours \(WorkingHoursRule.describe(hours)) (outside-working-hours)"
        }
        return "cannot come"
    }

    private func what(_ booking: Booking) -> String {
        switch booking.source {
        case .event(let id):
            let event = index.events[id]
            let city = event?.venueID.flatMap { index.venues[$0] }.map { $0.city ?? $0.name }
            return "'\(event?.title ?? id)'\(city.map { " in \($0)" } ?? "") (\(ZoneClock.formatLocal(booking.span.start, in: event?.timing.timeZone ?? "UTC")))"
        case .imported(let source):
            return "(\(source), \(ZoneClock.formatUTC(booking.span.start)) to \(ZoneClock.formatUTC(booking.span.end)))"
        }
    }

    private func advice(_ ranked: [BlockingReport.ObstacleCount], baseIsEmpty: Bool) -> [String] {
        var advice: [String] = []
        if baseIsEmpty {
            advice.append("the days searched hold no working time for this event; search other days with --between FIRST LAST")
            return advice
        }
        for obstacle in ranked.prefix(3) {
            switch obstacle.kind {
            case "required-invitee":
                let id = obstacle.id ?? ""
                let deputy = constraints.seat(id)?.deputy
                advice.append(deputy == nil
                    ? "ask \(name(id)) to free time, or give them a `deputy:` in plan.yaml who could stand in"
                    : "ask \(name(id)) or their deputy \(name(deputy!.personID)) to free time")
            case "venue": advice.append("choose another venue, or move what else is booked there")
            case "blackout": advice.append("search days outside \(obstacle.description)")
            case "level-quorum": advice.append("invite more \(obstacle.id ?? "") participants, or lower the event's `minimum:`")
            case "follows": advice.append("search days after the followed event has ended")
            default: break
            }
        }
        advice.append("widen the search with --between FIRST LAST, or shorten the event's `duration:`")
        return advice
    }
}
