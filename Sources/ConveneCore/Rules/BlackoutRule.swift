/// Warns when an event falls on a declared blackout (a public holiday, an election period),
/// everywhere or in the event's country, judged on the venue-local dates it spans.
public struct BlackoutRule: Rule {
    public let id = "blackout-date"
    public let summary = "an event falls on a declared holiday or blackout period"

    public init() {}

    public func check(_ context: CheckContext) -> [Finding] {
        guard !context.plan.blackouts.isEmpty else { return [] }
        var findings: [Finding] = []
        for event in context.plan.events where event.status != .cancelled {
            let country = context.index.country(of: event)
            let zone = event.timing.timeZone
            for blackout in context.plan.blackouts where blackout.country == nil || blackout.country == country {
                let hits = (context.occurrencesByEvent[event.id] ?? []).filter { occurrence in
                    guard let first = ZoneClock.wallTime(at: occurrence.span.start, in: zone)?.date,
                          let last = ZoneClock.wallTime(at: occurrence.span.end - 1, in: zone)?.date else { return false }
                    return first <= blackout.through && blackout.from <= last
                }
                guard let hit = hits.first else { continue }
                findings.append(Finding(
                    rule: id, severity: .warning, subjects: [.event(event.id)],
                    message: "\(context.describe(hit)) falls in '\(blackout.name)' (\(blackout.from)\(blackout.through == blackout.from ? "" : " to \(blackout.through)")\(blackout.country.map { ", \($0)" } ?? ""))",
                    hint: "move it off those dates, or remove the blackout if it no longer applies",
                    location: context.location(.event(event.id))))
            }
        }
        return findings
    }
}
