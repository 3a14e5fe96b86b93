/// Turns libical's `X-LIC-ERROR` notes into errors a person can act on.
enum BrokenLine {
    /// Text properties whose value may be empty (RFC 5545 `text` is `*(...)`): libical 3.0.16
    /// reports `No value for LOCATION property` for the empty `LOCATION:` and `DESCRIPTION:` lines
    /// that Google Calendar and Outlook write, which are not errors.
    static let mayBeEmpty: Set<String> = ["SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT",
                                          "CATEGORIES", "RESOURCES", "TZNAME", "RELATED-TO"]

    /// Whether libical's note is about something that is not wrong: an empty text value (libical
    /// names every X- property `X`).
    static func isHarmless(_ note: LibicalErrorNote) -> Bool {
        guard note.text.hasPrefix("No value for "), let name = SegmentLines.propertyNamed(in: note.text) else {
            return false
        }
        return mayBeEmpty.contains(name) || name == "X" || name.hasPrefix("X-")
    }

    static func error(_ note: LibicalErrorNote, file: String, line: Int, column: Int?, uid: String?) -> ICalError {
        ICalError(.brokenLine, file: file, line: line, column: column, uid: uid,
                  message: "libical could not read this line: \(note.text)", hint: hint(for: note.type))
    }

    static func hint(for type: String) -> String {
        switch type {
        case "VALUE-PARSE-ERROR":
            "Write the value in the property's format, e.g. DTSTART:20250114T090000Z or RRULE:FREQ=WEEKLY;COUNT=4."
        case "PROPERTY-PARSE-ERROR":
            "Use a property RFC 5545 defines, or prefix a private one with X- (e.g. X-MY-FIELD)."
        case "PARAMETER-NAME-PARSE-ERROR":
            "Use a parameter RFC 5545 defines, or prefix a private one with X-."
        case "PARAMETER-VALUE-PARSE-ERROR":
            "Fix the parameter's value; quote values holding : ; or , (e.g. CN=\"Doe, Jane\")."
        case "COMPONENT-PARSE-ERROR":
            "Each line needs NAME:VALUE; a line continuing the one before must start with a space (RFC 5545 folding)."
        default:
            "Check the line against RFC 5545, or export the calendar again."
        }
    }
}

extension BrokenLine {
    /// The property name of libical's note about a property it does not know
    /// (`Parse error in property name: LINK`), else nil.
    static func unknownPropertyName(_ note: LibicalErrorNote) -> String? {
        guard note.type == "PROPERTY-PARSE-ERROR", note.text.hasPrefix("Parse error in property name") else { return nil }
        let (_, fragment) = SegmentLines.split(note.text)
        let name = fragment.prefix { $0 != ";" && $0 != ":" }.uppercased()
        return name.isEmpty ? nil : name
    }

    /// A fault read past: libical left the line out and the event is read without it.
    static func warning(_ note: LibicalErrorNote, property: String?, file: String, line: Int, column: Int?,
                        uid: String?) -> ICalError {
        let what = property.map { "\($0) " } ?? ""
        let place = note.component.isEmpty || note.component == "VEVENT" || note.component == "VCALENDAR" ? "" : " in \(note.component)"
        return ICalError(.ignoredLine, file: file, line: line, column: column, uid: uid,
                         message: "libical could not read this \(what)line\(place) and left it out (\(note.text)); it does not touch the time or attendees, so reading goes on",
                         hint: hint(for: note.type))
    }
}
