/// The days one search covers: `--between` when given, else the event's `window:`, else from
/// today (or the end of the event it follows) for three months.
struct SearchWindow: Sendable, Hashable {
    /// The longest search, in days: enough for any planning horizon, small enough to stay fast.
    static let maximumDays = 731
    /// Searched when the event gives no end.
    static let defaultDays = 92

    var first: CivilDate
    var last: CivilDate
    var notes: [String]

    static func resolve(_ event: Event, between: ClosedRange<CivilDate>?, followedEnd: CivilDate?,
                        today: CivilDate) throws -> SearchWindow {
        guard case .unscheduled(_, let earliest, let latest, _) = event.timing else { throw SchedulingError.alreadyScheduled(event) }
        var notes: [String] = []
        var first: CivilDate, last: CivilDate
        if let between {
            first = between.lowerBound
            last = between.upperBound
            if let earliest, let latest, first < earliest || last > latest {
                notes.append("searching \(first) to \(last) as asked, outside the plan's window [\(earliest), \(latest)]")
            }
        } else {
            first = earliest ?? max(today, followedEnd ?? today)
            last = latest ?? first.adding(days: defaultDays - 1)
            if earliest == nil || latest == nil {
                notes.append("the event has no complete `window:`; searching \(first) to \(last)")
            }
        }
        guard first <= last else {
            throw SchedulingError(message: "the search ends (\(last)) before it starts (\(first))",
                                  hint: "give the first day, then the last: --between \(last) \(first)")
        }
        let days = last.daysSinceEpoch - first.daysSinceEpoch + 1
        guard days <= maximumDays else {
            throw SchedulingError(message: "searching \(days) days (\(first) to \(last)) is more than the \(maximumDays) searched at once",
                                  hint: "narrow the days with --between FIRST LAST, or the event's `window:`")
        }
        return SearchWindow(first: first, last: last, notes: notes)
    }
}
