/// Flags a venue (a room, or a virtual meeting room) booked for two events at once.
public struct VenueDoubleBookedRule: Rule {
    public let id = "venue-double-booked"
    public let summary = "a venue hosts two events at once"

    public init() {}

    public func check(_ context: CheckContext) -> [Finding] {
        let byVenue = Dictionary(grouping: context.occurrences) { context.index.events[$0.eventID]?.venueID ?? "" }
        var findings: [Finding] = []
        var reported: Set<String> = []
        for (venueID, occurrences) in byVenue.sorted(by: { $0.key < $1.key }) where !venueID.isEmpty {
            for (a, b) in OverlapSweep.pairs(occurrences, span: \.span) where a.eventID != b.eventID {
                guard reported.insert([a.eventID, b.eventID].sorted().joined(separator: "|")).inserted else { continue }
                let venue = context.index.venues[venueID]?.name ?? venueID
                findings.append(Finding(
                    rule: id, severity: .error,
                    subjects: [.event(a.eventID), .event(b.eventID), .venue(venueID)],
                    message: "\(venue) is booked for \(context.describe(a)) and \(context.describe(b)) at the same time",
                    hint: "move one event to another venue or time",
                    location: context.location(.event(b.eventID))))
            }
        }
        return findings
    }
}
