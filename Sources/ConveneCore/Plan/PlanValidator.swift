import Foundation

/// Cross-checks a decoded plan: references resolve to the right kind of thing, every event has a
/// time zone, follow-ups come after what they follow, and recurrence rules parse.
struct PlanValidator {
    var expander: (any RecurrenceExpanding)?
    private(set) var diagnostics: [Diagnostic] = []

    init(expander: (any RecurrenceExpanding)?) { self.expander = expander }

    /// `references` come in groups (one per plan file), checked on every core, beside the
    /// recurrence limit (which reads every event's first start).
    /// Fills in what the plan leaves to be worked out (an event's zone from its venue) in place.
    mutating func validate(_ plan: inout Plan, references: [PlanReference.Group], declared ids: [PlanReference.Target: Set<String>],
                           rules: [(rule: String, location: SourceLocation, what: String)]) {
        // Zones first (the recurrence limit reads them); their problems are reported after those
        // of references, as before.
        let zoneProblems = fillInZones(&plan)
        // Each kind's ids looked up once, and a reference copied only when it is unknown (a plan
        // of 20 000 events makes 400 000 references, nearly all to people it declares).
        // Each thread holds its own reference to every set: retaining one set's storage for each
        // look-up, from two cores at once, made the count's cache line bounce between them.
        let idsByTarget = PlanReference.Target.allCases.map { ids[$0] ?? [] }
        enum Checked: Sendable {
            case unknown(PlanReference.Group)
            case recurrence([Diagnostic])
        }
        let zoned = plan
        // The recurrence limit is the first job, so that it runs beside the groups of references.
        let checked = Parallel.map(count: references.count + 1) { job -> Checked in
            if job == 0 { return .recurrence(PlanRecurrenceLimit.diagnostics(zoned)) }
            let group = references[job - 1].references
            let (organisations, people, venues, series, events) = (idsByTarget[0], idsByTarget[1], idsByTarget[2], idsByTarget[3], idsByTarget[4])
            var unknown: [PlanReference] = []
            for index in group.indices {
                let id = group[index].id
                let known = switch group[index].target {
                case .organisation: organisations.contains(id)
                case .person: people.contains(id)
                case .venue: venues.contains(id)
                case .series: series.contains(id)
                case .event: events.contains(id)
                }
                if !known { unknown.append(group[index]) }
            }
            return .unknown(PlanReference.Group(file: references[job - 1].file, references: unknown))
        }
        var unknown: [PlanReference.Group] = [], recurrenceProblems: [Diagnostic] = []
        for result in checked {
            switch result {
            case .unknown(let found): unknown.append(found)
            case .recurrence(let found): recurrenceProblems = found
            }
        }
        // In sorted order, so that of equally close ids the same one is offered on every run.
        var sortedIDs: [PlanReference.Target: [String]] = [:]
        for group in unknown {
            for reference in group.references {
                if sortedIDs[reference.target] == nil { sortedIDs[reference.target] = (ids[reference.target] ?? []).sorted() }
                let guess = Spelling.closest(to: reference.id, in: sortedIDs[reference.target]!)
                let elsewhere = ids.first { $0.value.contains(reference.id) }?.key
                diagnostics.append(Diagnostic(
                    location: reference.location(in: group.file),
                    message: "\(reference.from) names unknown \(reference.target.rawValue) '\(reference.id)'" +
                        (elsewhere.map { " ('\(reference.id)' is a \($0.rawValue))" } ?? ""),
                    hint: guess.map { "did you mean '\($0)'?" } ?? "declare it under `\(Self.section(reference.target)):` or fix the id"))
            }
        }
        for person in plan.people where person.deputyID == person.id {
            fail(.person(person.id), in: plan, "person '\(person.id)' is their own deputy", hint: "name another person as deputy, or remove `deputy:`")
        }

        diagnostics += zoneProblems
        checkFollowUps(plan)
        diagnostics += recurrenceProblems
        if let expander {
            for rule in rules {
                if let problem = expander.problem(inRule: rule.rule) {
                    diagnostics.append(Diagnostic(location: rule.location,
                                                  message: "malformed recurrence rule '\(rule.rule)' in \(rule.what): \(problem)",
                                                  hint: "write an RFC 5545 RRULE such as FREQ=MONTHLY;INTERVAL=6;COUNT=4"))
                }
            }
        }
    }

