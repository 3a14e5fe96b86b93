import ConveneCore

/// Everything that can go wrong reading iCalendar data, as one typed error: what kind of problem,
/// where (file, line, column, and the event's UID when known), what is wrong and how to fix it.
///
/// libical reports problems without line numbers; ConveneICal works them out from the text.
public struct ICalError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kind of problem.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The file could not be read (missing, unreadable, a folder without `.ics` files).
        case unreadable
        /// The file holds no data.
        case empty
        /// The file does not start with `BEGIN:VCALENDAR` or holds binary data.
        case notICalendar
        /// The file ends inside a component: it was cut short.
        case truncated
        /// An `END:` line does not close the component that is open.
        case mismatchedEnd
        /// libical could not read a line and replaced it with an `X-LIC-ERROR` property.
        case brokenLine
        /// libical returned nothing for text that looked like iCalendar.
        case unparsable
        /// A VEVENT without a usable DTSTART.
        case missingStart
        /// A TZID that neither the file's VTIMEZONEs nor the system's tz database define.
        case unknownTimeZone
        /// An RRULE that libical cannot read or expand.
        case invalidRule
        /// A recurrence that would expand to more occurrences than ConveneICal will hold.
        case tooManyOccurrences
        /// (A warning) a line libical could not read, left out because it does not touch time or attendees.
        case ignoredLine
        /// (A warning) DTEND before DTSTART: read as if there were no DTEND.
        case endBeforeStart
        /// (A warning) text outside any calendar after END:VCALENDAR, left out.
        case strayText
    }

    public var kind: Kind
    /// The file, as the user named it.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// The UID of the event concerned, when known.
    public var uid: String?
    /// What is wrong, in a sentence.
    public var message: String
    /// How to fix it.
    public var hint: String

    public init(_ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, uid: String? = nil,
                message: String, hint: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.uid = uid
        self.message = message
        self.hint = hint
    }

    /// The same problem as a ConveneCore diagnostic (`file:line:column`, message, hint); the UID,
    /// when known, is named in the message.
    public var diagnostic: Diagnostic {
        let subject = uid.map { " (event \($0))" } ?? ""
        return Diagnostic(location: SourceLocation(file: file, line: line ?? 1, column: column ?? 1),
                          message: message + subject, hint: hint)
    }

    /// `calendar.ics:12:1: error: ... (event UID)` and the hint on the next line.
    public var description: String { diagnostic.description }

    /// The same as a warning: `calendar.ics:12:1: warning: ... (event UID)` and the hint.
    public var warningDescription: String {
        let d = diagnostic
        return "\(d.location): warning: \(d.message)\n    fix: \(d.hint)"
    }
}

extension ICalError: ExplainedError {}

extension InputError {
    /// An input error carrying each iCalendar problem as a diagnostic.
    public init(_ errors: [ICalError]) {
        self.init(errors.map(\.diagnostic))
    }
}
