/// Something that can rule a start out, named so that a report can say what blocks most often.
enum Obstacle: Sendable, Hashable {
    /// A required invitee (and their deputy) who cannot come.
    case seat(String)
    /// The venue is booked.
    case venue(String)
    /// A declared blackout covers the day.
    case blackout(String)
    /// Outside the venue's working day (in-person events).
    case venueDay
    /// Before the event it follows has ended.
    case follows(String)
    /// Too few participants of a level can come.
    case quorum(GovernmentLevel)

    /// The rule (of `convene check`, or of the scheduler alone) behind the obstacle.
    var rule: String {
        switch self {
        case .seat: "required-invitee-unavailable"
        case .venue: "venue-double-booked"
        case .blackout: "blackout-date"
        case .venueDay: "venue-working-day"
        case .follows: "follow-up-too-early"
        case .quorum: "level-quorum"
        }
    }
}

/// One thing a slot must satisfy, as the starts it allows.
struct Constraint: Sendable {
    let obstacle: Obstacle
    let allowed: StartSet
}

/// Everything a slot for one event must satisfy, built from the plan and the bookings: required
/// seats, the venue, blackouts, the venue's working day, `follows:` and the level quorum.
struct SlotConstraints {
    let grid: SlotGrid
    let event: Event
    let venue: Venue?
    private(set) var constraints: [Constraint] = []
    private(set) var seats: [RequiredSeat] = []
    /// Positions in `seats`, by invitee id.
    private(set) var seatIndex: [String: Int] = [:]
    /// Optional invitees and observers, free as far as their bookings go (hours are scored, not required).
    private(set) var optional: [PersonAvailability] = []
    /// Working hours of every attendee who may join remotely, for scoring early and late hours.
    private(set) var remoteHours: [String: WorkingHoursProfile] = [:]
    /// The starts worth explaining: within the venue's working day (in person), or within at least
    /// one required attendee's working hours (virtual and hybrid).
    private(set) var explainable: StartSet

    /// - Parameter workingDays: for an event of several days, each must be a working day at the
    ///   venue: the slot starts when the first one's work starts (whatever the mode).
    init(event: Event, venue: Venue?, grid: SlotGrid, context: CheckContext, bookings: BookingIndex, followedEnd: UnixSeconds?,
         workingDays: WorkingDays? = nil) {
        self.grid = grid
        self.event = event
        self.venue = venue
        let index = context.index
        let settings = context.plan.settings
        let multiDay = workingDays?.isMultiDay == true
        let remote = !multiDay && (venue.map { $0.mode != .inPerson } ?? false)
        var profiles = WorkingHoursProfiles(grid: grid)
        let builder = AvailabilityBuilder(grid: grid, bookings: bookings, destination: venue.flatMap(GeoPoint.init(travelTo:)), settings: settings)
        explainable = StartSet(count: grid.startCount, filled: !remote)

        // The venue's working days, for events of several days.
        if let workingDays, multiDay {
            let allowed = workingDays.allowedStarts(on: grid)
            constraints.append(Constraint(obstacle: .venueDay, allowed: allowed))
            explainable = allowed
        }
        // The venue's working day, for in-person events (travellers adopt the venue's day).
        if !remote, !multiDay, let day = profiles.profile(settings.defaultWorkingHours, in: grid.timeZone) {
            constraints.append(Constraint(obstacle: .venueDay, allowed: day.allowed))
            explainable = day.allowed
        }

        // Required seats and optional invitees, as `convene check` will see them.
        func hours(of person: Person?) -> WorkingHoursProfile? {
            guard remote else { return nil }
            return profiles.profile(person?.workingHours ?? settings.defaultWorkingHours, in: person?.timeZone ?? grid.timeZone)
        }
        for participant in index.participants(of: event, replies: context.replies) {
            let person = index.people[participant.personID]
            let profile = hours(of: person)
            if let profile { remoteHours[participant.personID] = profile }
            guard participant.role.isRequired else {
                optional.append(builder.availability(of: participant.personID, hours: nil))
                continue
            }
            let inviteeID = participant.onBehalfOf ?? participant.personID
            let attendee = builder.availability(of: participant.personID, hours: profile)
            var deputy: PersonAvailability?
            if participant.onBehalfOf == nil, let deputyID = person?.deputyID, deputyID != participant.personID,
               let deputyPerson = index.people[deputyID], !context.replies.hasDeclined(deputyID, event.id) {
                let deputyHours = hours(of: deputyPerson)
                if let deputyHours { remoteHours[deputyID] = deputyHours }
                deputy = builder.availability(of: deputyID, hours: deputyHours)
            }
            let seat = RequiredSeat(inviteeID: inviteeID, attendee: attendee, deputy: deputy,
                                    constituency: index.people[inviteeID].flatMap(index.constituency(of:)))
            seatIndex[inviteeID] = seats.count
            seats.append(seat)
            constraints.append(Constraint(obstacle: .seat(inviteeID), allowed: seat.allowed))
            if remote, let profile { explainable.formUnion(profile.allowed) }
        }
        if remote, seats.isEmpty { explainable = StartSet(count: grid.startCount, filled: true) }

        // The venue: free of other events (virtual rooms too).
        if let venueID = event.venueID {
            var taken = StartSet(count: grid.startCount)
            for booking in bookings.byVenue[venueID] ?? [] { taken.insert(grid.starts(overlapping: booking.span)) }
            constraints.append(Constraint(obstacle: .venue(venueID), allowed: ~taken))
        }

        // Blackouts, everywhere or in the event's country, on the venue-local days the slot touches.
        let country = index.country(of: event)
        for blackout in context.plan.blackouts where blackout.country == nil || blackout.country == country {
            guard let from = ZoneClock.instant(CivilDateTime(date: blackout.from, minuteOfDay: 0), in: grid.timeZone),
                  let to = ZoneClock.instant(CivilDateTime(date: blackout.through.adding(days: 1), minuteOfDay: 0), in: grid.timeZone)
            else { continue }
            let hit = grid.starts(overlapping: TimeSpan(start: from, end: to))
            guard !hit.isEmpty else { continue }
            var allowed = StartSet(count: grid.startCount, filled: true)
            allowed.remove(hit)
            constraints.append(Constraint(obstacle: .blackout(blackout.id), allowed: allowed))
        }

        // A follow-up starts once the event it follows has ended.
        if let followedID = event.followsID, let followedEnd {
            var allowed = StartSet(count: grid.startCount)
            allowed.insert(grid.starts(from: followedEnd))
            constraints.append(Constraint(obstacle: .follows(followedID), allowed: allowed))
        }

        constraints += QuorumCheck.constraints(event.requirements, seats: seats,
                                               optional: optional.map { ($0, index.people[$0.personID].flatMap(index.constituency(of:))) },
                                               startCount: grid.startCount)
    }

    /// The seat of a required invitee.
    func seat(_ inviteeID: String) -> RequiredSeat? { seatIndex[inviteeID].map { seats[$0] } }

    /// The starts every constraint allows.
    var feasible: StartSet {
        var result = StartSet(count: grid.startCount, filled: true)
        for constraint in constraints { result.formIntersection(constraint.allowed) }
        return result
    }
}