    /// Gives each event without a zone its venue's; the problems of those that have neither.
    private mutating func fillInZones(_ plan: inout Plan) -> [Diagnostic] {
        let before = diagnostics.count
        let venues = Dictionary(plan.venues.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Only the fields needed are read from each event (a copy of one retained all its texts).
        for index in plan.events.indices where plan.events[index].timing.timeZone.isEmpty {
            let venueID = plan.events[index].venueID
            if let venue = venueID.flatMap({ venues[$0] }) {
                plan.events[index].timing = Self.timing(plan.events[index].timing, in: venue.timeZone)
            } else if venueID == nil {
                let id = plan.events[index].id
                fail(.event(id), in: plan, "event '\(id)' has neither a venue nor a time zone",
                     hint: "add `venue: ID` or `timezone: Area/City`")
            }
        }
        defer { diagnostics.removeSubrange(before...) }
        return Array(diagnostics[before...])
    }

    /// A follow-up must start after the event it follows has started, and must not follow itself.
    private mutating func checkFollowUps(_ plan: Plan) {
        let indexByID = plan.events.positions(by: \.id)
        let next = plan.events.map { $0.followsID.flatMap { indexByID[$0] } }
        // By index: only follow-ups are looked at (copying every event retained all its texts).
        for index in plan.events.indices {
            guard let previousIndex = next[index], let previousID = plan.events[index].followsID else { continue }
            let event = plan.events[index]
            if previousID == event.id {
                fail(.event(event.id), in: plan, "event '\(event.id)' follows itself", hint: "name the earlier event it follows up")
                continue
            }
            let previous = plan.events[previousIndex]
            guard let start = EventClock.firstStart(of: event), let previousStart = EventClock.firstStart(of: previous) else { continue }
            if previousStart > start {
                fail(.event(event.id), in: plan,
                     "event '\(event.id)' (\(ZoneClock.formatUTC(start))) follows '\(previousID)', which is later (\(ZoneClock.formatUTC(previousStart)))",
                     hint: "check both dates, or make the later event follow this one instead")
            }
        }
        // Cycles (a -> b -> a): walk each chain once, marking events on the current walk (1) and
        // done (2); meeting an event on the current walk closes a cycle through it.
        var state = [UInt8](repeating: 0, count: plan.events.count)
        var walk: [Int] = []
        for origin in plan.events.indices where state[origin] == 0 {
            var cursor: Int? = origin
            while let current = cursor, state[current] == 0 {
                state[current] = 1
                walk.append(current)
                cursor = next[current]
            }
            if let current = cursor, state[current] == 1, let position = walk.firstIndex(of: current) {
                for member in walk[position...] where next[member] != member {
                    let event = plan.events[member]
                    fail(.event(event.id), in: plan, "event '\(event.id)' is part of a follow-up cycle", hint: "one event in the chain must follow nothing")
                }
            }
            for member in walk { state[member] = 2 }
            walk.removeAll(keepingCapacity: true)
        }
    }

    private mutating func fail(_ subject: Subject, in plan: Plan, _ message: String, hint: String) {
        let location = plan.locations[subject] ?? SourceLocation(file: PlanLoader.planFileName, line: 1)
        diagnostics.append(Diagnostic(location: location, message: message, hint: hint))
    }

    private static func timing(_ timing: EventTiming, in zone: String) -> EventTiming {
        switch timing {
        case .timed(let start, let end, _): .timed(start: start, end: end, timeZone: zone)
        case .allDay(let first, let last, _): .allDay(first: first, last: last, timeZone: zone)
        case .unscheduled(let minutes, let earliest, let latest, _):
            .unscheduled(durationMinutes: minutes, earliest: earliest, latest: latest, timeZone: zone)
        }
    }

    private static func section(_ target: PlanReference.Target) -> String {
        switch target {
        case .organisation: "organisations"
        case .person: "people"
        case .venue: "venues"
        case .series: "series"
        case .event: "events"
        }
    }
}

/// Time-zone names of the system's tz database, for spelling suggestions.
enum KnownZones {
    static let all: [String] = ZoneDatabase.identifiers
}
