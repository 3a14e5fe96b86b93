/// A request the scheduler cannot act on: an unknown or already placed event, an unknown series,
/// days that make no sense. The same shape as every other bad request (``ReferenceError``); the CLI
/// exits 2.
public typealias SchedulingError = ReferenceError

extension ReferenceError {
    static func unknownEvent(_ id: String, in plan: Plan) -> SchedulingError {
        let pending = plan.events.filter { !$0.isScheduled }.map(\.id)
        let guess = Spelling.closest(to: id, in: plan.events.map(\.id))
        let listing = pending.isEmpty ? "`convene events` lists the plan's events"
            : "events still to be scheduled: \(pending.joined(separator: ", "))"
        return SchedulingError(message: "no event '\(id)' in the plan",
                               hint: guess.map { "did you mean '\($0)'? (\(listing))" } ?? listing)
    }

    static func alreadyScheduled(_ event: Event) -> SchedulingError {
        let when = EventClock.firstStart(of: event).map { " (\(ZoneClock.formatLocal($0, in: event.timing.timeZone)))" } ?? ""
        return SchedulingError(
            message: "event '\(event.id)' already has a time\(when); `suggest` places events that have a duration and a window instead",
            hint: "to look for a new time, replace its `start:`/`end:` (or `date:`) in plan.yaml with `duration:` and `window: [first-day, last-day]`")
    }

    static func cancelled(_ event: Event) -> SchedulingError {
        SchedulingError(message: "event '\(event.id)' is cancelled", hint: "set its `status:` back to planned in plan.yaml to schedule it")
    }

    static func unknownSeries(_ id: String, in plan: Plan) -> SchedulingError {
        let guess = Spelling.closest(to: id, in: plan.series.map(\.id))
        let listing = "series: \(plan.series.map(\.id).joined(separator: ", "))"
        return SchedulingError(message: "no series '\(id)' in the plan",
                               hint: guess.map { "did you mean '\($0)'? (\(listing))" } ?? listing)
    }
}
