/// Flags a person who is due at two events at once, counting every occurrence of recurring
/// events in UTC (so a clash across time zones or a DST change is caught), and checking whoever
/// stands in for an invitee in their place. Declined invitations, cancelled and transparent events
/// make nobody busy. An error when both invitations need the person; a warning when one is
/// optional or as an observer, since they can skip it.
public struct PersonDoubleBookedRule: Rule {
    public let id = "person-double-booked"
    public let summary = "a person (or the deputy standing in for them) is due at two events at once"

    public init() {}

    public func check(_ context: CheckContext) -> [Finding] {
        struct Booking { var occurrence: PlanOccurrence; var participant: Participant }
        var byPerson: [String: [Booking]] = [:]
        for occurrence in context.occurrences {
            for participant in context.participants[occurrence.eventID] ?? [] {
                byPerson[participant.personID, default: []].append(Booking(occurrence: occurrence, participant: participant))
            }
        }
        var findings: [Finding] = []
        for (personID, bookings) in byPerson.sorted(by: { $0.key < $1.key }) {
            // One finding per pair of events, however many of their occurrences clash.
            var clashes: [String: (first: (Booking, Booking), count: Int)] = [:]
            for (a, b) in OverlapSweep.pairs(bookings, span: { $0.occurrence.span })
            where a.occurrence.eventID != b.occurrence.eventID {
                let key = [a.occurrence.eventID, b.occurrence.eventID].sorted().joined(separator: "|")
                if let existing = clashes[key] { clashes[key] = (existing.first, existing.count + 1) } else { clashes[key] = ((a, b), 1) }
            }
            for (_, clash) in clashes.sorted(by: { $0.key < $1.key }) {
                let (a, b) = clash.first
                let name = context.index.people[personID]?.name ?? personID
                let represented = Set([a, b].compactMap(\.participant.onBehalfOf)).sorted()
                    .map { context.index.people[$0]?.name ?? $0 }
                let standIn = represented.isEmpty ? "" : " standing in for \(represented.joined(separator: " and "))"
                let both = a.participant.role.isRequired && b.participant.role.isRequired
                let times = clash.count > 1 ? " (\(clash.count) occurrences clash; first shown)" : ""
                findings.append(Finding(
                    rule: id, severity: both ? .error : .warning,
                    subjects: [.event(a.occurrence.eventID), .event(b.occurrence.eventID), .person(personID)],
                    message: "\(name)\(standIn) is due at \(context.describe(a.occurrence)) and \(context.describe(b.occurrence)), which overlap\(times)",
                    hint: both ? "move one event, or have a deputy attend one of them (`stand-in:` on the invitation)"
                        : "tell them which to attend, or move one event",
                    location: context.location(.event(b.occurrence.eventID))))
            }
        }
        return findings
    }
}
