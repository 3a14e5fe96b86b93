import ConveneBenchSupport
import ConveneCore

/// The workload: a virtual all-hands for `required` required invitees in five time zones
/// (every sixth with a deputy), 30 optional invitees, each person with about `perPerson` busy
/// occurrences over 2027 (a fifth of them shared plan meetings, the rest imported calendars),
/// placed in their own working day. With `focusTime`, nobody books Wednesdays 11:00-13:00 UTC
/// (inside everyone's hours in every zone, winter and summer), so those are the only slots that
/// can fit; without it, nothing fits and the search has to explain why.
struct SuggestWorkload {
    static let zones = ["Europe/London", "Africa/Lagos", "Europe/Helsinki", "Africa/Nairobi", "Asia/Dubai"]
    static let eventID = "all-hands"
    static let window = (CivilDate(year: 2027, month: 2, day: 1), CivilDate(year: 2027, month: 4, day: 30))

    let plan: Plan
    let busy: [BusyInterval]
    /// Busy occurrences in all (plan meetings counted once per participant).
    let bookings: Int

    init(required: Int = 300, perPerson: Int = 250, optional: Int = 30, focusTime: Bool = true, seed: UInt64 = 6) {
        var random = SplitMix64(seed: seed)
        var organisations: [Organisation] = []
        for (z, zone) in Self.zones.enumerated() {
            let country = String(zone.split(separator: "/").last!.prefix(2)).uppercased()
            organisations.append(Organisation(id: "national-\(z)", name: "Ministry \(z)", country: country, constituency: .level(.national)))
            organisations.append(Organisation(id: "local-\(z)", name: "City \(z)", country: country, constituency: .level(.local)))
        }
        var people: [Person] = []
        func person(_ id: String, _ n: Int, deputy: String? = nil) -> Person {
            let z = n % Self.zones.count
            return Person(id: id, name: id, email: "\(id)@bench.example", organisationID: (n / Self.zones.count) % 2 == 0 ? "national-\(z)" : "local-\(z)",
                          timeZone: Self.zones[z], deputyID: deputy)
        }
        var invitations: [Invitation] = []
        for n in 0..<required {
            let deputy = n % 6 == 0 ? "d\(n)" : nil
            people.append(person("p\(n)", n, deputy: deputy))
            if let deputy { people.append(person(deputy, n)) }
            invitations.append(Invitation(invitee: .person("p\(n)"), role: .required))
        }
        for n in 0..<optional {
            people.append(person("o\(n)", n))
            invitations.append(Invitation(invitee: .person("o\(n)"), role: .optional))
        }
        let venues = [Venue(id: "bench-call", name: "All-hands call", timeZone: "Europe/London", mode: .virtual)]
            + (0..<40).map { Venue(id: "room-\($0)", name: "Team room \($0)", timeZone: "UTC", mode: .virtual) }

        // Weekdays of 2027, and whether an interval touches the protected focus time.
        let first = CivilDate(year: 2027, month: 1, day: 1)
        let weekdays = (0..<365).map { first.adding(days: $0) }.filter { $0.isoWeekday <= 5 }
        func protected(_ span: TimeSpan) -> Bool {
            guard focusTime else { return false }
            let day = CivilDate(daysSinceEpoch: Int(span.start / 86_400))
            guard day.isoWeekday == 3 else { return false }
            let focus = TimeSpan(start: Int64(day.daysSinceEpoch) * 86_400 + 11 * 3600, end: Int64(day.daysSinceEpoch) * 86_400 + 13 * 3600)
            return span.overlaps(focus)
        }
        let durations = [30, 45, 60, 60, 90, 120]

        // A fifth of everyone's time in shared plan meetings of 10 (UTC 06:00-16:00, in team rooms).
        var events: [Event] = []
        let everyone = people.map(\.id)
        let meetings = everyone.count * perPerson / 5 / 10
        var bookings = 0
        while events.count < meetings {
            let day = weekdays[random.below(weekdays.count)]
            let start = CivilDateTime(date: day, minuteOfDay: 6 * 60 + 15 * random.below(40))
            let minutes = durations[random.below(durations.count)]
            let span = TimeSpan(start: start.secondsAsIfUTC, end: start.secondsAsIfUTC + Int64(minutes) * 60)
            guard !protected(span) else { continue }
            var invited: [Invitation] = []
            var chosen: Set<String> = []
            while chosen.count < 10 { chosen.insert(everyone[random.below(everyone.count)]) }
            for id in chosen.sorted() { invited.append(Invitation(invitee: .person(id), role: .required)) }
            bookings += invited.count
            events.append(Event(id: "meeting-\(events.count)", kind: .workingGroupMeeting, title: "Meeting \(events.count)",
                                timing: .timed(start: start, end: CivilDateTime(secondsAsIfUTC: span.end), timeZone: "UTC"),
                                venueID: "room-\(events.count % 40)", status: .confirmed, invitations: invited))
        }
        // The rest from each person's own calendar, in their working day.
        var busy: [BusyInterval] = []
        for person in people {
            let zone = person.timeZone!
            var made = 0
            while made < perPerson - perPerson / 5 {
                let day = weekdays[random.below(weekdays.count)]
                let minutes = durations[random.below(durations.count)]
                let local = CivilDateTime(date: day, minuteOfDay: 8 * 60 + 15 * random.below(36))
                guard let start = ZoneClock.instant(local, in: zone) else { continue }
                let span = TimeSpan(start: start, end: start + Int64(minutes) * 60)
                guard !protected(span) else { continue }
                busy.append(BusyInterval(personID: person.id, span: span, source: "\(person.id).ics"))
                made += 1
            }
        }
        bookings += busy.count
        events.append(Event(id: Self.eventID, kind: .workingGroupMeeting, title: "All-hands across five time zones",
                            timing: .unscheduled(durationMinutes: 60, earliest: Self.window.0, latest: Self.window.1, timeZone: "Europe/London"),
                            venueID: "bench-call",
                            requirements: Requirements(levels: [.national, .local], minimumPerLevel: [.national: 5, .local: 5]),
                            invitations: invitations))
        plan = Plan(name: "suggest-bench", organizer: Organizer(name: "Bench", email: "bench@bench.example"),
                    organisations: organisations, people: people, venues: venues, events: events)
        self.busy = busy
        self.bookings = bookings
    }
}

/// The workload has no recurring events.
struct NoRecurrence: RecurrenceExpanding {
    func problem(inRule rule: String) -> String? { nil }
    func occurrences(of request: RecurrenceRequest, startingIn window: TimeSpan) throws -> [TimeSpan] { [] }
}
