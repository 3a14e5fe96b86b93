/// Findings grouped by the event they concern, for `convene check`.
public struct FindingReport: Sendable, Hashable, Codable {
    /// One event's findings.
    public struct Group: Sendable, Hashable, Codable {
        /// Nil for findings about a series or the plan as a whole.
        public var event: String?
        public var title: String
        public var start: String?
        public var findings: [Finding]
    }

    public var groups: [Group]
    public var errors: Int
    public var warnings: Int

    /// Groups findings under their first event, in event start order; series-wide ones last.
    public init(findings: [Finding], index: PlanIndex) {
        let grouped = Dictionary(grouping: findings) { $0.primaryEvent ?? "" }
        groups = grouped.map { key, items in
            let event = index.events[key]
            let start = event.flatMap { e in EventClock.firstStart(of: e).map { ZoneClock.formatLocal($0, in: e.timing.timeZone) } }
            return Group(event: key.isEmpty ? nil : key, title: event?.title ?? "Across the plan", start: start, findings: items)
        }.sorted { ($0.event == nil ? 1 : 0, $0.start ?? "", $0.event ?? "") < ($1.event == nil ? 1 : 0, $1.start ?? "", $1.event ?? "") }
        errors = findings.filter { $0.severity == .error }.count
        warnings = findings.count - errors
    }
}
