/// A series followed over time: who took part at each event, who came back, and the gaps.
public struct SeriesRepresentation: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var country: String?
    public var maxGapMonths: Int?
    public var minGapMonths: Int?
    /// The series' events in scope, in start order (unscheduled last).
    public var events: [String]
    /// Attendance per level or sector, one count per event in `events`.
    public var participation: [SeriesParticipation]
    /// For each event with a predecessor (the event it `follows`, else the one before it), who came back.
    public var steps: [RetentionStep]
    /// Retention per level over every step: of those who attended one event, how many came back
    /// (in person, or in the same seat: a deputy for their principal, or the principal for their deputy).
    public var retention: [RetentionCount]
    /// Time between consecutive scheduled events, against the cadence.
    public var gaps: [CadenceGapSpan]

    public init(id: String, title: String, country: String?, maxGapMonths: Int?, minGapMonths: Int?,
                events: [String], participation: [SeriesParticipation], steps: [RetentionStep],
                retention: [RetentionCount], gaps: [CadenceGapSpan]) {
        self.id = id
        self.title = title
        self.country = country
        self.maxGapMonths = maxGapMonths
        self.minGapMonths = minGapMonths
        self.events = events
        self.participation = participation
        self.steps = steps
        self.retention = retention
        self.gaps = gaps
    }
}

/// How many people of one level or sector attended each event of a series.
public struct SeriesParticipation: Sendable, Hashable, Codable {
    public var constituency: String
    public var isLevel: Bool
    /// One count per event of the series, in the series' order; nil where no attendance is recorded.
    public var attended: [Int?]
    /// Events of the series this level or sector attended.
    public var eventsPresent: Int

    public init(constituency: String, isLevel: Bool, attended: [Int?], eventsPresent: Int) {
        self.constituency = constituency
        self.isLevel = isLevel
        self.attended = attended
        self.eventsPresent = eventsPresent
    }
}

/// Attendees of one level or sector at an event (a deputy counted at their principal's level), and
/// how many came back to the next: the same person, or someone in the same seat.
public struct RetentionCount: Sendable, Hashable, Codable {
    public var constituency: String
    public var isLevel: Bool
    /// Attendees at the earlier event.
    public var before: Int
    /// Of those, how many came back to the later one (in person, or in the same seat).
    public var returned: Int

    public init(constituency: String, isLevel: Bool, before: Int, returned: Int) {
        self.constituency = constituency
        self.isLevel = isLevel
        self.before = before
        self.returned = returned
    }

    /// `returned / before`, or nil when nobody came to the earlier event.
    public var rate: Double? { before == 0 ? nil : Double(returned) / Double(before) }
}

/// One follow-up: from an event to the next, who came back.
public struct RetentionStep: Sendable, Hashable, Codable {
    public var from: String
    public var to: String
    /// Whether `to` names `from` as the event it follows (else it is simply the next one).
    public var isFollowUp: Bool
    public var byLevel: [RetentionCount]
    public var before: Int
    public var returned: Int

    public init(from: String, to: String, isFollowUp: Bool, byLevel: [RetentionCount], before: Int, returned: Int) {
        self.from = from
        self.to = to
        self.isFollowUp = isFollowUp
        self.byLevel = byLevel
        self.before = before
        self.returned = returned
    }
}

/// The time between two consecutive events of a series.
public struct CadenceGapSpan: Sendable, Hashable, Codable {
    public var from: String
    public var to: String
    /// Rounded months between the end of `from` and the start of `to`.
    public var months: Int
    /// Longer than the series' `max-gap-months`.
    public var tooLong: Bool
    /// Shorter than its `min-gap-months`.
    public var tooShort: Bool

    public init(from: String, to: String, months: Int, tooLong: Bool, tooShort: Bool) {
        self.from = from
        self.to = to
        self.months = months
        self.tooLong = tooLong
        self.tooShort = tooShort
    }
}

/// Events grouped by country or by NLC pillar: how many, and which levels took part.
public struct GroupRepresentation: Sendable, Hashable, Codable {
    /// ISO country code (or `international`), or a pillar name.
    public var key: String
    public var events: Int
    public var held: Int
    public var withAttendance: Int
    /// Events where national and local (or neighbourhood) government both attended.
    public var nationalAndLocal: Int
    /// Per level and sector: at how many events it was invited and at how many it attended.
    public var presence: [GroupPresence]

    public init(key: String, events: Int, held: Int, withAttendance: Int, nationalAndLocal: Int, presence: [GroupPresence]) {
        self.key = key
        self.events = events
        self.held = held
        self.withAttendance = withAttendance
        self.nationalAndLocal = nationalAndLocal
        self.presence = presence
    }

    /// Levels that attended at least one event, in level order.
    public var levelsAttended: [String] { presence.filter { $0.isLevel && $0.attendedAt > 0 }.map(\.constituency) }
}

/// At how many of a group's events a level or sector was invited and attended.
public struct GroupPresence: Sendable, Hashable, Codable {
    public var constituency: String
    public var isLevel: Bool
    public var invitedAt: Int
    public var attendedAt: Int
    /// Events with attendance recorded where it was invited but nobody from it came.
    public var missedAt: Int

    public init(constituency: String, isLevel: Bool, invitedAt: Int, attendedAt: Int, missedAt: Int = 0) {
        self.constituency = constituency
        self.isLevel = isLevel
        self.invitedAt = invitedAt
        self.attendedAt = attendedAt
        self.missedAt = missedAt
    }
}
