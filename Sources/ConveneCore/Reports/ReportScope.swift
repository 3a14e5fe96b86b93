/// Which events a report covers: all of them, one event, one series or one country.
public struct ReportScope: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        case all, event, series, country
    }

    public var kind: Kind
    /// The event id, series id or ISO country code; nil for `all`.
    public var value: String?
    /// For `event`: one sitting of it, by its venue-local start date (`EVENT@DATE`); nil for every sitting.
    public var sitting: CivilDate?

    public init(kind: Kind, value: String? = nil, sitting: CivilDate? = nil) {
        self.kind = kind
        self.value = kind == .country ? value?.uppercased() : value
        self.sitting = kind == .event ? sitting : nil
    }

    public static let all = ReportScope(kind: .all)
    public static func event(_ id: String) -> ReportScope { ReportScope(kind: .event, value: id) }
    /// One event, or one sitting of it (`EVENT@DATE`, `EVENT@DATE-TIME`).
    public static func event(_ reference: SittingReference) -> ReportScope {
        ReportScope(kind: .event, value: reference.eventID, sitting: reference.date)
    }
    public static func series(_ id: String) -> ReportScope { ReportScope(kind: .series, value: id) }
    public static func country(_ code: String) -> ReportScope { ReportScope(kind: .country, value: code) }

    /// "all events", "event uganda-esa-roundtable-2024", "event coordination-call@2027-03-02",
    /// "series uganda-nlc", "country UG".
    public var description: String {
        kind == .all ? "all events" : "\(kind.rawValue) \(value ?? "")\(sitting.map { "@\($0)" } ?? "")"
    }

    /// Checks that the scope names something in the plan (and, for `EVENT@DATE`, one of the event's
    /// `sittings`); the error suggests the closest name or the nearest sittings.
    public func check(in index: PlanIndex, sittings: SittingCalendar = SittingCalendar()) throws {
        try checkName(in: index)
        guard kind == .event, let value, let date = sitting, let event = index.events[value] else { return }
        let starts = sittings.starts[value]
            ?? EventClock.firstStart(of: event).flatMap { ZoneClock.wallTime(at: $0, in: event.timing.timeZone) }.map { [$0] } ?? []
        guard !starts.contains(where: { $0.date == date }) else { return }
        let nearest = starts.sorted { abs($0.date.daysSinceEpoch - date.daysSinceEpoch) < abs($1.date.daysSinceEpoch - date.daysSinceEpoch) }
            .prefix(3).sorted { $0 < $1 }.map { "\(value)@\($0.date)" }
        throw ReferenceError(message: sittings.starts[value] == nil ? "event '\(value)' does not take place on \(date)"
                                : "event '\(value)' has no sitting on \(date)",
                             hint: nearest.isEmpty ? "the event is not scheduled yet: report it as --event \(value)"
                                : "the nearest: \(nearest.joined(separator: ", ")); or --event \(value) for every sitting")
    }

    private func checkName(in index: PlanIndex) throws {
        guard let value else { return }
        switch kind {
        case .all:
            return
        case .event:
            guard index.events[value] == nil else { return }
            throw ReferenceError.unknown("event", value, among: index.plan.events.map(\.id),
                                         listing: "`convene events` lists the plan's events")
        case .series:
            guard index.series[value] == nil else { return }
            throw ReferenceError.unknown("series", value, among: index.plan.series.map(\.id),
                                         listing: "series in the plan: \(index.plan.series.map(\.id).joined(separator: ", "))")
        case .country:
            let countries = Set(index.plan.events.compactMap { index.country(of: $0)?.uppercased() }).sorted()
            guard !countries.contains(value) else { return }
            throw ReferenceError(message: "no events in country '\(value)'",
                                 hint: "write an ISO 3166 alpha-2 code with events in the plan: \(countries.joined(separator: ", "))")
        }
    }

    /// Whether an event belongs to the scope (cancelled events only when asked for by id).
    func includes(_ event: Event, index: PlanIndex) -> Bool {
        switch kind {
        case .event: return event.id == value
        case _ where event.status == .cancelled: return false
        case .all: return true
        case .series: return event.seriesID == value
        case .country: return index.country(of: event)?.uppercased() == value
        }
    }
}

extension ReportScope {
    /// Whether a sitting (its venue-local start; nil for a one-off event) belongs to the scope.
    func includes(sitting start: CivilDateTime?) -> Bool {
        guard let sitting, let start else { return true }
        return start.date == sitting
    }
}
