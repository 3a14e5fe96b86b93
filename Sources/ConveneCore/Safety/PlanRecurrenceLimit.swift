/// The occurrence limit applied to a plan's recurring events when the plan is read, so that
/// `validate` gives the verdict `check` and `export` give (they refuse the same rules when they
/// expand them), and no command expands a rule that would take minutes and gigabytes.
///
/// A plan's events are convenings: one rule may give at most ``eventLimit`` sittings in the
/// window (a daily meeting for the whole window gives about 1 200), and all rules together at
/// most ``planLimit``. Every sitting is placed in its zone and compared with the others, so a
/// rule under the calendar-file limit (``OccurrenceEstimate/limit``: 600 sittings a day for
/// years) would still keep `check` busy for minutes and hundreds of megabytes.
enum PlanRecurrenceLimit {
    /// The most sittings one event of a plan may have in the window.
    static let eventLimit = 10_000
    /// The most sittings all events of a plan may have in the window together.
    static let planLimit = 100_000

    static func diagnostics(_ plan: Plan, today: CivilDate = CivilDate.today()) -> [Diagnostic] {
        let window = CheckContext.expansionWindow(plan, today: today)
        var problems: [Diagnostic] = []
        var total = 0
        // Only recurring events are copied out of the plan (copying each retained all its texts).
        for index in plan.events.indices where plan.events[index].recurrence != nil {
            let event = plan.events[index]
            guard let request = EventClock.recurrenceRequest(for: event), let start = EventClock.firstStart(of: event) else { continue }
            var location: SourceLocation { plan.locations[.event(event.id)] ?? SourceLocation(file: PlanLoader.planFileName, line: 1) }
            let (estimate, refused) = OccurrenceEstimate.assess(rule: request.rule, from: start, to: window.end)
            if refused != nil || estimate > eventLimit {
                let why = refused.map(OccurrenceEstimate.explanation)
                    ?? "the rule gives about \(estimate) occurrences in the window (one event of a plan may have \(eventLimit))"
                problems.append(Diagnostic(
                    location: location,
                    message: "event '\(event.id)': its recurrence '\(request.rule)' cannot be expanded: \(why)",
                    hint: "give the rule a COUNT or UNTIL, or a coarser FREQ"))
                continue
            }
            total += estimate
            if total > planLimit {
                problems.append(Diagnostic(
                    location: location,
                    message: "event '\(event.id)': with its recurrence the plan's events have about \(total) sittings in the window (the limit is \(planLimit))",
                    hint: "give the recurring events a COUNT or UNTIL, or a coarser FREQ"))
                break
            }
        }
        return problems
    }
}
