/// Flags a participant whose own calendar (imported with `convene import --busy-for`) shows them
/// busy during an event. Only the busy time is used; what they are busy with stays private.
public struct PersonBusyElsewhereRule: Rule {
    public let id = "person-busy-elsewhere"
    public let summary = "a participant's imported calendar shows them busy during an event"

    public init() {}

    public func check(_ context: CheckContext) -> [Finding] {
        guard !context.busy.isEmpty else { return [] }
        let busyByPerson = Dictionary(grouping: context.busy, by: \.personID)
        var findings: [Finding] = []
        var reported: Set<String> = []
        for occurrence in context.occurrences {
            for participant in context.participants[occurrence.eventID] ?? [] {
                guard let busy = busyByPerson[participant.personID] else { continue }
                guard let clash = busy.first(where: { $0.span.overlaps(occurrence.span) }) else { continue }
                let key = "\(participant.personID)|\(occurrence.eventID)"
                guard reported.insert(key).inserted else { continue }
                let name = context.index.people[participant.personID]?.name ?? participant.personID
                let zone = context.index.events[occurrence.eventID]?.timing.timeZone ?? "UTC"
                findings.append(Finding(
                    rule: id, severity: participant.role.isRequired ? .error : .warning,
                    subjects: [.event(occurrence.eventID), .person(participant.personID)],
                    message: "\(name) is busy in their own calendar (\(clash.source)) from \(ZoneClock.formatLocal(clash.span.start, in: zone)) to \(ZoneClock.formatLocal(clash.span.end, in: zone)), during \(context.describe(occurrence))",
                    hint: "move the event (try `convene suggest`), or ask them to free the time or send a deputy",
                    location: context.location(.event(occurrence.eventID))))
            }
        }
        return findings
    }
}
