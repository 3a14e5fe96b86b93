import ConveneBenchSupport
import ConveneCore
import Foundation

/// A deterministic synthetic workspace: countries with every level of government and every
/// sector, series of follow-up events, invitations, replies and attendance (with deputies and
/// walk-in guests), built in memory and, for the end-to-end run, written out as a workspace.
struct Workload {
    var plan: Plan
    var replies: ReplyBook
    var attendance: AttendanceBook
    var planYAML: String

    static let countries = ["UG", "MW", "IQ", "FI", "CA", "US", "BD", "ID", "PH", "IN", "KE", "NG", "JO", "LB", "TN",
                            "MA", "CO", "MX", "BR", "DE"]

    init(events eventCount: Int, records recordCount: Int, peoplePerOrganisation: Int = 4) {
        var random = SplitMix64(seed: 2024)  // the same workload on every machine
        var organisations: [Organisation] = [], people: [Person] = [], venues: [Venue] = []
        var peopleByCountry: [String: [String]] = [:], orgsByCountry: [String: [String]] = [:]
        var members: [String: [String]] = [:]
        // Per country: 1 national, 2 regional, 3 district, 8 local, 4 neighbourhood bodies and one
        // organisation per sector.
        let shape: [(Constituency, Int)] = [(.level(.national), 1), (.level(.regional), 2), (.level(.district), 3),
                                             (.level(.local), 8), (.level(.neighbourhood), 4)]
            + Sector.allCases.map { (.sector($0), 1) }
        for country in Self.countries {
            let code = country.lowercased()
            venues.append(Venue(id: "\(code)-venue", name: "Venue in \(country)", city: "Capital", country: country,
                                timeZone: "UTC", capacity: 500))
            for (constituency, count) in shape {
                for n in 1...count {
                    let org = "\(code)-\(constituency)-\(n)"
                    organisations.append(Organisation(id: org, name: "Org \(org)", country: country, constituency: constituency))
                    orgsByCountry[country, default: []].append(org)
                    for p in 1...peoplePerOrganisation {
                        let id = "\(org)-p\(p)"
                        people.append(Person(id: id, name: "Person \(id)", email: "\(id)@bench.example", organisationID: org,
                                             timeZone: "UTC", deputyID: p == 1 ? "\(org)-p2" : nil))
                        peopleByCountry[country, default: []].append(id)
                        members[org, default: []].append(id)
                    }
                }
            }
        }
        let perSeries = 10
        var series: [Series] = []
        var events: [Event] = []
        events.reserveCapacity(eventCount)
        let firstDay = CivilDate(year: 2015, month: 1, day: 5).daysSinceEpoch
        var cursor = firstDay
        for e in 0..<eventCount {
            let s = e / perSeries, k = e % perSeries
            let country = Self.countries[s % Self.countries.count]
            if k == 0 {
                series.append(Series(id: "series-\(s)", title: "Series \(s)", country: country, cadence: Cadence(maxGapMonths: 6)))
            }
            cursor = k == 0 ? firstDay + (s % 365) * 7 : cursor + 120 + random.below(90)
            let day = CivilDate(daysSinceEpoch: cursor)
            let pool = peopleByCountry[country]!
            var invitations: [Invitation] = []
            for _ in 0..<12 { invitations.append(Invitation(invitee: .person(pool[random.below(pool.count)]), role: .required)) }
            let orgs = orgsByCountry[country]!
            invitations.append(Invitation(invitee: .organisation(orgs[random.below(orgs.count)]), role: .optional))
            events.append(Event(
                id: "event-\(e)", kind: k == 0 ? .roundtable : .followUpDialogue, title: "Event \(e)",
                timing: .timed(start: CivilDateTime(date: day, minuteOfDay: 9 * 60), end: CivilDateTime(date: day, minuteOfDay: 16 * 60), timeZone: "UTC"),
                venueID: "\(country.lowercased())-venue", seriesID: "series-\(s)", followsID: k == 0 ? nil : "event-\(e - 1)",
                pillars: [Pillar.allCases[e % 6], Pillar.allCases[(e + 2) % 6]],
                requirements: Requirements(levels: [.national, .local], sectors: [.civilSociety], minimumPerLevel: [.local: 2]),
                status: .held, invitations: invitations))
        }
        plan = Plan(name: "report-bench", organizer: Organizer(name: "Bench", email: "bench@bench.example"),
                    organisations: organisations, people: people, venues: venues, series: series, events: events)

        // Attendance: records spread evenly over the events; most invitees attend, some are absent
        // or excused, one deputy and one walk-in guest per event.
        let index = PlanIndex(plan)
        var records: [AttendanceRecord] = []
        records.reserveCapacity(recordCount)
        var replies: [Reply] = []
        let perEvent = max(1, recordCount / max(1, eventCount))
        for event in events where records.count < recordCount {
            let invitees = index.invitees(of: event).map(\.person)
            var used: Set<String> = []
            for (n, person) in invitees.enumerated() {
                if n % 2 == 0 { replies.append(Reply(eventID: event.id, personID: person.id, status: n % 6 == 0 ? .declined : .accepted)) }
            }
            for slot in 0..<perEvent where records.count < recordCount {
                if slot == perEvent - 1 {
                    records.append(AttendanceRecord(eventID: event.id, guest: Guest(name: "Guest of \(event.id)", organisation: "Walk-in body",
                                                                                    sector: .youth, country: "UG"), status: .attended, source: "bench.csv:\(slot + 2)"))
                    continue
                }
                let person = invitees[slot % invitees.count]
                guard used.insert(person.id).inserted else { continue }
                if slot == 0, let deputy = person.deputyID, !used.contains(deputy) {
                    used.insert(deputy)
                    records.append(AttendanceRecord(eventID: event.id, personID: deputy, status: .attended, onBehalfOf: person.id, source: "bench.csv:2"))
                    continue
                }
                let status: AttendanceStatus = slot % 9 == 4 ? .absent : slot % 11 == 7 ? .excused : .attended
                records.append(AttendanceRecord(eventID: event.id, personID: person.id, status: status, source: "bench.csv:\(slot + 2)"))
            }
        }
        self.replies = ReplyBook(replies: replies)
        attendance = AttendanceBook(records: records)
        planYAML = Self.yaml(plan)
    }

