/// The occurrence limit applied to a plan's recurring events when the plan is read, so that
/// `validate` gives the verdict `check` and `export` give (they refuse the same rules when they
/// expand them), and no command expands a rule that would take minutes and gigabytes.
enum PlanRecurrenceLimit {
    static func diagnostics(_ plan: Plan, today: CivilDate = CivilDate.today()) -> [Diagnostic] {
        let window = CheckContext.expansionWindow(plan, today: today)
        var problems: [Diagnostic] = []
        for event in plan.events {
            guard let request = EventClock.recurrenceRequest(for: event), let start = EventClock.firstStart(of: event) else { continue }
            guard let estimate = OccurrenceEstimate.refusal(rule: request.rule, from: start, to: window.end) else { continue }
            problems.append(Diagnostic(
                location: plan.locations[.event(event.id)] ?? SourceLocation(file: PlanLoader.planFileName, line: 1),
                message: "event '\(event.id)': its recurrence '\(request.rule)' cannot be expanded: \(OccurrenceEstimate.explanation(estimate))",
                hint: "give the rule a COUNT or UNTIL, or a coarser FREQ"))
        }
        return problems
    }
}
