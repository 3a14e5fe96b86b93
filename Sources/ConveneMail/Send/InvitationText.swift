import ConveneCore

/// The subject and plain-text body a person reads: what, when (in the venue's zone and in
/// UTC), where, and who else is invited, by government level and sector.
enum InvitationText {
    static func subject(_ due: DueInvitation, index: PlanIndex) -> String {
        let lead = due.method == "CANCEL" ? "Cancelled" : due.sequence > 0 ? "Updated invitation" : "Invitation"
        var subject = "\(lead): \(title(due))"
        if let when = shortDate(due) { subject += ", \(when)" }
        if let city = due.event.flatMap({ venue($0, index) })?.city, !subject.contains(city) { subject += ", \(city)" }
        return subject
    }

    static func body(_ due: DueInvitation, organizer: MailAddress, index: PlanIndex) -> String {
        var lines: [String] = []
        let name = organizer.name ?? organizer.email
        switch (due.method, due.sequence) {
        case ("CANCEL", _): lines.append("\(name) has cancelled:")
        case (_, 0): lines.append("\(name) invites you to:")
        default: lines.append("\(name) has changed this invitation (update \(due.sequence)); please check the details:")
        }
        lines.append("")
        lines.append("  " + title(due))
        if let event = due.event { lines.append("  (\(event.kind.label))") }
        lines.append("")
        lines += when(due).enumerated().map { ($0.offset == 0 ? "When:   " : "        ") + $0.element }
        if let event = due.event, let venue = venue(event, index) {
            let place = [venue.name, venue.address, venue.city, venue.country].compactMap { $0 }.filter { !$0.isEmpty }
            lines.append("Where:  " + place.joined(separator: ", ") + (venue.mode == .inPerson ? "" : " (\(venue.mode.rawValue))"))
            if let url = venue.conferenceURL { lines.append("Online: " + url) }
        }
        if let agenda = due.event?.agenda, !agenda.isEmpty {
            lines.append("")
            lines.append("Agenda:")
            lines += agenda.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        lines.append("")
        lines += invited(due, index: index)
        lines.append("")
        if due.method == "CANCEL" {
            lines.append("Your calendar removes the event when you open the attached invite.ics.")
        } else {
            lines.append("To reply, use your calendar's Accept, Tentative or Decline buttons, or open the")
            lines.append("attached invite.ics. Replies come back to \(organizer.email).")
        }
        lines.append("")
        lines.append("-- ")
        lines.append("\(name) <\(organizer.email)>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func title(_ due: DueInvitation) -> String {
        due.event?.title ?? due.exported.summary ?? due.eventID
    }

    private static func venue(_ event: Event, _ index: PlanIndex) -> Venue? { event.venueID.flatMap { index.venues[$0] } }

    /// `Tue 15 Oct 2024`, in the event's zone.
    private static func shortDate(_ due: DueInvitation) -> String? {
        guard let start = due.exported.start else { return nil }
        let wall = due.exported.isAllDay ? CivilDateTime(secondsAsIfUTC: start)
            : ZoneClock.wallTime(at: start, in: due.timeZone ?? "UTC") ?? CivilDateTime(secondsAsIfUTC: start)
        return "\(weekday(wall.date)) \(wall.date.day) \(month(wall.date)) \(wall.date.year)"
    }

    /// The time in the venue's zone, then in UTC; whole days for an all-day event.
    private static func when(_ due: DueInvitation) -> [String] {
        guard let start = due.exported.start else { return ["(no time in the invitation)"] }
        let end = start + due.exported.duration
        var lines: [String] = []
        if due.exported.isAllDay {
            let first = CivilDateTime(secondsAsIfUTC: start).date
            let last = CivilDateTime(secondsAsIfUTC: max(start, end - 86_400)).date
            let days = first == last ? long(first) : "\(long(first)) to \(long(last))"
            lines.append("\(days), all day" + (due.timeZone.map { " (\($0))" } ?? ""))
        } else {
            let zone = due.timeZone ?? "UTC"
            if let from = ZoneClock.wallTime(at: start, in: zone), let to = ZoneClock.wallTime(at: end, in: zone),
               let offset = ZoneClock.offset(at: start, in: zone) {
                lines.append("\(long(from.date)), \(from.clock) to \(to.date == from.date ? "" : long(to.date) + ", ")\(to.clock) \(zone) (UTC\(ZoneClock.formatOffset(offset)))")
            }
            let from = CivilDateTime(secondsAsIfUTC: start), to = CivilDateTime(secondsAsIfUTC: end)
            lines.append("\(from.date) \(from.clock) to \(to.date == from.date ? "" : "\(to.date) ")\(to.clock) UTC")
        }
        if let rule = due.event?.recurrence?.rule { lines.append("repeating: \(rule)") }
        return lines
    }

    /// Everyone invited, grouped by government level, then sector.
    private static func invited(_ due: DueInvitation, index: PlanIndex) -> [String] {
        var people: [String: Person] = [:]
        for person in index.plan.people {
            if let email = person.email { people[email.lowercased()] = person }
        }
        var groups: [Constituency?: [String]] = [:]
        for attendee in due.attendees {
            let person = people[attendee.email.lowercased()]
            var label = person?.name ?? attendee.name ?? attendee.email
            if let organisation = person?.organisationID.flatMap({ index.organisations[$0] }) { label += " (\(organisation.name))" }
            groups[person.flatMap(index.constituency(of:)), default: []].append(label)
        }
        var lines = ["Invited (\(due.attendees.count)):"]
        let order = groups.keys.sorted { a, b in
            switch (a, b) {
            case let (a?, b?): a < b
            case (_?, nil): true
            default: false
            }
        }
        for key in order {
            let names = groups[key] ?? []
            let heading: String
            switch key {
            case .level(let level)?: heading = level.rawValue.capitalized + " government"
            case .sector(let sector)?:
                let words = sector.rawValue.replacingOccurrences(of: "-", with: " ")
                heading = words.prefix(1).uppercased() + words.dropFirst()
            case nil: heading = "Others"
            }
            lines.append("  \(heading) (\(names.count)):")
            lines += names.map { "    - " + $0 }
        }
        return lines
    }

    private static func weekday(_ date: CivilDate) -> String {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][(date.isoWeekday + 6) % 7]
    }

    private static func month(_ date: CivilDate) -> String {
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][date.month - 1]
    }

    /// `Tuesday 15 October 2024`.
    private static func long(_ date: CivilDate) -> String {
        let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(days[(date.isoWeekday + 6) % 7]) \(date.day) \(months[date.month - 1]) \(date.year)"
    }
}