    /// The plan as a person would write it in plan.yaml.
    static func yaml(_ plan: Plan) -> String {
        var out = "workspace: \(plan.name)\norganizer: {name: Bench, email: bench@bench.example}\norganisations:\n"
        for org in plan.organisations {
            let kind: String
            switch org.constituency {
            case .level(let level): kind = "level: \(level.rawValue)"
            case .sector(let sector): kind = "sector: \(sector.rawValue)"
            }
            out += "  - {id: \(org.id), name: \(org.name), country: \(org.country!), \(kind)}\n"
        }
        out += "people:\n"
        for person in plan.people {
            out += "  - {id: \(person.id), name: \(person.name), email: \(person.email!), organisation: \(person.organisationID!), timezone: UTC"
                + (person.deputyID.map { ", deputy: \($0)" } ?? "") + "}\n"
        }
        out += "venues:\n"
        for venue in plan.venues {
            out += "  - {id: \(venue.id), name: \(venue.name), city: Capital, country: \(venue.country!), timezone: UTC, capacity: 500}\n"
        }
        out += "series:\n"
        for series in plan.series {
            out += "  - {id: \(series.id), title: \(series.title), country: \(series.country!), cadence: {max-gap-months: 6}}\n"
        }
        out += "events:\n"
        for event in plan.events {
            guard case .timed(let start, let end, _) = event.timing else { continue }
            out += "  - id: \(event.id)\n    kind: \(event.kind.rawValue)\n    title: \(event.title)\n    series: \(event.seriesID!)\n"
            if let follows = event.followsID { out += "    follows: \(follows)\n" }
            out += "    start: \(start)\n    end: \(end)\n    venue: \(event.venueID!)\n    status: held\n"
            out += "    pillars: [\(event.pillars.map(\.rawValue).joined(separator: ", "))]\n"
            out += "    requires: {levels: [national, local], sectors: [civil-society], minimum: {local: 2}}\n    invite:\n"
            for invitation in event.invitations {
                switch invitation.invitee {
                case .person(let id): out += "      - {person: \(id), role: \(invitation.role.rawValue)}\n"
                case .organisation(let id): out += "      - {organisation: \(id), role: \(invitation.role.rawValue)}\n"
                }
            }
        }
        return out
    }

    /// Writes plan.yaml and the tool-owned records into `folder`.
    func write(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("records"), withIntermediateDirectories: true)
        try Data(planYAML.utf8).write(to: folder.appendingPathComponent("plan.yaml"))
        try attendance.save(workspace: folder)
        try WorkspaceRecords(replies: replies).save(workspace: folder)
    }
}
