import Foundation

/// Flags a person whose consecutive in-person events are in different cities closer in time than
/// the journey allows: great-circle distance at the plan's travel speed plus a fixed overhead
/// (getting to and through airports). An error when the journey cannot be made at all and the
/// person is needed at both events; a warning when one invitation is optional, or when the journey
/// leaves less slack than the plan's `slack-minutes`. Virtual and hybrid events need no travel.
public struct TravelTimeRule: Rule {
    public let id = "travel-time"
    public let summary = "consecutive in-person events in different cities are too close for the journey"

    /// Venues closer than this are the same city: no journey is planned between them.
    public static let sameCityKilometres = 50.0

    public init() {}

    public func check(_ context: CheckContext) -> [Finding] {
        let settings = context.plan.settings
        struct Stop { var occurrence: PlanOccurrence; var venue: Venue; var latitude: Double; var longitude: Double; var isRequired: Bool }
        var byPerson: [String: [Stop]] = [:]
        for occurrence in context.occurrences {
            guard let event = context.index.events[occurrence.eventID], let venueID = event.venueID,
                  let venue = context.index.venues[venueID], venue.mode == .inPerson,
                  let lat = venue.latitude, let lon = venue.longitude else { continue }
            for participant in context.participants[event.id] ?? [] {
                byPerson[participant.personID, default: []].append(Stop(occurrence: occurrence, venue: venue, latitude: lat, longitude: lon,
                                                                        isRequired: participant.role.isRequired))
            }
        }
        var findings: [Finding] = []
        for (personID, stops) in byPerson.sorted(by: { $0.key < $1.key }) {
            let ordered = stops.sorted { $0.occurrence.span < $1.occurrence.span }
            // Each stop is compared with the one that ends last before it (a short event inside a
            // long one does not hide the journey after the long one).
            var latest: Stop?
            for to in ordered {
                defer { if latest == nil || to.occurrence.span.end > latest!.occurrence.span.end { latest = to } }
                guard let from = latest, from.occurrence.eventID != to.occurrence.eventID else { continue }
                let gap = to.occurrence.span.start - from.occurrence.span.end
                guard gap >= 0 else { continue }  // overlapping: the double-booking rule reports it
                let km = Self.greatCircleKilometres(from.latitude, from.longitude, to.latitude, to.longitude)
                guard km >= Self.sameCityKilometres else { continue }
                let journey = Int64(km / settings.travelSpeedKmh * 3600) + Int64(settings.travelOverheadMinutes * 60)
                let slack = Int64(settings.travelSlackMinutes * 60)
                guard gap < journey + slack else { continue }
                let name = context.index.people[personID]?.name ?? personID
                let impossible = gap < journey
                findings.append(Finding(
                    rule: id, severity: impossible && from.isRequired && to.isRequired ? .error : .warning,
                    subjects: [.event(to.occurrence.eventID), .event(from.occurrence.eventID), .person(personID)],
                    message: "\(name) has \(Self.hours(gap)) between \(context.describe(from.occurrence)) in \(from.venue.city ?? from.venue.name) and \(context.describe(to.occurrence)) in \(to.venue.city ?? to.venue.name), \(Int(km.rounded())) km apart; the journey takes about \(Self.hours(journey))" + (impossible ? "" : ", leaving less than \(Self.hours(slack)) to spare"),
                    hint: impossible ? "move one event so there are at least \(Self.hours(journey)) between them, or let them join one online"
                        : "allow more time between the events, or confirm the travel plan",
                    location: context.location(.event(to.occurrence.eventID))))
            }
        }
        return findings
    }

    /// Haversine distance on a sphere of the Earth's mean radius.
    public static func greatCircleKilometres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let r = 6371.0088, rad = Double.pi / 180
        let dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, sqrt(a)))
    }

    static func hours(_ seconds: Int64) -> String {
        let minutes = seconds / 60
        return minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
    }
}
