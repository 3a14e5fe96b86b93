/// When one person could be at the slot, and what stops them when they cannot: the plan events
/// they attend, their imported busy time, the journey to or from an in-person event in another
/// city, and (for virtual and hybrid events) their working hours in their own zone.
struct PersonAvailability: Sendable {
    let personID: String
    /// Starts at which they can come.
    let free: StartSet
    /// Starts that overlap a plan event they attend (`person-double-booked`).
    let booked: StartSet
    /// Starts that overlap their imported busy time (`person-busy-elsewhere`).
    let busy: StartSet
    /// Starts blocked only by the journey to or from an in-person event elsewhere (`travel-time`).
    let travel: StartSet
    /// Starts outside their working hours, when those apply (`outside-working-hours`).
    let outsideHours: StartSet
}

/// Builds ``PersonAvailability`` from a person's bookings: one range per booking (two with a
/// journey), so the cost is linear in their bookings plus one pass over the grid's words.
struct AvailabilityBuilder {
    let grid: SlotGrid
    let bookings: BookingIndex
    /// The candidate venue, when it is in person and has coordinates (journeys are counted to it).
    let destination: GeoPoint?
    let settings: PlanSettings

    func availability(of personID: String, hours: WorkingHoursProfile?) -> PersonAvailability {
        var booked = StartSet(count: grid.startCount), busy = booked, travel = booked
        for booking in bookings.byPerson[personID] ?? [] {
            let overlap = grid.starts(overlapping: booking.span)
            switch booking.source {
            case .event: booked.insert(overlap)
            case .imported: busy.insert(overlap)
            }
            if let destination, let place = booking.place {
                let km = destination.kilometres(to: place)
                if km >= TravelTimeRule.sameCityKilometres {
                    let journey = Self.journeySeconds(km, settings)
                    travel.insert(grid.starts(overlapping: TimeSpan(start: booking.span.start - journey, end: booking.span.end + journey)))
                }
            }
        }
        travel.subtract(booked)
        travel.subtract(busy)
        let outside = hours.map { ~$0.allowed } ?? StartSet(count: grid.startCount)
        var taken = booked
        taken.formUnion(busy)
        taken.formUnion(travel)
        taken.formUnion(outside)
        return PersonAvailability(personID: personID, free: ~taken, booked: booked, busy: busy, travel: travel, outsideHours: outside)
    }

    /// The journey time ``TravelTimeRule`` allows between two cities `km` apart.
    static func journeySeconds(_ km: Double, _ settings: PlanSettings) -> Int64 {
        Int64(km / settings.travelSpeedKmh * 3600) + Int64(settings.travelOverheadMinutes * 60)
    }
}

/// A seat the event cannot go ahead without: a required invitee, who attends themselves or has
/// their deputy stand in (the plan's `stand-in:` or a delegated reply fixes who attends).
struct RequiredSeat: Sendable {
    /// Who is invited.
    let inviteeID: String
    /// Who attends unless someone stands in: the invitee, or the stand-in the plan already names.
    let attendee: PersonAvailability
    /// The invitee's deputy, who may stand in; nil when there is none or a stand-in is already named.
    let deputy: PersonAvailability?
    /// The level or sector the seat represents (the invitee's).
    let constituency: Constituency?

    /// Starts at which someone can take the seat.
    var allowed: StartSet {
        guard let deputy else { return attendee.free }
        return attendee.free | deputy.free
    }
}
