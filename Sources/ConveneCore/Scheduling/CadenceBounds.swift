/// The series rules on the days an unscheduled event may take, applied the same way by `convene
/// suggest` and `convene schedule`: at least the series' `min-gap-months` after the end of the event
/// it follows, and at most `max-gap-months` after the end of the series' latest event before it
/// (the gap ``SeriesCadenceRule`` measures).
struct CadenceBounds: Sendable, Hashable {
    /// The first day the series allows, and the last; nil where the series sets no bound.
    var earliest: CivilDate?
    var latest: CivilDate?
    /// How each bound was worked out, for the output.
    var notes: [String] = []
    /// Set when the event follows one that has no time yet: nothing can be worked out.
    var unplacedFollowed: String?

    /// The bounds for `event`, searching from `first` (the series event before that day counts for
    /// the maximum gap); `first` is moved to the earliest day the series allows before the maximum
    /// gap is measured.
    init(for event: Event, in plan: Plan, searchingFrom first: CivilDate?, today: CivilDate) {
        let index = PlanIndex(plan)
        let series = event.seriesID.flatMap { index.series[$0] }
        var from = first
        if let followedID = event.followsID, let followed = index.events[followedID], followed.status != .cancelled {
            guard let span = EventClock.firstSpan(of: followed),
                  let end = ZoneClock.wallTime(at: span.end, in: followed.timing.timeZone)?.date else {
                unplacedFollowed = followedID
                return
            }
            earliest = end
            if let minimum = series?.cadence?.minGapMonths, minimum > 0 {
                let day = end.adding(months: minimum)
                earliest = day
                notes.append("at least \(minimum) month\(minimum == 1 ? "" : "s") after '\(followedID)' (\(end)): from \(day)")
            }
            from = max(from ?? earliest!, earliest!)
        }
        if let series, let maximum = series.cadence?.maxGapMonths,
           let previous = SeriesPlanner.latestBefore(from ?? today, in: plan, series: series.id, excluding: event.id,
                                                     zone: event.timing.timeZone) {
            let day = previous.end.adding(months: maximum)
            latest = day
            notes.append("at most \(maximum) month\(maximum == 1 ? "" : "s") after '\(previous.id)' (\(previous.end)): by \(day)")
        }
    }
}
