/// Who was invited, who accepted and who came, by level of government and sector: for each event,
/// each series (with who came back for the follow-up), each country and each NLC pillar.
///
/// Built by ``RepresentationReport/compute(index:replies:attendance:scope:)``, a pure function of
/// the plan and the records; renderers only format it.
public struct RepresentationReport: Sendable, Hashable, Codable {
    /// The workspace's name.
    public var workspace: String
    public var scope: ReportScope
    /// The levels and sectors shown as columns: the five levels, then every sector that appears.
    public var columns: [String]
    public var summary: ReportSummary
    /// Events in start order (unscheduled last), each sitting of a recurring event its own row
    /// (`EVENT@DATE`); cancelled events are left out.
    public var events: [EventRepresentation]
    public var series: [SeriesRepresentation]
    public var countries: [GroupRepresentation]
    public var pillars: [GroupRepresentation]
    /// When every event in scope is in one country: that country's names for the tiers it names
    /// differently (canonical level -> national name, e.g. `district` -> `county`). Nil across
    /// countries, where the canonical tiers are compared.
    public var levelNames: [String: String]? = nil

    public init(workspace: String, scope: ReportScope, columns: [String], summary: ReportSummary,
                events: [EventRepresentation], series: [SeriesRepresentation],
                countries: [GroupRepresentation], pillars: [GroupRepresentation]) {
        self.workspace = workspace
        self.scope = scope
        self.columns = columns
        self.summary = summary
        self.events = events
        self.series = series
        self.countries = countries
        self.pillars = pillars
    }
}

/// Headline numbers over the events in scope.
public struct ReportSummary: Sendable, Hashable, Codable {
    public var events: Int
    public var held: Int
    /// Events with at least one attendance record.
    public var withAttendance: Int
    /// People recorded as attended, over all events (a person at two events counts twice).
    public var attended: Int
    public var guests: Int
    public var deputies: Int
    /// People counted rather than named (`attended-count:`), over all events.
    public var counted: Int = 0
    /// Events with a head count.
    public var withCounts: Int = 0
    /// Events where national and local (or neighbourhood) government both attended.
    public var nationalAndLocal: Int
    /// Events with attendance recorded that invited both national and local (or neighbourhood)
    /// government: the events where `nationalAndLocal` was the plan.
    public var nationalAndLocalInvited: Int
    /// Events with a required level or sector not invited, or (with attendance) not present.
    public var eventsWithGaps: Int

    public init(events: Int = 0, held: Int = 0, withAttendance: Int = 0, attended: Int = 0, guests: Int = 0,
                deputies: Int = 0, nationalAndLocal: Int = 0, nationalAndLocalInvited: Int = 0, eventsWithGaps: Int = 0) {
        self.events = events
        self.held = held
        self.withAttendance = withAttendance
        self.attended = attended
        self.guests = guests
        self.deputies = deputies
        self.nationalAndLocal = nationalAndLocal
        self.nationalAndLocalInvited = nationalAndLocalInvited
        self.eventsWithGaps = eventsWithGaps
    }
}

/// What is wrong with a required level or sector at one event.
public enum CoverageGap: String, Sendable, Hashable, Codable {
    /// Required, but nobody from it is invited (the plan falls short).
    case notInvited = "not-invited"
    /// Required and invited, but nobody from it attended.
    case absent
    /// Attended, but by fewer people than the event's `minimum:`.
    case belowMinimum = "below-minimum"
}

/// One level or sector at one event.
public struct ConstituencyTally: Sendable, Hashable, Codable {
    /// Canonical name, e.g. `national` or `civil-society`.
    public var constituency: String
    public var isLevel: Bool
    /// Invitees (people, organisations expanded) from it.
    public var invited: Int
    /// Invitees from it whose latest reply is ACCEPTED or DELEGATED.
    public var accepted: Int
    /// People from it recorded by name as attended (deputies and guests by their own level or sector).
    public var attended: Int
    /// People from it counted rather than named (`attended-count:`), nil when not counted.
    public var counted: Int?
    public var required: Bool
    /// The event's quorum for this level, if any.
    public var minimum: Int?
    public var gap: CoverageGap?

    /// Present: the named attendees or the head count, whichever is larger (a count is of the whole
    /// room, the named included, so the two are never added).
    public var present: Int { max(attended, counted ?? 0) }

