/// One line of `convene events`: an event with its times resolved to UTC.
public struct EventSummary: Sendable, Hashable, Codable {
    public var id: String
    public var kind: String
    public var title: String
    public var status: String
    /// Venue-local start with its UTC offset, e.g. `2024-10-15T09:00+03:00`; a date for all-day events.
    public var localStart: String?
    public var localEnd: String?
    public var timeZone: String
    public var utcStart: String?
    public var utcEnd: String?
    public var allDay: Bool
    public var recurrence: String?
    public var venue: String?
    public var city: String?
    public var country: String?
    public var series: String?
    public var follows: String?
    public var dateAssumed: Bool
    /// Canonical levels and sectors reached by the invitations, levels first.
    public var invitedLevels: [String]
    /// The same levels as the event's country calls them (`levels:` in plan.yaml, or the common
    /// names: county, state, provincial, barangay, ward).
    public var invitedLevelNames: [String] = []
    public var invitedSectors: [String]
    public var invitees: Int
    /// "3 accepted, 1 declined" once replies are imported.
    public var replies: [String: Int]

    /// Summaries of every event in the plan, in start order (unscheduled last).
    public static func list(_ index: PlanIndex, replies: ReplyBook = ReplyBook()) -> [EventSummary] {
        index.plan.events
            .map { summary(of: $0, index: index, replies: replies) }
            .sorted { ($0.utcStart ?? "~", $0.id) < ($1.utcStart ?? "~", $1.id) }
    }

    static func summary(of event: Event, index: PlanIndex, replies: ReplyBook) -> EventSummary {
        let span = EventClock.firstSpan(of: event)
        let zone = event.timing.timeZone
        let venue = event.venueID.flatMap { index.venues[$0] }
        let reached = index.invitedConstituencies(of: event).sorted()
        var localStart: String?, localEnd: String?, allDay = false
        switch event.timing {
        case .timed:
            if let span {
                localStart = ZoneClock.formatLocal(span.start, in: zone)
                localEnd = ZoneClock.formatLocal(span.end, in: zone)
            }
        case .allDay(let first, let last, _):
            allDay = true
            localStart = first.description
            localEnd = last.description
        case .unscheduled(let minutes, let earliest, let latest, _):
            localStart = nil
            localEnd = "unscheduled: \(minutes / 60)h\(minutes % 60 == 0 ? "" : "\(minutes % 60)m")" +
                (earliest.map { " between \($0) and \(latest.map(\.description) ?? "?")" } ?? "")
        }
        let invitees = index.invitees(of: event)
        var counts: [String: Int] = [:]
        for (person, _) in invitees {
            let status = replies.status(of: person.id, at: event.id) ?? .needsAction
            counts[status.rawValue, default: 0] += 1
        }
        return EventSummary(
            id: event.id, kind: event.kind.rawValue, title: event.title, status: event.status.rawValue,
            localStart: localStart, localEnd: localEnd, timeZone: zone,
            utcStart: span.map { ZoneClock.formatUTC($0.start) }, utcEnd: span.map { ZoneClock.formatUTC($0.end) },
            allDay: allDay, recurrence: event.recurrence?.rule, venue: venue?.name ?? event.venueID,
            city: venue?.city, country: index.country(of: event), series: event.seriesID, follows: event.followsID,
            dateAssumed: event.dateIsAssumed,
            invitedLevels: reached.compactMap { if case .level(let l) = $0 { l.rawValue } else { nil } },
            invitedLevelNames: reached.compactMap { if case .level(let l) = $0 { index.levelName(l, in: index.country(of: event)) } else { nil } },
            invitedSectors: reached.compactMap { if case .sector(let s) = $0 { s.rawValue } else { nil } },
            invitees: invitees.count, replies: counts)
    }
}
