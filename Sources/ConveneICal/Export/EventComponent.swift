import Foundation
import ConveneCore

/// One plan event as a VEVENT: what goes in it, decided here, built and written by libical
/// (`BuiltComponent`), with the fingerprint of what attendees must act on and the hash of the
/// whole text but DTSTAMP and SEQUENCE (which depend on the export history).
struct EventComponent {
    var uid: String
    /// Hash of time, venue, status and recurrence.
    var fingerprint: String
    /// Hash of the VEVENT's text without its DTSTAMP and SEQUENCE lines, as the ledger records it.
    var contentHash: String
    /// DTSTART, SUMMARY and each attendee's address (unfolded lines as libical writes them), for
    /// a cancellation once the event is gone: joined by line feeds, as the ledger keeps them
    /// (`ExportLedger.Entry.cancellationText`).
    var cancellationText: String
    /// Which feeds hold it, when asked for.
    var membership: FeedMembership?
    /// The VEVENT's text, with the DTSTAMP and SEQUENCE given to `init`: the block its files are
    /// written from.
    private(set) var text: ByteBlock
    /// The event's own properties; those it shares with other events are in `inserts`.
    private let component: BuiltComponent
    /// libical's text of the properties the event shares with others (made once per worker,
    /// `PropertyTexts`) and of its ATTENDEEs, with where they go among the component's own. The
    /// first two are its DTSTAMP and SEQUENCE.
    private var inserts: [(beforeProperty: Int, bytes: [UInt8])]
    /// libical's text of its VALARM (a component of its own, its ACTION and TRIGGER shared too).
    private let alarm: [UInt8]

    /// A property of the event: its own (built into its libical component), or one that many
    /// events hold, whose libical text is made once and reused; and where the ATTENDEEs go.
    private enum Part {
        case own(BuiltProperty)
        case shared(BuiltProperty)
        /// libical's text of shared properties, already made.
        case texts([UInt8])
        case attendees
    }

    /// The stable UID of a plan event.
    static func uid(of eventID: String, workspace: String) -> String { "\(eventID)@\(workspace).convene" }