    public init(constituency: String, isLevel: Bool, invited: Int = 0, accepted: Int = 0, attended: Int = 0,
                required: Bool = false, minimum: Int? = nil, gap: CoverageGap? = nil, counted: Int? = nil) {
        self.counted = counted
        self.constituency = constituency
        self.isLevel = isLevel
        self.invited = invited
        self.accepted = accepted
        self.attended = attended
        self.required = required
        self.minimum = minimum
        self.gap = gap
    }
}

/// One event's representation.
public struct EventRepresentation: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var kind: String
    public var status: String
    /// Venue-local date of the event (or of this sitting), `YYYY-MM-DD`; nil when unscheduled.
    public var date: String?
    public var recurs: Bool
    public var country: String?
    public var series: String?
    public var follows: String?
    public var pillars: [String]
    public var invited: Int
    public var accepted: Int
    /// Invitees who attended, in person or through a deputy.
    public var represented: Int
    /// Everyone recorded by name as attended, guests and deputies included.
    public var attended: Int
    /// The head count of people counted rather than named (`attended-count:`), nil when none: the
    /// whole room, the named attendees included.
    public var counted: Int?
    /// Recorded absent, plus (once attendance is recorded) invitees on no record for whom nobody
    /// stood in: absent unless excused.
    public var absent: Int
    public var excused: Int
    public var guests: Int
    public var deputies: Int
    /// Whether any reply has been imported for the event (else `accepted` means nothing yet).
    public var repliesRecorded: Bool
    /// People present in all: the named attendees or the head count, whichever is larger.
    public var people: Int { max(attended, counted ?? 0) }

    /// Whether anyone's attendance has been recorded, by name or count (else `attended` means nothing yet).
    public var attendanceRecorded: Bool
    /// Every level and sector invited, attended or required, levels first.
    public var tallies: [ConstituencyTally]
    /// Required levels and sectors nobody was invited from.
    public var missingPlanned: [String]
    /// Required levels and sectors nobody attended from (only once attendance is recorded).
    public var missingActual: [String]
    /// National and local (or neighbourhood) government both attended; nil until attendance is recorded.
    public var nationalAndLocal: Bool?
    /// National and local (or neighbourhood) government were both invited.
    public var nationalAndLocalInvited: Bool
    /// For one sitting of a recurring event (`id` is then `EVENT@DATE`): the event's id.
    public var sittingOf: String?

    public init(id: String, title: String, kind: String, status: String, date: String?, recurs: Bool,
                country: String?, series: String?, follows: String?, pillars: [String], invited: Int,
                accepted: Int, represented: Int, attended: Int, counted: Int? = nil, absent: Int, excused: Int, guests: Int,
                deputies: Int, repliesRecorded: Bool, attendanceRecorded: Bool, tallies: [ConstituencyTally],
                missingPlanned: [String], missingActual: [String], nationalAndLocal: Bool?,
                nationalAndLocalInvited: Bool = false, sittingOf: String? = nil) {
        self.sittingOf = sittingOf
        self.id = id
        self.title = title
        self.kind = kind
        self.status = status
        self.date = date
        self.recurs = recurs
        self.country = country
        self.series = series
        self.follows = follows
        self.pillars = pillars
        self.invited = invited
        self.accepted = accepted
        self.represented = represented
        self.attended = attended
        self.counted = counted
        self.absent = absent
        self.excused = excused
        self.guests = guests
        self.deputies = deputies
        self.repliesRecorded = repliesRecorded
        self.attendanceRecorded = attendanceRecorded
        self.tallies = tallies
        self.missingPlanned = missingPlanned
        self.missingActual = missingActual
        self.nationalAndLocal = nationalAndLocal
        self.nationalAndLocalInvited = nationalAndLocalInvited
    }

    /// The tally of one level or sector, if it was invited, attended or required.
    public func tally(_ constituency: String) -> ConstituencyTally? {
        tallies.first { $0.constituency == constituency }
    }

    /// Whether a required level or sector is missing from the invitations or the room.
    public var hasGaps: Bool { !missingPlanned.isEmpty || !missingActual.isEmpty || tallies.contains { $0.gap == .belowMinimum } }
}
