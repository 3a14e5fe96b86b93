/// A point on the Earth, for travel between in-person venues.
public struct GeoPoint: Sendable, Hashable, Codable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// The venue's coordinates when people travel to it: in-person venues with `geo:` only.
    public init?(travelTo venue: Venue) {
        guard venue.mode == .inPerson, let latitude = venue.latitude, let longitude = venue.longitude else { return nil }
        self.init(latitude: latitude, longitude: longitude)
    }

    /// Great-circle distance, as ``TravelTimeRule`` measures it.
    public func kilometres(to other: GeoPoint) -> Double {
        TravelTimeRule.greatCircleKilometres(latitude, longitude, other.latitude, other.longitude)
    }
}

/// Something that takes up a person's or a venue's time.
public struct Booking: Sendable, Hashable {
    /// Where the time went: a plan event, or an imported calendar (its source only, never its summary).
    public enum Source: Sendable, Hashable {
        case event(String)
        case imported(String)
    }

    public var span: TimeSpan
    public var source: Source
    /// Where the person has to be, when it is an in-person venue with coordinates.
    public var place: GeoPoint?

    public init(span: TimeSpan, source: Source, place: GeoPoint? = nil) {
        self.span = span
        self.source = source
        self.place = place
    }
}

/// Who is taken when, and where, grouped once from a ``CheckContext``: each person's bookings (the
/// plan events they attend, as the conflict rules count them: not cancelled, not transparent, not
/// declined, stand-ins in their principal's place; and their imported busy time) and each venue's.
/// Building it is linear in the number of occurrences times their participants.
public struct BookingIndex: Sendable {
    /// By person id.
    public private(set) var byPerson: [String: [Booking]] = [:]
    /// By venue id.
    public private(set) var byVenue: [String: [Booking]] = [:]

    public init(context: CheckContext) {
        for occurrence in context.occurrences {
            guard let event = context.index.events[occurrence.eventID] else { continue }
            let venue = event.venueID.flatMap { context.index.venues[$0] }
            let booking = Booking(span: occurrence.span, source: .event(event.id), place: venue.flatMap(GeoPoint.init(travelTo:)))
            if let venueID = event.venueID { byVenue[venueID, default: []].append(booking) }
            for participant in context.participants[event.id] ?? [] {
                byPerson[participant.personID, default: []].append(booking)
            }
        }
        for busy in context.busy {
            byPerson[busy.personID, default: []].append(Booking(span: busy.span, source: .imported(busy.source)))
        }
    }

    /// An index holding exactly these bookings (for tests and benchmarks).
    public init(people: [String: [Booking]], venues: [String: [Booking]] = [:]) {
        byPerson = people
        byVenue = venues
    }
}
