/// How serious a finding is.
public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case warning
    case error

    public static func < (a: Self, b: Self) -> Bool { a == .warning && b == .error }
}

/// Something a finding is about.
public enum Subject: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    case event(String)
    case person(String)
    case venue(String)
    case organisation(String)
    case series(String)

    /// `event:uganda-roundtable-2024`.
    public var description: String {
        switch self {
        case .event(let id): "event:\(id)"
        case .person(let id): "person:\(id)"
        case .venue(let id): "venue:\(id)"
        case .organisation(let id): "organisation:\(id)"
        case .series(let id): "series:\(id)"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.description < b.description }

    /// Parses `kind:id`.
    public init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let id = String(text[text.index(after: colon)...])
        switch text[..<colon] {
        case "event": self = .event(id)
        case "person": self = .person(id)
        case "venue": self = .venue(id)
        case "organisation": self = .organisation(id)
        case "series": self = .series(id)
        default: return nil
        }
    }

    /// Encoded as the string `kind:id`, e.g. `"event:uganda-roundtable-2024"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let subject = Subject(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not kind:id: \(text)"))
        }
        self = subject
    }
}

/// A place in a file, 1-based.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `plan.yaml:12:5`.
    public var description: String { "\(file):\(line):\(column)" }
}

/// One conflict or warning, as a value: the engine returns these, the CLI decides how to show them.
public struct Finding: Sendable, Hashable, Codable {
    /// Stable rule identifier, e.g. `person-double-booked`.
    public var rule: String
    public var severity: Severity
    /// The events, people, venues, organisations or series involved; the first event is the one
    /// the finding is grouped under.
    public var subjects: [Subject]
    /// What is wrong, in a sentence.
    public var message: String
    /// How to fix it.
    public var hint: String
    /// Where in the plan to look, when known.
    public var location: SourceLocation?

    public init(rule: String, severity: Severity, subjects: [Subject], message: String, hint: String,
                location: SourceLocation? = nil) {
        self.rule = rule
        self.severity = severity
        self.subjects = subjects
        self.message = message
        self.hint = hint
        self.location = location
    }

    /// The event a report groups this finding under, if any.
    public var primaryEvent: String? {
        for subject in subjects { if case .event(let id) = subject { return id } }
        return nil
    }
}

/// A problem with input: a plan, a sheet or a calendar file. Always names where, what and how to fix.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String
    public var hint: String

    public init(location: SourceLocation, message: String, hint: String) {
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// `plan.yaml:12:5: error: ... (fix: ...)`.
    public var description: String { "\(location): error: \(message)\n    fix: \(hint)" }
}

/// Input that cannot be used as it is; carries every problem found, not only the first.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// An error that can say what went wrong and how to fix it, in words for a person (libical's
/// problems from ConveneICal are such errors).
public protocol ExplainedError: Error {
    var message: String { get }
    var hint: String { get }
}