    /// Builds the event with `dtstamp` and `sequence` (what the ledger says, if it knows the event).
    /// - Parameter scratch: the worker's ATTENDEE lines and shared property texts.
    /// - Parameter answering: the SEQUENCE replies must answer to count as PARTSTAT (a reschedule
    ///   raises it: earlier replies go back to NEEDS-ACTION).
    /// - Parameter hashing: false leaves `contentHash` empty, for ``hashContent(of:)`` to work out
    ///   with those of other events.
    init(event: Event, context: ExportContext, dtstamp: String, sequence: Int, scratch: inout EventWriterScratch,
         membership: Bool = false, answering: Int = 0, hashing: Bool = true) throws {
        // The plan's tables read through the context, not copied out of it (a copy of the plan
        // or its index retains every table, from two cores at once).
        let workspace = context.index.plan.name
        uid = Self.uid(of: event.id, workspace: workspace)
        // DTSTAMP and SEQUENCE first among the shared ones: `restamp` replaces them.
        var parts: [Part] = [.own(.uid(uid)), .shared(.dtstamp(dtstamp)), .shared(.sequence(sequence))]
        parts.reserveCapacity(24)
        var significant = ""
        let zoneID = event.timing.timeZone
        var cancellation: [UInt8] = []
        cancellation.reserveCapacity(event.invitations.count * 48)
        var start: BuiltProperty?
        switch event.timing {
        case .timed(let first, let end, let zone):
            start = .start(.zoned(first, zone: zone))
            parts += [.own(start!), .own(.end(.zoned(end, zone: zone)))]
            significant += "\(first)|\(end)|\(zone)"
        case .allDay(let first, let last, let zone):
            start = .start(.date(first))
            parts += [.own(start!), .own(.end(.date(last.adding(days: 1))))]
            significant += "\(first)|\(last)|\(zone)"
        case .unscheduled:
            break
        }
        if let recurrence = event.recurrence {
            parts.append(.own(.rule(recurrence.rule.uppercased().hasPrefix("RRULE:") ? String(recurrence.rule.dropFirst(6)) : recurrence.rule)))
            for exception in recurrence.exceptions {
                if case .allDay = event.timing {
                    parts.append(.own(.exception(.date(exception.date))))
                } else {
                    parts.append(.own(.exception(.zoned(exception, zone: zoneID))))
                }
            }
            significant += "|\(recurrence.rule)|\(recurrence.exceptions)"
        }
        parts.append(.own(.summary(event.title)))
        let venue = event.venueID.flatMap { context.index.venues[$0] }
        var description: [String] = []
        if let agenda = event.agenda { description.append(agenda) }
        if let notes = event.notes { description.append(notes) }
        if event.dateIsAssumed && !(event.notes ?? "").lowercased().contains("assum") {
            description.append("The date is assumed: the source gives only the month.")
        }
        if let url = venue?.conferenceURL { description.append("Join online: \(url)") }
        if let seriesID = event.seriesID, let title = context.index.series[seriesID]?.title { description.append("Series: \(title)") }
        if let previousID = event.followsID, let title = context.index.events[previousID]?.title { description.append("Follows: \(title)") }
        if !description.isEmpty { parts.append(.own(.description(description.joined(separator: "\n\n")))) }
        if let venue, let venueID = event.venueID { parts.append(.texts(try scratch.venueTexts(venueID, venue))) }
        significant += "|\(event.venueID ?? "")|\(event.status.rawValue)"
        parts.append(.shared(.categories([event.kind.rawValue] + event.pillars.map(\.rawValue))))
        if let previousID = event.followsID {
            parts.append(.own(.relatedTo(Self.uid(of: previousID, workspace: workspace))))
        }
        switch event.status {
        case .planned: parts.append(.shared(.status(.tentative)))
        case .confirmed, .held: parts.append(.shared(.status(.confirmed)))
        case .cancelled: parts.append(.shared(.status(.cancelled)))
        }
        parts.append(.shared(.transparent(event.isTransparent)))
        parts += [.shared(context.organizer), .attendees]
        // X-CONVENE-KIND and -SERIES hold plan ids and kinds: never a comma or semicolon.
        parts.append(.shared(.extensionText(name: "X-CONVENE-KIND", value: event.kind.rawValue)))
        if let seriesID = event.seriesID { parts.append(.shared(.extensionText(name: "X-CONVENE-SERIES", value: seriesID))) }

        var attendeeLines: [UInt8] = []
        attendeeLines.reserveCapacity(event.invitations.count * 240)
        self.membership = scratch.attendees.write(event, context: context, into: &attendeeLines, cancellation: &cancellation,
                                                  membership: membership, answering: answering)
        let component = BuiltComponent(.event)
        var inserts: [(beforeProperty: Int, bytes: [UInt8])] = []
        for part in parts {
            switch part {
            case .own(let property):
                try component.add(property)
            case .shared(let property) where PropertyTexts.canShare(property):
                inserts.append((component.propertyCount, try scratch.properties.text(of: property)))
            case .shared(let property):
                try component.add(property)
            case .texts(let bytes):
                inserts.append((component.propertyCount, bytes))
            case .attendees:
                if !attendeeLines.isEmpty { inserts.append((component.propertyCount, attendeeLines)) }
            }
        }
        // The VALARM as libical writes it: its BEGIN line, ACTION and TRIGGER (shared), its own
        // DESCRIPTION, its END line.
        self.alarm = Self.alarmFrame.head + (try scratch.properties.text(of: .displayAction))
            + (try scratch.properties.text(of: .trigger("-P1D")))
            + (try BuiltComponent.text(of: .description("Tomorrow: \(event.title)"))) + Self.alarmFrame.tail
        self.component = component
        self.inserts = inserts
        text = component.serializedBlock(inserting: inserts, children: self.alarm)
        // DTSTART and SUMMARY as libical wrote them in the event, then the attendees' addresses.
        var leading: [String] = []
        if let start {
            leading.append(try unfoldedLine(named: "DTSTART", in: text) ?? unfoldedLine(start))
        }
        leading.append(try unfoldedLine(named: "SUMMARY", in: text) ?? unfoldedLine(.summary(event.title)))
        cancellationText = ExportLedger.Entry.text(of: leading, followedBy: cancellation)
        fingerprint = StableHash.hex(significant)
        contentHash = hashing ? Self.hashWithoutStamp(text) : ""
    }

    /// Gives the event another DTSTAMP and SEQUENCE; its text is put together again.
    mutating func restamp(_ dtstamp: String, sequence: Int, texts: inout PropertyTexts) throws {
        inserts[0].bytes = try texts.text(of: .dtstamp(dtstamp))
        inserts[1].bytes = try texts.text(of: .sequence(sequence))
        text = component.serializedBlock(inserting: inserts, children: alarm)
    }

    /// The hash of an event's text leaving out its DTSTAMP and SEQUENCE lines (the first of each,
    /// which come right after the UID).
    static func hashWithoutStamp(_ text: ByteBlock) -> String {
        withExtendedLifetime(text) { StableHash.hex(joining: piecesWithoutStamp(text.bytes.assumingMemoryBound(to: UInt8.self))) }
    }

    /// Sets the `contentHash` of each component (`hashWithoutStamp` of its text), all at once,
    /// side by side (``StableHash/hexes(joining:)``).
    static func hashContent(of components: inout [EventComponent]) {
        let texts = components.map(\.text)
        let pieces = texts.map { piecesWithoutStamp($0.bytes.assumingMemoryBound(to: UInt8.self)) }
        let hashes = withExtendedLifetime(texts) { StableHash.hexes(joining: pieces) }
        for index in components.indices { components[index].contentHash = hashes[index] }
    }

