import Foundation
import ConveneCore

/// The content lines of one plan event as a VEVENT (everything but DTSTAMP and SEQUENCE, which
/// depend on the export history), written once in UTF-8, and the fingerprint of what attendees
/// must act on.
struct EventComponent {
    var uid: String
    /// Hash of time, venue, status and recurrence.
    var fingerprint: String
    /// Hash of every content line (joined by LF), as the ledger records it.
    var contentHash: String
    /// DTSTART, SUMMARY and each attendee's address, for a cancellation once the event is gone.
    var cancellationLines: [String]
    /// Which feeds hold it, when asked for.
    var membership: FeedMembership?

    /// The stable UID of a plan event.
    static func uid(of eventID: String, workspace: String) -> String { "\(eventID)@\(workspace).convene" }

    /// Writes the event's unfolded content lines into `lines` (emptied first), UID first.
    /// - Parameter answering: the SEQUENCE replies must answer to count as PARTSTAT (a reschedule
    ///   raises it: earlier replies go back to NEEDS-ACTION).
    init(event: Event, context: ExportContext, lines: inout ContentLines, attendees: inout AttendeeWriter, membership: Bool = false,
         answering: Int = 0) {
        let index = context.index
        let plan = index.plan
        lines.removeAll()
        uid = Self.uid(of: event.id, workspace: plan.name)
        lines.line("UID", raw: uid)
        var significant = ""
        let zoneID = event.timing.timeZone
        switch event.timing {
        case .timed(let start, let end, let zone):
            lines.line("DTSTART", [.init("TZID", zone)], raw: ICalFormat.localDateTime(start))
            lines.line("DTEND", [.init("TZID", zone)], raw: ICalFormat.localDateTime(end))
            significant += "\(start)|\(end)|\(zone)"
        case .allDay(let first, let last, let zone):
            lines.line("DTSTART", [.init("VALUE", "DATE")], raw: ICalFormat.date(first))
            lines.line("DTEND", [.init("VALUE", "DATE")], raw: ICalFormat.date(last.adding(days: 1)))
            significant += "\(first)|\(last)|\(zone)"
        case .unscheduled:
            break
        }
        var cancellation: [String] = []
        cancellation.reserveCapacity(event.invitations.count + 4)
        if lines.count > 1 { cancellation.append(lines.string(ofLine: 1)) }
        if let recurrence = event.recurrence {
            lines.line("RRULE", raw: recurrence.rule.uppercased().hasPrefix("RRULE:") ? String(recurrence.rule.dropFirst(6)) : recurrence.rule)
            for exception in recurrence.exceptions {
                if case .allDay = event.timing {
                    lines.line("EXDATE", [.init("VALUE", "DATE")], raw: ICalFormat.date(exception.date))
                } else {
                    lines.line("EXDATE", [.init("TZID", zoneID)], raw: ICalFormat.localDateTime(exception))
                }
            }
            significant += "|\(recurrence.rule)|\(recurrence.exceptions)"
        }

        lines.line("SUMMARY", text: event.title)
        cancellation.append(lines.string(ofLine: lines.count - 1))
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
        if !description.isEmpty {
            lines.line("DESCRIPTION", text: description.joined(separator: "\n\n"))
        }
        if let venue, let venueLines = context.venueLines[venue.id] { lines.append(venueLines) }
        significant += "|\(event.venueID ?? "")|\(event.status.rawValue)"
        lines.begin("CATEGORIES")
        lines.append(":")
        for (number, category) in ([event.kind.rawValue] + event.pillars.map(\.rawValue)).enumerated() {
            if number > 0 { lines.append(",") }
            lines.appendEscaped(category)
        }
        lines.endLine()
        if let previousID = event.followsID {
            lines.line("RELATED-TO", raw: Self.uid(of: previousID, workspace: plan.name))
        }
        switch event.status {
        case .planned: lines.line("STATUS", raw: "TENTATIVE")
        case .confirmed, .held: lines.line("STATUS", raw: "CONFIRMED")
        case .cancelled: lines.line("STATUS", raw: "CANCELLED")
        }
        lines.line("TRANSP", raw: event.isTransparent ? "TRANSPARENT" : "OPAQUE")
        lines.line("ORGANIZER", [.init("CN", plan.organizer.name)], raw: "mailto:" + plan.organizer.email)
        self.membership = attendees.write(event, context: context, into: &lines, cancellation: &cancellation, membership: membership,
                                          answering: answering)
        lines.line("X-CONVENE-KIND", text: event.kind.rawValue)
        if let seriesID = event.seriesID { lines.line("X-CONVENE-SERIES", text: seriesID) }
        lines.line("BEGIN", raw: "VALARM")
        lines.line("ACTION", raw: "DISPLAY")
        lines.line("TRIGGER", raw: "-P1D")
        lines.line("DESCRIPTION", text: "Tomorrow: \(event.title)")
        lines.line("END", raw: "VALARM")

        cancellationLines = cancellation
        fingerprint = StableHash.hex(significant)
        contentHash = lines.contentHash
    }

