/// A body that sends people: a ministry, a city, a police service, a network, an NGO.
public struct Organisation: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    /// ISO 3166 alpha-2 code, or nil for international bodies.
    public var country: String?
    /// The tier of government or the sector it belongs to.
    public var constituency: Constituency

    public init(id: String, name: String, country: String?, constituency: Constituency) {
        self.id = id
        self.name = name
        self.country = country
        self.constituency = constituency
    }
}

/// The hours someone is willing to meet, in their own time zone.
public struct WorkingHours: Sendable, Hashable, Codable {
    /// Minutes after local midnight.
    public var startMinute: Int
    /// Minutes after local midnight; greater than `startMinute`.
    public var endMinute: Int
    /// ISO weekdays (1 = Monday ... 7 = Sunday) on which they work.
    public var weekdays: Set<Int>

    public init(startMinute: Int, endMinute: Int, weekdays: Set<Int> = [1, 2, 3, 4, 5]) {
        self.startMinute = startMinute
        self.endMinute = endMinute
        self.weekdays = weekdays
    }

    /// 09:00-17:00, Monday to Friday.
    public static let office = WorkingHours(startMinute: 9 * 60, endMinute: 17 * 60)
}

/// Someone who can be invited.
public struct Person: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var email: String?
    public var phone: String?
    public var organisationID: String?
    public var title: String?
    /// IANA time zone of where they live and work.
    public var timeZone: String?
    public var workingHours: WorkingHours?
    /// A person who may attend in their place.
    public var deputyID: String?
    /// Overrides the organisation's constituency (e.g. a youth leader inside a city delegation).
    public var constituency: Constituency?

    public init(id: String, name: String, email: String? = nil, phone: String? = nil,
                organisationID: String? = nil, title: String? = nil, timeZone: String? = nil,
                workingHours: WorkingHours? = nil, deputyID: String? = nil,
                constituency: Constituency? = nil) {
        self.id = id
        self.name = name
        self.email = email
        self.phone = phone
        self.organisationID = organisationID
        self.title = title
        self.timeZone = timeZone
        self.workingHours = workingHours
        self.deputyID = deputyID
        self.constituency = constituency
    }
}

/// How people take part in an event held at a venue.
public enum AttendanceMode: String, Sendable, Hashable, Codable, CaseIterable {
    case inPerson = "in-person"
    case virtual
    case hybrid
}

/// A place where events happen, physical or online.
public struct Venue: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var city: String?
    public var country: String?
    /// IANA time zone in which the venue's events are written.
    public var timeZone: String
    public var latitude: Double?
    public var longitude: Double?
    public var capacity: Int?
    public var mode: AttendanceMode
    /// Join link for virtual and hybrid venues.
    public var conferenceURL: String?
    public var address: String?

    public init(id: String, name: String, city: String? = nil, country: String? = nil,
                timeZone: String, latitude: Double? = nil, longitude: Double? = nil,
                capacity: Int? = nil, mode: AttendanceMode = .inPerson,
                conferenceURL: String? = nil, address: String? = nil) {
        self.id = id
        self.name = name
        self.city = city
        self.country = country
        self.timeZone = timeZone
        self.latitude = latitude
        self.longitude = longitude
        self.capacity = capacity
        self.mode = mode
        self.conferenceURL = conferenceURL
        self.address = address
    }
}

/// How often a process should meet.
public struct Cadence: Sendable, Hashable, Codable {
    /// Longest acceptable gap between one event of the series and the next.
    public var maxGapMonths: Int?
    /// Shortest sensible gap (used when scheduling follow-ups).
    public var minGapMonths: Int?

    public init(maxGapMonths: Int? = nil, minGapMonths: Int? = nil) {
        self.maxGapMonths = maxGapMonths
        self.minGapMonths = minGapMonths
    }
}

/// A process that meets repeatedly, such as "Localising Uganda's national strategy".
public struct Series: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var title: String
    public var country: String?
    public var cadence: Cadence?
    public var notes: String?

    public init(id: String, title: String, country: String? = nil, cadence: Cadence? = nil,
                notes: String? = nil) {
        self.id = id
        self.title = title
        self.country = country
        self.cadence = cadence
        self.notes = notes
    }
}

/// A period in which convenings should not be held (a holiday, an election).
public struct Blackout: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    /// First day, inclusive.
    public var from: CivilDate
    /// Last day, inclusive.
    public var through: CivilDate
    /// Applies to events in this country only; nil means everywhere.
    public var country: String?

    public init(id: String, name: String, from: CivilDate, through: CivilDate, country: String? = nil) {
        self.id = id
        self.name = name
        self.from = from
        self.through = through
        self.country = country
    }
}
