/// What sort of convening an event is.
public enum EventKind: String, Sendable, Hashable, Codable, CaseIterable {
    case roundtable
    case conference
    case summit
    case followUpDialogue = "follow-up-dialogue"
    case workingGroupMeeting = "working-group-meeting"
    case steeringCommitteeMeeting = "steering-committee-meeting"
    case training
    case workshop
    case forum
    case peerExchange = "peer-exchange"
    case sideEvent = "side-event"

    /// Accepts the canonical names and a few common spellings ("working group", "dialogue").
    public init?(name: String) {
        let key = Vocabulary.normalise(name)
        if let kind = EventKind(rawValue: key) { self = kind; return }
        switch key {
        case "follow-up", "dialogue": self = .followUpDialogue
        case "working-group": self = .workingGroupMeeting
        case "steering-committee": self = .steeringCommitteeMeeting
        case "peer-learning", "peer-learning-exchange": self = .peerExchange
        default: return nil
        }
    }

    /// Human wording, e.g. "follow-up dialogue".
    public var label: String { rawValue.replacingOccurrences(of: "-", with: " ") }
}

/// The six pillars of national-local cooperation, used as tags on events.
public enum Pillar: String, Sendable, Hashable, Codable, CaseIterable {
    case trust, inclusivity, coordination, communication, capacity, sustainability
}

/// Where an event stands.
public enum EventStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case planned, confirmed, held, cancelled
}

/// The part someone is invited to play.
public enum InvitationRole: String, Sendable, Hashable, Codable, CaseIterable {
    case chair
    case coChair = "co-chair"
    case host
    case speaker
    case required
    case optional
    case observer

    /// Whether the event cannot go ahead without this invitee (or their deputy).
    public var isRequired: Bool {
        switch self {
        case .chair, .coChair, .host, .speaker, .required: true
        case .optional, .observer: false
        }
    }
}

/// Who is invited: one person, or everyone in an organisation.
public enum Invitee: Sendable, Hashable, Codable {
    case person(String)
    case organisation(String)
}

/// One line of an event's invitation list.
public struct Invitation: Sendable, Hashable, Codable {
    public var invitee: Invitee
    public var role: InvitationRole
    /// A person attending in the invitee's place (usually their deputy); they are the one made busy.
    public var standInID: String?

    public init(invitee: Invitee, role: InvitationRole, standInID: String? = nil) {
        self.invitee = invitee
        self.role = role
        self.standInID = standInID
    }
}

/// The levels and sectors that must be at the table.
public struct Requirements: Sendable, Hashable, Codable {
    public var levels: [GovernmentLevel]
    public var sectors: [Sector]
    /// Minimum number of participants per level (a quorum), e.g. `[.national: 1, .local: 2]`.
    public var minimumPerLevel: [GovernmentLevel: Int]

    public init(levels: [GovernmentLevel] = [], sectors: [Sector] = [],
                minimumPerLevel: [GovernmentLevel: Int] = [:]) {
        self.levels = levels
        self.sectors = sectors
        self.minimumPerLevel = minimumPerLevel
    }

    /// Every constituency named, levels first.
    public var constituencies: [Constituency] {
        levels.map(Constituency.level) + sectors.map(Constituency.sector)
    }

    public var isEmpty: Bool { levels.isEmpty && sectors.isEmpty && minimumPerLevel.isEmpty }
}

/// A recurrence rule as written in the plan (RFC 5545 RRULE text) with its exceptions.
public struct Recurrence: Sendable, Hashable, Codable {
    /// e.g. `FREQ=MONTHLY;INTERVAL=6;COUNT=4`.
    public var rule: String
    /// Occurrence starts (venue-local) that do not happen.
    public var exceptions: [CivilDateTime]

    public init(rule: String, exceptions: [CivilDateTime] = []) {
        self.rule = rule
        self.exceptions = exceptions
    }
}

/// When an event happens.
public enum EventTiming: Sendable, Hashable, Codable {
    /// From `start` to `end`, wall-clock times in `timeZone` (IANA).
    case timed(start: CivilDateTime, end: CivilDateTime, timeZone: String)
    /// Whole days from `first` through `last` (inclusive), in the venue's time zone.
    case allDay(first: CivilDate, last: CivilDate, timeZone: String)
    /// Not yet placed: how long it lasts and the window to place it in (used by `suggest`).
    case unscheduled(durationMinutes: Int, earliest: CivilDate?, latest: CivilDate?, timeZone: String)

    /// The zone the event's wall-clock times are written in.
    public var timeZone: String {
        switch self {
        case .timed(_, _, let zone), .allDay(_, _, let zone), .unscheduled(_, _, _, let zone): zone
        }
    }
}

/// One convening in the plan.
public struct Event: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var kind: EventKind
    public var title: String
    public var agenda: String?
    public var notes: String?
    public var timing: EventTiming
    public var recurrence: Recurrence?
    public var venueID: String?
    /// ISO country code; defaults to the venue's country.
    public var country: String?
    public var seriesID: String?
    /// The event this one follows up.
    public var followsID: String?
    public var pillars: [Pillar]
    public var requirements: Requirements
    public var status: EventStatus
    /// A transparent event (an open platform launch, a drop-in) makes nobody busy.
    public var isTransparent: Bool
    /// The date is a plausible assumption (the source gives only a month).
    public var dateIsAssumed: Bool
    public var invitations: [Invitation]
    /// People counted at the event rather than named (`attended-count:`), nil when none.
    public var headCount: HeadCount? = nil

    public init(id: String, kind: EventKind, title: String, agenda: String? = nil,
                notes: String? = nil, timing: EventTiming, recurrence: Recurrence? = nil,
                venueID: String? = nil, country: String? = nil, seriesID: String? = nil,
                followsID: String? = nil, pillars: [Pillar] = [],
                requirements: Requirements = Requirements(), status: EventStatus = .planned,
                isTransparent: Bool = false, dateIsAssumed: Bool = false,
                invitations: [Invitation] = [], headCount: HeadCount? = nil) {
        self.headCount = headCount
        self.id = id
        self.kind = kind
        self.title = title
        self.agenda = agenda
        self.notes = notes
        self.timing = timing
        self.recurrence = recurrence
        self.venueID = venueID
        self.country = country
        self.seriesID = seriesID
        self.followsID = followsID
        self.pillars = pillars
        self.requirements = requirements
        self.status = status
        self.isTransparent = isTransparent
        self.dateIsAssumed = dateIsAssumed
        self.invitations = invitations
    }

    /// Whether the event has a fixed time.
    public var isScheduled: Bool {
        if case .unscheduled = timing { return false }
        return true
    }
}
