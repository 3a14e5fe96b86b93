import Foundation
import ConveneCore

/// The content lines of one plan event as a VEVENT (everything but DTSTAMP and SEQUENCE, which
/// depend on the export history), and the fingerprint of what attendees must act on.
struct EventComponent {
    /// Unfolded content lines between BEGIN:VEVENT and END:VEVENT, without DTSTAMP and SEQUENCE.
    var lines: [String]
    /// Hash of time, venue, status and recurrence.
    var fingerprint: String
    var uid: String
    /// Zone and the years its occurrences touch, for the VTIMEZONE.
    var zone: String?
    var years: ClosedRange<Int>

    /// The stable UID of a plan event.
    static func uid(of eventID: String, workspace: String) -> String { "\(eventID)@\(workspace).convene" }

    init(event: Event, index: PlanIndex, replies: ReplyBook, expander: any RecurrenceExpanding,
         prefixes: AttendeePrefixes = AttendeePrefixes()) {
        let plan = index.plan
        uid = Self.uid(of: event.id, workspace: plan.name)
        var lines: [String] = []
        func add(_ name: String, _ parameters: [ICalText.Parameter] = [], raw value: String) {
            lines.append(ICalText.contentLine(name, parameters, raw: value))
        }
        func text(_ name: String, _ value: String) {
            add(name, raw: ICalText.escape(value))
        }
        add("UID", raw: uid)
        var significant = ""
        let zoneID = event.timing.timeZone
        var firstYear = 1970, lastYear = 1970
        switch event.timing {
        case .timed(let start, let end, let zone):
            add("DTSTART", [.init("TZID", zone)], raw: ICalFormat.localDateTime(start))
            add("DTEND", [.init("TZID", zone)], raw: ICalFormat.localDateTime(end))
            significant += "\(start)|\(end)|\(zone)"
            firstYear = start.date.year
            lastYear = end.date.year
        case .allDay(let first, let last, let zone):
            add("DTSTART", [.init("VALUE", "DATE")], raw: ICalFormat.date(first))
            add("DTEND", [.init("VALUE", "DATE")], raw: ICalFormat.date(last.adding(days: 1)))
            significant += "\(first)|\(last)|\(zone)"
            firstYear = first.year
            lastYear = last.year
        case .unscheduled:
            break
        }
        if let recurrence = event.recurrence {
            add("RRULE", raw: recurrence.rule.uppercased().hasPrefix("RRULE:") ? String(recurrence.rule.dropFirst(6)) : recurrence.rule)
            for exception in recurrence.exceptions {
                if case .allDay = event.timing {
                    add("EXDATE", [.init("VALUE", "DATE")], raw: ICalFormat.date(exception.date))
                } else {
                    add("EXDATE", [.init("TZID", zoneID)], raw: ICalFormat.localDateTime(exception))
                }
            }
            significant += "|\(recurrence.rule)|\(recurrence.exceptions)"
            if let request = EventClock.recurrenceRequest(for: event), let first = EventClock.firstStart(of: event),
               let spans = try? expander.occurrences(of: request, startingIn: TimeSpan(start: first, end: first + 20 * 366 * 86_400)),
               let last = spans.last {
                lastYear = max(lastYear, CivilDateTime(secondsAsIfUTC: last.end).date.year)
            }
        }
        zone = event.isScheduled ? zoneID : nil
        years = firstYear...max(firstYear, lastYear)

        text("SUMMARY", event.title)
        let venue = event.venueID.flatMap { index.venues[$0] }
        var description: [String] = []
        if let agenda = event.agenda { description.append(agenda) }
        if let notes = event.notes { description.append(notes) }
        if event.dateIsAssumed && !(event.notes ?? "").lowercased().contains("assum") {
            description.append("The date is assumed: the source gives only the month.")
        }
        if let url = venue?.conferenceURL { description.append("Join online: \(url)") }
        if let seriesID = event.seriesID, let series = index.series[seriesID] { description.append("Series: \(series.title)") }
        if let previousID = event.followsID, let previous = index.events[previousID] { description.append("Follows: \(previous.title)") }
        if !description.isEmpty { text("DESCRIPTION", description.joined(separator: "\n\n")) }
        if let venue {
            let place = [venue.name, venue.address, venue.city, venue.country].compactMap { $0 }
            var unique: [String] = []
            for part in place where !unique.contains(part) { unique.append(part) }
            text("LOCATION", unique.joined(separator: ", "))
            if let lat = venue.latitude, let lon = venue.longitude {
                add("GEO", raw: "\(Self.coordinate(lat));\(Self.coordinate(lon))")
            }
            if venue.mode != .inPerson, let url = venue.conferenceURL {
                add("CONFERENCE", [.init("VALUE", "URI"), .init("FEATURE", "VIDEO"), .init("LABEL", venue.name)], raw: url)
            }
        }
        significant += "|\(event.venueID ?? "")|\(event.status.rawValue)"
        add("CATEGORIES", raw: ([event.kind.rawValue] + event.pillars.map(\.rawValue)).map(ICalText.escape).joined(separator: ","))
        if let previousID = event.followsID {
            add("RELATED-TO", raw: Self.uid(of: previousID, workspace: plan.name))
        }
        switch event.status {
        case .planned: add("STATUS", raw: "TENTATIVE")
        case .confirmed, .held: add("STATUS", raw: "CONFIRMED")
        case .cancelled: add("STATUS", raw: "CANCELLED")
        }
        add("TRANSP", raw: event.isTransparent ? "TRANSPARENT" : "OPAQUE")
        add("ORGANIZER", [.init("CN", plan.organizer.name)], raw: "mailto:" + plan.organizer.email)
        lines += Self.attendees(of: event, index: index, replies: replies, prefixes: prefixes)
        text("X-CONVENE-KIND", event.kind.rawValue)
        if let seriesID = event.seriesID { text("X-CONVENE-SERIES", seriesID) }
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-P1D",
                  ICalText.contentLine("DESCRIPTION", raw: ICalText.escape("Tomorrow: \(event.title)")), "END:VALARM"]
        self.lines = lines
        fingerprint = StableHash.hex(significant)
    }

    /// One ATTENDEE per invited person; stand-ins appear as delegates of the invitee.
    static func attendees(of event: Event, index: PlanIndex, replies: ReplyBook, prefixes: AttendeePrefixes) -> [String] {
        var standIns: [String: String] = [:]
        for invitation in event.invitations {
            if case .person(let id) = invitation.invitee, let standIn = invitation.standInID { standIns[id] = standIn }
        }
        var lines: [String] = []
        var written: Set<String> = []
        for (person, role) in index.invitees(of: event) {
            guard let address = Self.address(of: person), written.insert(person.id).inserted else { continue }
            let prefix = prefixes.prefix(for: person, role: role, index: index)
            if let standInID = standIns[person.id], let standIn = index.people[standInID], let standInAddress = Self.address(of: standIn) {
                lines.append(prefix + ";PARTSTAT=DELEGATED;DELEGATED-TO=" + ICalText.parameterValue(standInAddress) + ":" + address)
                if written.insert(standIn.id).inserted {
                    lines.append(prefixes.prefix(for: standIn, role: role, index: index)
                        + ";PARTSTAT=" + partstat(replies.status(of: standIn.id, at: event.id))
                        + ";DELEGATED-FROM=" + ICalText.parameterValue(address) + ":" + standInAddress)
                }
            } else {
                lines.append(prefix + ";PARTSTAT=" + partstat(replies.status(of: person.id, at: event.id)) + ":" + address)
            }
        }
        return lines
    }

    /// CN, CUTYPE, ROLE, RSVP, the person's level or sector and organisation, and their plan role.
    static func parametersFor(_ person: Person, role: InvitationRole, index: PlanIndex) -> [ICalText.Parameter] {
        var parameters: [ICalText.Parameter] = [.init("CN", person.name), .init("CUTYPE", "INDIVIDUAL"),
                                                .init("ROLE", icalRole(role)), .init("RSVP", "TRUE")]
        switch index.constituency(of: person) {
        case .level(let level)?: parameters.append(.init("X-CONVENE-LEVEL", level.rawValue))
        case .sector(let sector)?: parameters.append(.init("X-CONVENE-SECTOR", sector.rawValue))
        case nil: break
        }
        if let organisation = person.organisationID.flatMap({ index.organisations[$0] }) {
            parameters.append(.init("X-CONVENE-ORGANISATION", organisation.name))
        }
        parameters.append(.init("X-CONVENE-ROLE", role.rawValue))
        return parameters
    }

    /// `mailto:` for email, else `tel:`.
    static func address(of person: Person) -> String? {
        if let email = person.email { return "mailto:" + email }
        if let phone = person.phone { return "tel:" + phone.filter { !$0.isWhitespace } }
        return nil
    }

    static func icalRole(_ role: InvitationRole) -> String {
        switch role {
        case .chair, .coChair: "CHAIR"
        case .host, .speaker, .required: "REQ-PARTICIPANT"
        case .optional: "OPT-PARTICIPANT"
        case .observer: "NON-PARTICIPANT"
        }
    }

    static func partstat(_ status: ReplyStatus?) -> String {
        switch status ?? .needsAction {
        case .needsAction: "NEEDS-ACTION"
        case .accepted: "ACCEPTED"
        case .declined: "DECLINED"
        case .tentative: "TENTATIVE"
        case .delegated: "DELEGATED"
        }
    }

    /// Six decimals, trailing zeros trimmed: stable text for coordinates.
    static func coordinate(_ value: Double) -> String {
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

/// The start of each person's ATTENDEE line (`ATTENDEE;CN=...;X-CONVENE-ROLE=...`) for each role,
/// built once per export: a person invited to many events is written the same way each time.
final class AttendeePrefixes {
    private var cache: [String: String] = [:]

    func prefix(for person: Person, role: InvitationRole, index: PlanIndex) -> String {
        let key = person.id + "|" + role.rawValue
        if let known = cache[key] { return known }
        let made = String(ICalText.contentLine("ATTENDEE", EventComponent.parametersFor(person, role: role, index: index), raw: "").dropLast())
        cache[key] = made
        return made
    }
}