    /// The VEVENT: UID, then DTSTAMP and SEQUENCE, then the other lines, folded.
    static func vevent(_ lines: ContentLines, dtstamp: String, sequence: Int, scratch text: inout ICalText) -> ByteBlock {
        text.removeAll()
        text.begin("VEVENT")
        lines.fold(lines: 0..<1, into: &text)  // UID first
        text.line("DTSTAMP", raw: dtstamp)
        text.line("SEQUENCE", raw: String(sequence))
        lines.fold(lines: 1..<lines.count, into: &text)
        text.end("VEVENT")
        return ByteBlock(text.bytes)
    }

    /// LOCATION, GEO and CONFERENCE of a venue, the same for each of its events.
    static func lines(of venue: Venue) -> ContentLines {
        var lines = ContentLines()
        let place = [venue.name, venue.address, venue.city, venue.country].compactMap { $0 }
        var unique: [String] = []
        for part in place where !unique.contains(part) { unique.append(part) }
        lines.line("LOCATION", text: unique.joined(separator: ", "))
        if let lat = venue.latitude, let lon = venue.longitude {
            lines.line("GEO", raw: "\(coordinate(lat));\(coordinate(lon))")
        }
        if venue.mode != .inPerson, let url = venue.conferenceURL {
            lines.line("CONFERENCE", [.init("VALUE", "URI"), .init("FEATURE", "VIDEO"), .init("LABEL", venue.name)], raw: url)
        }
        return lines
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

/// The zone an event's times are written in (nil for all-day events, whose DATE values need no
/// VTIMEZONE) and the years its occurrences touch: what its VTIMEZONE must cover.
struct EventSpan: Sendable {
    var zone: String?
    var years: ClosedRange<Int>

    init(of event: Event, expander: any RecurrenceExpanding) {
        var firstYear = 1970, lastYear = 1970
        zone = nil
        switch event.timing {
        case .timed(let start, let end, let zone):
            firstYear = start.date.year
            lastYear = end.date.year
            self.zone = zone
        case .allDay(let first, let last, _):
            firstYear = first.year
            lastYear = last.year
        case .unscheduled:
            break
        }
        if event.recurrence != nil, let request = EventClock.recurrenceRequest(for: event), let first = EventClock.firstStart(of: event) {
            let window = TimeSpan(start: first, end: first + 20 * 366 * 86_400)
            if let year = Self.lastYearWithoutExpanding(request, within: window) {
                lastYear = max(lastYear, year)
            } else if let spans = try? expander.occurrences(of: request, startingIn: window), let last = spans.last {
                lastYear = max(lastYear, CivilDateTime(secondsAsIfUTC: last.end).date.year)
            }
        }
        years = firstYear...max(firstYear, lastYear)
    }

    /// The UTC year of a simple timed series' last start (see ``SimpleRecurrence``), when it
    /// starts inside `window`; nil when libical must expand the series.
    static func lastYearWithoutExpanding(_ request: RecurrenceRequest, within window: TimeSpan) -> Int? {
        guard !request.isAllDay,
              let last = SimpleRecurrence.lastStart(rule: request.rule, start: request.start, exceptions: request.exceptions),
              let instant = ZoneClock.instant(last, in: request.timeZone), instant < window.end else { return nil }
        return CivilDateTime(secondsAsIfUTC: instant).date.year
    }
}
