import ConveneCore

/// The sitting an iTIP reply with RECURRENCE-ID answers (RFC 5546 section 3.2.3: a reply to one
/// instance names it by its original start). The date must be one of the event's sittings: a reply
/// to a date the series never meets on, or to an event that does not recur, names no sitting and
/// is refused rather than recorded against one that does not exist.
struct ReplySitting {
    let plan: Plan
    let expander = LibicalRecurrenceExpander()
    /// Each recurring event's sittings, expanded once per file and event.
    private var starts: [String: [CivilDateTime]] = [:]

    init(plan: Plan) { self.plan = plan }

    /// The venue-local date of the sitting `date` names, or why it names none (with the nearest
    /// sittings, so the person can be asked to answer the right one).
    mutating func check(_ date: CivilDate, of event: Event) -> Result<String, Refusal> {
        guard event.recurrence != nil else {
            let when = EventClock.firstStart(of: event).flatMap { ZoneClock.wallTime(at: $0, in: event.timing.timeZone) }
            return .failure(Refusal(reason: "RECURRENCE-ID \(date) answers one sitting, but event '\(event.id)' does not recur"
                + (when.map { " (it takes place on \($0.date))" } ?? "")
                + ": ask for a reply to the invitation itself, without RECURRENCE-ID"))
        }
        if starts[event.id] == nil {
            starts[event.id] = (try? Sitting.starts(of: event, expander: expander, window: Sitting.window(plan, today: .today()))) ?? []
        }
        let sittings = starts[event.id] ?? []
        if sittings.contains(where: { $0.date == date }) { return .success(date.description) }
        let nearest = sittings.sorted { abs($0.date.daysSinceEpoch - date.daysSinceEpoch) < abs($1.date.daysSinceEpoch - date.daysSinceEpoch) }
            .prefix(2).sorted { $0.date < $1.date }
        return .failure(Refusal(reason: "RECURRENCE-ID \(date) is not a sitting of '\(event.id)'"
            + (nearest.isEmpty ? "" : "; the nearest sittings are " + nearest.map { "\(event.id)@\($0.date) (\($0))" }.joined(separator: " and "))
            + ": nothing was recorded for this reply; ask for a reply to one of the series' sittings"))
    }

    struct Refusal: Error { var reason: String }
}
