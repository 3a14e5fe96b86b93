/// One check over the plan. Each rule lives in its own file under `Rules/`, says in a `///` comment
/// what it flags and why, and returns findings as values.
public protocol Rule: Sendable {
    /// Stable identifier shown with every finding, e.g. `person-double-booked`.
    var id: String { get }
    /// One line for `convene check --list-rules`.
    var summary: String { get }
    func check(_ context: CheckContext) -> [Finding]
}

/// Runs every rule over a plan.
public struct ConflictChecker: Sendable {
    public var rules: [any Rule]

    /// The standard rule set.
    public static let standardRules: [any Rule] = [
        PersonDoubleBookedRule(), PersonBusyElsewhereRule(), VenueDoubleBookedRule(), VenueCapacityRule(),
        TravelTimeRule(), WorkingHoursRule(), BlackoutRule(), FollowUpOrderRule(), SeriesCadenceRule(),
        RepresentationRule(), NLCRoundtableRule(), OrganisationOvercommittedRule(),
    ]

    public init(rules: [any Rule] = ConflictChecker.standardRules) { self.rules = rules }

    /// Every finding, errors first, then by event and rule.
    public func check(_ context: CheckContext) -> [Finding] {
        rules.flatMap { $0.check(context) }.sorted { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            return (a.primaryEvent ?? "", a.rule, a.message) < (b.primaryEvent ?? "", b.rule, b.message)
        }
    }
}