    /// The text before its DTSTAMP line and after its SEQUENCE line; the whole text when it lacks them.
    private static func piecesWithoutStamp(_ bytes: UnsafeBufferPointer<UInt8>) -> [UnsafeBufferPointer<UInt8>] {
        let stamp = Array("\r\nDTSTAMP:".utf8), sequence = Array("\r\nSEQUENCE:".utf8)
        guard let from = ByteSearch.find(stamp, in: bytes, from: 0), let at = ByteSearch.find(sequence, in: bytes, from: from),
              let end = ByteSearch.find([0x0D, 0x0A], in: bytes, from: at + 2) else { return [bytes] }
        return [UnsafeBufferPointer(rebasing: bytes[..<from]), UnsafeBufferPointer(rebasing: bytes[end...])]
    }

    /// libical's text of an empty VALARM, cut before its END line.
    private static let alarmFrame = BuiltComponent(.alarm).frame()

    /// LOCATION, GEO and CONFERENCE of a venue.
    static func properties(of venue: Venue) -> [BuiltProperty] {
        let place = [venue.name, venue.address, venue.city, venue.country].compactMap { $0 }
        var unique: [String] = []
        for part in place where !unique.contains(part) { unique.append(part) }
        var properties: [BuiltProperty] = [.location(unique.joined(separator: ", "))]
        if let lat = venue.latitude, let lon = venue.longitude { properties.append(.geo(latitude: lat, longitude: lon)) }
        if venue.mode != .inPerson, let url = venue.conferenceURL {
            properties.append(.videoConference(uri: url, label: venue.name))
        }
        return properties
    }

    /// `mailto:` for email, else `tel:`.
    static func address(of person: Person) -> String? {
        if let email = person.email { return "mailto:" + email }
        if let phone = person.phone { return "tel:" + phone.filter { !$0.isWhitespace } }
        return nil
    }

    static func icalRole(_ role: InvitationRole) -> BuiltAttendee.Role {
        switch role {
        case .chair, .coChair: .chair
        case .host, .speaker, .required: .required
        case .optional: .optional
        case .observer: .nonParticipant
        }
    }

    static func participation(_ status: ReplyStatus?) -> BuiltAttendee.Participation {
        switch status ?? .needsAction {
        case .needsAction: .needsAction
        case .accepted: .accepted
        case .declined: .declined
        case .tentative: .tentative
        case .delegated: .delegated
        }
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
        // All-day events are written as dates: no VTIMEZONE, so no years to know.
        if zone != nil, event.recurrence != nil, let request = EventClock.recurrenceRequest(for: event),
           let first = EventClock.firstStart(of: event) {
            switch Self.lastYear(request, after: lastYear) {
            case .known(let year):
                lastYear = max(lastYear, year)
            case .expand:
                // The years the series reaches, up to twenty: libical expands it (floating, so on
                // any thread), and the VTIMEZONE's yearly rule covers whatever lies beyond.
                let window = TimeSpan(start: first, end: first + 20 * 366 * 86_400)
                if let spans = try? expander.occurrences(of: request, startingIn: window), let last = spans.last {
                    lastYear = max(lastYear, CivilDateTime(secondsAsIfUTC: last.end).date.year)
                }
            }
        }
        years = firstYear...max(firstYear, lastYear)
    }

    /// The UTC year a series' last occurrence ends in, told from its rule's text, or not.
    enum LastYear: Equatable { case known(Int), expand }

    /// What the rule's text tells of the UTC year the series' last occurrence ends in (the year
    /// the expansion above reads): that year, when ``OccurrenceEstimate/latestStart(rule:from:)``
    /// is the last start (``OccurrenceEstimate/startBound(rule:from:)``: a COUNT, no UNTIL, no
    /// BY-part) and no exception can take it away; else
    /// `year` itself when the bound (a day added: more than any zone's offset) ends within it;
    /// else nothing, and the series is expanded. Expanding a series costs libical an ICU
    /// calendar; most series of a plan are counted weekly or monthly meetings.
    static func lastYear(_ request: RecurrenceRequest, after year: Int) -> LastYear {
        guard let (latest, isLastStart) = OccurrenceEstimate.startBound(rule: request.rule, from: request.start),
              latest < 2 * 366 * 86_400, (0..<366 * 86_400).contains(request.durationSeconds) else { return .expand }
        let wallEnd = request.start.secondsAsIfUTC + latest + request.durationSeconds
        if request.exceptions.isEmpty, isLastStart,
           let end = ZoneClock.instant(CivilDateTime(secondsAsIfUTC: wallEnd), in: request.timeZone) {
            return .known(CivilDateTime(secondsAsIfUTC: end).date.year)
        }
        return CivilDateTime(secondsAsIfUTC: wallEnd + 86_400).date.year <= year ? .known(year) : .expand
    }
}
