/// Which events a report covers: all of them, one event, one series or one country.
public struct ReportScope: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        case all, event, series, country
    }

    public var kind: Kind
    /// The event id, series id or ISO country code; nil for `all`.
    public var value: String?

    public init(kind: Kind, value: String? = nil) {
        self.kind = kind
        self.value = kind == .country ? value?.uppercased() : value
    }

    public static let all = ReportScope(kind: .all)
    public static func event(_ id: String) -> ReportScope { ReportScope(kind: .event, value: id) }
    public static func series(_ id: String) -> ReportScope { ReportScope(kind: .series, value: id) }
    public static func country(_ code: String) -> ReportScope { ReportScope(kind: .country, value: code) }

    /// "all events", "event uganda-esa-roundtable-2024", "series uganda-nlc", "country UG".
    public var description: String {
        kind == .all ? "all events" : "\(kind.rawValue) \(value ?? "")"
    }

    /// Checks that the scope names something in the plan; the error suggests the closest name.
    public func check(in index: PlanIndex) throws {
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
