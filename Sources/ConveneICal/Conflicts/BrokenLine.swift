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
