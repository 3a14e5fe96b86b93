import ConveneCore

/// What an iTIP message (RFC 5546) carried in an email says, read by libical: its METHOD and, for
/// each VEVENT, the UID, SEQUENCE, first occurrence and attendees' answers. Mail code uses it to
/// tell a REPLY from a COUNTER or an invitation before recording anything, and to check that an
/// exported invitation is the one the ledger describes.
public struct ITIPCalendar: Sendable, Hashable {
    /// One VEVENT of the message.
    public struct Event: Sendable, Hashable {
        public var uid: String?
        public var summary: String?
        public var sequence: Int
        public var isCancelled: Bool
        /// DTSTART as a UTC instant (DATE values read as UTC midnight); nil without a usable DTSTART.
        public var start: UnixSeconds?
        /// DTSTART is a DATE.
        public var isAllDay: Bool
        /// Seconds from DTSTART to DTEND (or DURATION).
        public var duration: Int64
        /// Each ATTENDEE: calendar address, PARTSTAT (upper case, nil when absent), DELEGATED-TO.
        public var attendees: [Attendee]
    }

    /// One ATTENDEE line.
    public struct Attendee: Sendable, Hashable {
        /// As written, e.g. `mailto:regina@nansana.example`.
        public var address: String
        public var participation: String?
        public var delegatedTo: [String]

        /// The address without its `mailto:` scheme.
        public var email: String? {
            address.lowercased().hasPrefix("mailto:") ? String(address.dropFirst("mailto:".count)) : nil
        }
    }

    /// METHOD in upper case (`REQUEST`, `REPLY`, `COUNTER`, `CANCEL`...); nil when absent.
    public var method: String?
    public var events: [Event]

    /// Reads iCalendar text; nil when libical finds no calendar in it at all.
    public static func read(_ text: String) -> ITIPCalendar? {
        guard let tree = ICalTree.parse(text) else { return nil }
        let events = tree.events().map { event in
            let timing = event.timing()
            return Event(uid: event.uid, summary: event.summary, sequence: event.sequence, isCancelled: event.isCancelled,
                         start: timing?.start, isAllDay: timing?.isAllDay ?? false, duration: timing?.duration ?? 0,
                         attendees: event.attendeeReplies().map {
                             Attendee(address: $0.address, participation: $0.participation, delegatedTo: $0.delegatedTo)
                         })
        }
        return ITIPCalendar(method: tree.method, events: events)
    }
}
