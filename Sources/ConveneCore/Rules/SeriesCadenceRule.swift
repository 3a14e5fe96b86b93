/// Warns when a series loses momentum: two consecutive events further apart than its cadence's
/// `max-gap-months`, or a series whose latest event is older than that as of `--today` with
/// nothing scheduled ahead. Follow-up is what turns a roundtable into a process.
public struct SeriesCadenceRule: Rule {
    public let id = "series-cadence"
    public let summary = "a series goes longer than its cadence between events, or has fallen silent"

    public init() {}

    public func check(_ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        let todayStart = Int64(context.options.today.daysSinceEpoch) * 86_400
        for series in context.plan.series {
            guard let maxGap = series.cadence?.maxGapMonths else { continue }
            let members = context.plan.events.filter { $0.seriesID == series.id && $0.status != .cancelled }
            // Every occurrence counts: a recurring meeting keeps its series alive.
            let dated = members.flatMap { event in (context.occurrencesByEvent[event.id] ?? []).map { (event, $0.span) } }
                .sorted { $0.1 < $1.1 }
            for (earlier, later) in zip(dated, dated.dropFirst()) {
                guard let zoneDate = ZoneClock.wallTime(at: earlier.1.end, in: earlier.0.timing.timeZone)?.date,
                      let limit = ZoneClock.instant(CivilDateTime(date: zoneDate.adding(months: maxGap), minuteOfDay: 1439), in: earlier.0.timing.timeZone),
                      later.1.start > limit else { continue }
                let months = Self.months(from: earlier.1.end, to: later.1.start)
                findings.append(Finding(
                    rule: id, severity: .warning, subjects: [.event(later.0.id), .event(earlier.0.id), .series(series.id)],
                    message: "'\(later.0.title)' comes about \(months) months after '\(earlier.0.title)'; series '\(series.title)' expects at most \(maxGap)",
                    hint: "hold a follow-up in between, or widen the series' cadence (max-gap-months)",
                    location: context.location(.event(later.0.id))))
            }
            guard let last = dated.last, last.1.end < todayStart else { continue }
            guard let lastDate = ZoneClock.wallTime(at: last.1.end - 1, in: last.0.timing.timeZone)?.date else { continue }
            guard lastDate.adding(months: maxGap) < context.options.today else { continue }
            let pending = members.filter { !$0.isScheduled }.map(\.id)
            findings.append(Finding(
                rule: id, severity: .warning, subjects: [.series(series.id), .event(last.0.id)],
                message: "series '\(series.title)' has been silent since \(lastDate) ('\(last.0.title)'), longer than its \(maxGap)-month cadence, with nothing scheduled",
                hint: pending.isEmpty ? "plan the next convening of the series" : "place \(pending.joined(separator: ", ")) with `convene schedule \(series.id)`",
                location: context.location(.series(series.id))))
        }
        return findings
    }

    static func months(from start: UnixSeconds, to end: UnixSeconds) -> Int {
        Int((Double(end - start) / (30.44 * 86_400)).rounded())
    }
}
