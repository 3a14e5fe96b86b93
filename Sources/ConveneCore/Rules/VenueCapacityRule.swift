/// Warns when more people are invited than the venue holds (whole organisations count as all
/// their members in the plan; those who declined do not count). Virtual venues have no seats to
/// run out of; hybrid venues are counted in full, since anyone invited may come in person.
public struct VenueCapacityRule: Rule {
    public let id = "venue-over-capacity"
    public let summary = "more people are invited than the venue holds"

    public init() {}

    public func check(_ context: CheckContext) -> [Finding] {
        context.plan.events.compactMap { event in
            guard event.status != .cancelled, let venueID = event.venueID, let venue = context.index.venues[venueID],
                  venue.mode != .virtual, let capacity = venue.capacity else { return nil }
            let invited = context.index.invitees(of: event).filter { !context.replies.hasDeclined($0.person.id, event.id) }.count
            guard invited > capacity else { return nil }
            return Finding(
                rule: id, severity: .warning, subjects: [.event(event.id), .venue(venueID)],
                message: "\(invited) people are invited to '\(event.title)' but \(venue.name) seats \(capacity)",
                hint: "choose a larger venue, or invite fewer people in person",
                location: context.location(.event(event.id)))
        }
    }
}
