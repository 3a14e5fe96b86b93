/// The iCalendar objects a message carries (RFC 6047 §2.4): every `text/calendar` part at any
/// depth, and attachments that are calendars under another type (`application/ics`, or any
/// type with a `.ics` file name, as Gmail and some webmails send them). Transfer encoding and
/// charset are undone; a calendar sent twice in one message (inline and as invite.ics) counts once.
public enum CalendarParts {
    public struct Part: Sendable, Hashable {
        /// 1-based position among the message's content parts.
        public var number: Int
        public var text: String
    }

    public static func find(in message: MIMEEntity) -> [Part] {
        var found: [Part] = []
        var seen: Set<String> = []
        for (offset, part) in message.leaves().enumerated() {
            let type = part.contentType.value
            let named = part.fileName?.lowercased().hasSuffix(".ics") ?? false
            guard type == "text/calendar" || type == "application/ics" || type == "text/x-vcalendar" || named else { continue }
            let text = part.text
            // Same calendar, different line breaks or trailing space: one calendar.
            let key = text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            guard key.hasPrefix("BEGIN:VCALENDAR") || key.hasPrefix("BEGIN:VEVENT"), seen.insert(key).inserted else { continue }
            found.append(Part(number: offset + 1, text: text))
        }
        return found
    }
}
