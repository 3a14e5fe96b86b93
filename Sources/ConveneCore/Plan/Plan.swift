/// Settings that tune the rules for a whole workspace.
public struct PlanSettings: Sendable, Hashable, Codable {
    /// Cruising speed used to estimate journeys between cities.
    public var travelSpeedKmh: Double
    /// Fixed time added to every journey (to and from airports, security, check-in).
    public var travelOverheadMinutes: Int
    /// A journey that leaves less slack than this is "tight" (a warning, not an error).
    public var travelSlackMinutes: Int
    /// Working hours assumed for people who do not declare their own.
    public var defaultWorkingHours: WorkingHours
    /// The sendmail-compatible command `convene send` uses by default (`settings.mail.sendmail`).
    public var sendmail: String?

    public init(travelSpeedKmh: Double = 700, travelOverheadMinutes: Int = 180,
                travelSlackMinutes: Int = 120, defaultWorkingHours: WorkingHours = .office) {
        self.travelSpeedKmh = travelSpeedKmh
        self.travelOverheadMinutes = travelOverheadMinutes
        self.travelSlackMinutes = travelSlackMinutes
        self.defaultWorkingHours = defaultWorkingHours
    }
}

/// Who sends the invitations.
public struct Organizer: Sendable, Hashable, Codable {
    public var name: String
    public var email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }
}

/// A whole planning workspace as written by hand: who, where, which processes, which convenings.
public struct Plan: Sendable, Hashable, Codable {
    public var name: String
    public var organizer: Organizer
    public var settings: PlanSettings
    public var organisations: [Organisation]
    public var people: [Person]
    public var venues: [Venue]
    public var series: [Series]
    public var blackouts: [Blackout]
    public var events: [Event]
    /// Where each entity was written, keyed by ``Subject``; used to point findings at the plan.
    public var locations: [Subject: SourceLocation]
    /// What each country calls the canonical tiers (`levels: {KE: {district: county}}`), by ISO code.
    public var levelNames: [String: [GovernmentLevel: String]] = [:]

    public init(name: String, organizer: Organizer, settings: PlanSettings = PlanSettings(),
                organisations: [Organisation] = [], people: [Person] = [], venues: [Venue] = [],
                series: [Series] = [], blackouts: [Blackout] = [], events: [Event] = [],
                locations: [Subject: SourceLocation] = [:]) {
        self.name = name
        self.organizer = organizer
        self.settings = settings
        self.organisations = organisations
        self.people = people
        self.venues = venues
        self.series = series
        self.blackouts = blackouts
        self.events = events
        self.locations = locations
    }
}

/// Fast look-ups over a plan, built once.
public struct PlanIndex: Sendable {
    public let plan: Plan
    public let organisations: [String: Organisation]
    public let people: [String: Person]
    public let venues: [String: Venue]
    public let series: [String: Series]
    public let events: EventsByID
    /// People by organisation id.
    public let members: [String: [Person]]

    public init(_ plan: Plan) {
        self.plan = plan
        organisations = Dictionary(plan.organisations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        people = Dictionary(plan.people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        venues = Dictionary(plan.venues.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        series = Dictionary(plan.series.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        events = EventsByID(plan.events)
        members = Dictionary(grouping: plan.people.filter { $0.organisationID != nil },
                             by: { $0.organisationID! })
    }

    /// What `country` calls a tier: the plan's `levels:` name, else the common one (``GovernmentLevel/localName(in:)``).
    public func levelName(_ level: GovernmentLevel, in country: String?) -> String {
        country.flatMap { plan.levelNames[$0.uppercased()]?[level] } ?? level.localName(in: country)
    }

        /// Where a person sits: their own constituency, else their organisation's.
    public func constituency(of person: Person) -> Constituency? {
        person.constituency ?? person.organisationID.flatMap { organisations[$0]?.constituency }
    }

    /// The country of an event: explicit, else its venue's.
    public func country(of event: Event) -> String? {
        event.country ?? event.venueID.flatMap { venues[$0]?.country }
    }

    /// Each person invited to an event once, with their strongest role; organisations expanded.
    public func invitees(of event: Event) -> [(person: Person, role: InvitationRole)] {
        var order: [String] = []
        var roles: [String: InvitationRole] = [:]
        func add(_ id: String, _ role: InvitationRole) {
            if let existing = roles[id] {
                let rank = InvitationRole.allCases
                if rank.firstIndex(of: role)! < rank.firstIndex(of: existing)! { roles[id] = role }
            } else {
                order.append(id)
                roles[id] = role
            }
        }
        for invitation in event.invitations {
            switch invitation.invitee {
            case .person(let id): add(id, invitation.role)
            case .organisation(let id):
                for member in members[id] ?? [] { add(member.id, invitation.role) }
            }
        }
        return order.compactMap { id in people[id].map { ($0, roles[id]!) } }
    }

    /// The constituencies an event's invitations reach (organisations count even without members).
    public func invitedConstituencies(of event: Event) -> Set<Constituency> {
        var result = Set(invitees(of: event).compactMap { constituency(of: $0.person) })
        for invitation in event.invitations {
            if case .organisation(let id) = invitation.invitee, let org = organisations[id] {
                result.insert(org.constituency)
            }
        }
        return result
    }
}

/// A plan's events by id, read where they are in the plan's list: the index holds where each one
/// is, not a copy of it (copying 20 000 events retained each of their texts and lists, on the way
/// into every export).
public struct EventsByID: Sendable {
    private let events: [Event]
    private let positions: [String: Int]

    /// The first event of each id (a plan that repeats an id is refused when it is read).
    public init(_ events: [Event]) {
        self.events = events
        positions = events.positions(by: \.id)
    }

    /// The event with this id, if the plan has one.
    public subscript(id: String) -> Event? { positions[id].map { events[$0] } }
}

extension Array {
    /// Where the first element with each id is, each element read where it is (not copied).
    func positions(by id: KeyPath<Element, String>) -> [String: Int] {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(count)
        for index in indices where positions[self[index][keyPath: id]] == nil { positions[self[index][keyPath: id]] = index }
        return positions
    }
}
