import Foundation

/// Whether someone was at an event, as a sign-in sheet or an organiser says.
public enum AttendanceStatus: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case attended
    case excused
    case absent

    /// Accepts the canonical names and what sign-in sheets commonly say ("present", "x", "apologies").
    /// An empty cell means the person signed in, so it counts as attended.
    public init?(sheetValue: String) {
        let key = sheetValue.trimmed().lowercased()
        switch key {
        case "", "attended", "present", "yes", "y", "x", "signed", "signed-in", "signed in", "✓", "✔": self = .attended
        case "excused", "apologies", "apology", "sent apologies": self = .excused
        case "absent", "no", "n", "no-show", "no show", "did not attend": self = .absent
        default: return nil
        }
    }

    /// Attended first: when one sheet lists someone twice, the strongest status wins.
    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Someone at an event who is not in the plan: a walk-in, recorded with what the sheet says.
public struct Guest: Sendable, Hashable, Codable {
    public var name: String
    public var email: String?
    /// The organisation as written on the sheet.
    public var organisation: String?
    /// The plan organisation the sheet's organisation names, when it names one.
    public var organisationID: String?
    public var level: GovernmentLevel?
    public var sector: Sector?
    /// ISO 3166 alpha-2, from the sheet, else the organisation's or the event's country.
    public var country: String?

    public init(name: String, email: String? = nil, organisation: String? = nil, organisationID: String? = nil,
                level: GovernmentLevel? = nil, sector: Sector? = nil, country: String? = nil) {
        self.name = name
        self.email = email
        self.organisation = organisation
        self.organisationID = organisationID
        self.level = level
        self.sector = sector
        self.country = country
    }

    /// Where the guest sits, when the sheet says: a level of government, else a sector.
    public var constituency: Constituency? {
        if let level { return .level(level) }
        return sector.map(Constituency.sector)
    }


    /// Identifies the same walk-in across sheets: the email, else the name compared loosely.
    public var key: String {
        if let email, !email.isEmpty { return email.lowercased() }
        return NameKey.key(name)
    }
}

/// One line of the attendance record: who was (or was not) at one event.
public struct AttendanceRecord: Sendable, Hashable, Codable {
    public var eventID: String
    /// The plan person who came (or did not); nil for a guest.
    public var personID: String?
    /// A walk-in who is not in the plan.
    public var guest: Guest?
    public var status: AttendanceStatus
    /// The invitee this person attended for (a deputy standing in).
    public var onBehalfOf: String?
    /// Where the record came from: `SHEET.csv:LINE`, or `command line`.
    public var source: String?
    /// For a recurring event, the sitting: its venue-local start date, `YYYY-MM-DD`.
    public var occurrence: String? = nil

    public init(eventID: String, personID: String? = nil, guest: Guest? = nil, status: AttendanceStatus,
                onBehalfOf: String? = nil, source: String? = nil, occurrence: String? = nil) {
        self.eventID = eventID
        self.occurrence = occurrence
        self.personID = personID
        self.guest = guest
        self.status = status
        self.onBehalfOf = onBehalfOf
        self.source = source
    }


    /// `EVENT` or `EVENT@YYYY-MM-DD`: the sitting the record is about.
    public var sittingKey: String { Sitting.key(eventID, occurrence: occurrence) }

    /// `person:ID` or `guest:KEY`: one record per attendee and sitting.
    public var attendeeKey: String {
        if let personID { return "person:\(personID)" }
        return "guest:\(guest?.key ?? "")"
    }
}
