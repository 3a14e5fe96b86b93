/// Warns when a virtual or hybrid event falls outside a remote participant's working hours in
/// their own time zone (a 09:00 call in Toronto is 16:00 in Kampala and 01:30 in Manila). In-person
/// events are not checked: travellers adopt the venue's day. People without declared hours get the
/// plan's default working hours.
public struct WorkingHoursRule: Rule {
    public let id = "outside-working-hours"
    public let summary = "a virtual or hybrid event falls outside a remote participant's working hours"

    public init() {}

    public func check(_ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        for event in context.plan.events where event.status != .cancelled {
            guard let venue = event.venueID.flatMap({ context.index.venues[$0] }), venue.mode != .inPerson else { continue }
            if case .allDay = event.timing { continue }
            let occurrences = context.occurrencesByEvent[event.id] ?? []
            for participant in context.participants[event.id] ?? [] {
                guard let person = context.index.people[participant.personID], let zone = person.timeZone else { continue }
                if venue.mode == .hybrid && zone == venue.timeZone { continue }  // likely in the room
                let hours = person.workingHours ?? context.plan.settings.defaultWorkingHours
                let outside = occurrences.filter { !Self.fits($0.span, hours, zone) }
                guard let first = outside.first, let start = ZoneClock.wallTime(at: first.span.start, in: zone),
                      let end = ZoneClock.wallTime(at: first.span.end, in: zone) else { continue }
                let more = outside.count > 1 ? " (\(outside.count) of \(occurrences.count) occurrences)" : ""
                findings.append(Finding(
                    rule: id, severity: .warning, subjects: [.event(event.id), .person(person.id)],
                    message: "'\(event.title)' runs \(start.date) \(start.clock)-\(end.clock) in \(zone) for \(person.name), outside their hours \(Self.describe(hours))\(more)",
                    hint: "move the event into hours that suit every time zone (try `convene suggest`), or confirm they accept",
                    location: context.location(.event(event.id))))
            }
        }
        return findings
    }

    /// Whether the span lies within one working day in the zone.
    static func fits(_ span: TimeSpan, _ hours: WorkingHours, _ zone: String) -> Bool {
        guard let start = ZoneClock.wallTime(at: span.start, in: zone),
              let end = ZoneClock.wallTime(at: span.end, in: zone) else { return true }
        let endMinute = end.date == start.date ? end.minuteOfDay : (end.date == start.date.adding(days: 1) && end.minuteOfDay == 0 ? 1440 : Int.max)
        return hours.weekdays.contains(start.date.isoWeekday) && start.minuteOfDay >= hours.startMinute && endMinute <= hours.endMinute
    }

    static func describe(_ hours: WorkingHours) -> String {
        func clock(_ m: Int) -> String { "\(m / 60 < 10 ? "0" : "")\(m / 60):\(m % 60 < 10 ? "0" : "")\(m % 60)" }
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let listed = hours.weekdays.sorted().map { days[$0 - 1] }
        return "\(clock(hours.startMinute))-\(clock(hours.endMinute)) \(hours.weekdays == [1, 2, 3, 4, 5] ? "Mon-Fri" : listed.joined(separator: ","))"
    }
}
