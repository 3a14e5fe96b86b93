import ConveneCore

/// The rules of the one path from a calendar file to occurrences (`CalendarReader`,
/// `SeriesAssembly`), used by `convene conflicts`, `convene import --busy-for` and the reading of
/// replies. Each quirk real calendars carry, and the choice made, with its RFC 5545 section
/// (docs/calendar-quirks.md says the same for users):
///
/// - UNTIL is inclusive (§3.3.10): `UNTIL=<DATE>` on an all-day series keeps its last day; on a
///   DATE-TIME series (Outlook) it keeps the whole of its last day (23:59:59 in the series' zone).
/// - RECURRENCE-ID (§3.8.4.4) is matched in its series' terms: against an all-day series, a
///   DATE-TIME (Exchange writes local midnight, `TZID=...:20250310T000000`) matches the
///   occurrence on its wall-clock day; a UTC value the day it falls on, rounded to the nearest
///   midnight (in the calendar's zone when it has one).
/// - `RANGE=THISANDFUTURE` moves that occurrence and every later one by the override's shift and
///   gives them its length. An override is one instance: an RRULE repeated inside it is left out;
///   an RDATE in it adds instances (it names dates explicitly).
/// - Several components with one UID and the same (or no) RECURRENCE-ID are revisions of one
///   event (§3.8.7.4, §3.8.4.7): the one with the highest SEQUENCE, then the latest DTSTAMP,
///   then the last in the file, stands; the others are dropped.
/// - STATUS:CANCELLED (§3.8.1.11): a cancelled event or override gives no occurrence (an
///   override still removes the occurrence it replaces).
/// - TRANSP (§3.8.2.7) is each component's own (default OPAQUE): a free series with an opaque
///   override is busy at that one instance. `conflicts` counts free events too (they name
///   attendees); busy import keeps only opaque occurrences.
/// - A TZID without a VTIMEZONE (§3.2.19) is resolved the same on DTSTART, DTEND, RDATE, EXDATE
///   and RECURRENCE-ID: the system tz database's zone of that name, else the IANA zone a Windows or
///   vendor-prefixed name stands for (`TimeZoneNames`); any other TZID refuses the file at its line.
/// - A DTEND, RDATE or EXDATE written floating beside a zoned DTSTART is read in DTSTART's zone.
/// - A repeated local hour (clocks going back) is its first instant, also in zones with negative
///   daylight saving (Europe/Dublin, Africa/Casablanca); an hour skipped by clocks going forward
///   takes the offset before the gap (§3.3.5).
/// - Floating times and DATEs (§3.3.4, §3.3.5) are read in the calendar's X-WR-TIMEZONE when it
///   names a known zone, else in the reader's zone (`conflicts`: UTC; busy import: the person's).
/// - A property with a valid name we do not know (RFC 9253 LINK, Confluence's SUBCALENDAR-ID and
///   EVENT-ID, other iana-tokens, §3.8.8.1) is ignored without a word.
/// - A VEVENT without DTSTART (§3.6.1): allowed when the calendar has METHOD; it gives no
///   occurrence and a warning. Without METHOD the file is refused at the event.
/// - Two DTSTARTs (§3.6.1) make the start unknowable: the file is refused at the second. A DTEND
///   before DTSTART (§3.8.2.2) is warned about at its line and read as if absent.
/// - A VCALENDAR nested in another is read as a calendar of its own, with the outer calendar's
///   VTIMEZONEs; nesting inside an event is refused at its line.
/// - Faults that do not touch time or attendees (an empty `CLASS:`, a malformed alarm TRIGGER,
///   text after END:VCALENDAR, a bad calendar-level property) are warned about at their line and
///   reading goes on, as libical drops the bad property. A fault in DTSTART, DTEND, DURATION,
///   RRULE, RDATE, EXDATE, EXRULE, RECURRENCE-ID or ATTENDEE, or in a VTIMEZONE, refuses the file.
/// - Bounds: an occurrence counts when it starts in the window; one event gives at most
///   `ICalEvent.occurrenceLimit` occurrences.
enum OccurrenceRules {
    /// What a libical `X-LIC-ERROR` note does to the file.
    enum Verdict: Sendable, Hashable {
        /// Not a fault (an empty text value, an unknown property with a valid name).
        case ignore
        /// Warn at the line and read on without it.
        case warn
        /// The event's time or attendees are unknowable: keep the file out.
        case refuse
    }

    /// Properties whose loss would change when an event happens or who attends it.
    static let timeAndAttendees: Set<String> = ["DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE",
                                                "EXRULE", "RECURRENCE-ID", "ATTENDEE"]

    /// Components whose faults make times unknowable (a time zone's rules).
    static let zoneComponents: Set<String> = ["VTIMEZONE", "STANDARD", "DAYLIGHT"]

    static func verdict(for note: LibicalErrorNote, property: String?) -> Verdict {
        if BrokenLine.isHarmless(note) { return .ignore }
        if let name = BrokenLine.unknownPropertyName(note), isIANAToken(name), !name.hasPrefix("X-") { return .ignore }
        if zoneComponents.contains(note.component) { return .refuse }
        if note.eventIndex != nil, note.component == "VEVENT" {
            guard let property else { return .refuse }
            return timeAndAttendees.contains(property) ? .refuse : .warn
        }
        return .warn
    }

    /// RFC 5545 `iana-token`: letters, digits and `-`.
    static func isIANAToken(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }
}
