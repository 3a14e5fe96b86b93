import ConveneCore

/// Every person of the plan by number, and what their ATTENDEE lines say whatever their role,
/// worked out once per export: writing an event's attendees then needs no look-up by name and no
/// copy of a person.
struct AttendeeTable: Sendable {
    /// One person's ATTENDEE, the role and reply status left to each event.
    struct Entry: Sendable {
        var name: String
        /// `mailto:` or `tel:` address; nil when the person has neither.
        var address: String?
        /// The person's level or sector and organisation, as X- parameters.
        var extensions: [(name: String, value: String)]
    }

    /// Person number by id (the ids of `PlanIndex.people`), and id by number.
    let numbers: [String: Int]
    let ids: [String]
    let entries: [Entry]
    /// `ATTENDEE:address` by person number (as libical writes it), kept for cancellations.
    let cancellationLines: [String]
    /// Whether the person has an address (and so an ATTENDEE line), by person number.
    let hasAddress: [Bool]
    /// Level or sector by person number (`PlanIndex.constituency(of:)`).
    let constituencies: [Constituency?]
    /// Members' numbers by organisation id, in plan order (`PlanIndex.members`).
    let members: [String: [Int]]

    init(_ index: PlanIndex) {
        var numbers: [String: Int] = [:], ids: [String] = [], entries: [Entry] = []
        var constituencies: [Constituency?] = []
        for (id, person) in index.people.sorted(by: { $0.key < $1.key }) {
            numbers[id] = entries.count
            ids.append(id)
            var extensions: [(name: String, value: String)] = []
            switch index.constituency(of: person) {
            case .level(let level)?: extensions.append(("X-CONVENE-LEVEL", level.rawValue))
            case .sector(let sector)?: extensions.append(("X-CONVENE-SECTOR", sector.rawValue))
            case nil: break
            }
            if let organisation = person.organisationID.flatMap({ index.organisations[$0] }) {
                extensions.append(("X-CONVENE-ORGANISATION", organisation.name))
            }
            let address = EventComponent.address(of: person)
            entries.append(Entry(name: person.name, address: address, extensions: extensions))
            constituencies.append(index.constituency(of: person))
        }
        self.numbers = numbers
        self.ids = ids
        self.entries = entries
        // A libical property made and written for each person: on every core (every export
        // waits for this table before its first event).
        let addresses = entries.map(\.address)
        cancellationLines = Parallel.map(Parallel.ranges(addresses.count, minimum: 512)) { range in
            addresses[range].map { $0.map(BuiltAttendee.bareLine) ?? "" }
        }.flatMap { $0 }
        hasAddress = entries.map { $0.address != nil }
        self.constituencies = constituencies
        members = index.members.mapValues { $0.compactMap { numbers[$0.id] } }
    }

    /// What a person's ATTENDEE says at one event.
    func attendee(_ person: Int, role: InvitationRole, participation: BuiltAttendee.Participation,
                  delegatedTo: String? = nil, delegatedFrom: String? = nil) -> BuiltAttendee {
        let entry = entries[person]
        return BuiltAttendee(address: entry.address ?? "", name: entry.name, role: EventComponent.icalRole(role),
                             participation: participation, delegatedTo: delegatedTo, delegatedFrom: delegatedFrom,
                             extensions: entry.extensions + [("X-CONVENE-ROLE", role.rawValue)])
    }
}

/// Writes an event's ATTENDEE lines; one per thread, its working arrays reused event after event.
/// Each line is built and written by libical (`BuiltAttendee.serialized`) the first time this
/// writer needs that person in that role with that reply status, and reused after that: a person
/// invited to hundreds of events costs libical one line, not hundreds.
struct AttendeeWriter {
    private let table: AttendeeTable
    /// The lines written so far, one after another: one block of bytes, so that copying a line
    /// into an event touches no reference count and no separate allocation per line.
    private var arena: [UInt8] = []
    /// By `slot(person, role, participation)`: where the line is in `arena`; length 0 until written.
    private var lineStart: [Int32], lineLength: [Int32]
    /// `AttendeeTable.cancellationLines` as bytes, one after another (this thread's own copy),
    /// each line's from `cancellationStart[person]` to `cancellationStart[person + 1]`.
    private let cancellationBytes: [UInt8]
    private let cancellationStart: [Int]
    /// By person number: 1 + where the person is in `invitees`, or 0.
    private var position: [Int32]
    /// By person number: the round in which the person was last marked (written, or seen).
    private var markedIn: [Int]
    private var round = 0
    private var invitees: [(person: Int, role: InvitationRole)] = []

    init(table: AttendeeTable) {
        self.table = table
        position = Array(repeating: 0, count: table.entries.count)
        lineStart = Array(repeating: 0, count: table.entries.count * Self.slotsPerPerson)
        lineLength = lineStart
        var bytes: [UInt8] = [], start = [0]
        for line in table.cancellationLines {
            bytes += line.utf8
            start.append(bytes.count)
        }
        cancellationBytes = bytes
        cancellationStart = start
        markedIn = Array(repeating: 0, count: table.entries.count)
    }

    /// Each person invited to an event once, with their strongest role, organisations expanded:
    /// `PlanIndex.invitees(of:)` by person number.
    private mutating func collectInvitees(of event: Event) {
        for invitee in invitees { position[invitee.person] = 0 }
        invitees.removeAll(keepingCapacity: true)
        for invitation in event.invitations {
            switch invitation.invitee {
            case .person(let id):
                if let person = table.numbers[id] { add(person, invitation.role) }
            case .organisation(let id):
                for person in table.members[id] ?? [] { add(person, invitation.role) }
            }
        }
    }

    private mutating func add(_ person: Int, _ role: InvitationRole) {
        let at = Int(position[person])
        if at == 0 {
            invitees.append((person, role))
            position[person] = Int32(invitees.count)
        } else if Self.rank(role) < Self.rank(invitees[at - 1].role) {
            invitees[at - 1].role = role
        }
    }

    /// Where `role` stands in `InvitationRole.allCases` (the strongest first), without a look-up.
    private static func rank(_ role: InvitationRole) -> Int {
        switch role {
        case .chair: 0
        case .coChair: 1
        case .host: 2
        case .speaker: 3
        case .required: 4
        case .optional: 5
        case .observer: 6
        }
    }

    private static let slotsPerPerson = 7 * 5

    private static func slot(_ person: Int, _ role: InvitationRole, _ participation: BuiltAttendee.Participation) -> Int {
        let participationIndex: Int
        switch participation {
        case .needsAction: participationIndex = 0
        case .accepted: participationIndex = 1
        case .declined: participationIndex = 2
        case .tentative: participationIndex = 3
        case .delegated: participationIndex = 4
        }
        return person * slotsPerPerson + rank(role) * 5 + participationIndex
    }

    /// Whether `person` is not yet marked in this round; marks them.
    private mutating func firstTime(_ person: Int) -> Bool {
        guard markedIn[person] != round else { return false }
        markedIn[person] = round
        return true
    }

    /// One ATTENDEE per invited person; stand-ins appear as delegates of the invitee. Each
    /// attendee's address also goes to `cancellation` (a line feed, then `ATTENDEE:address`).
    /// - Returns: with `membership`, who takes part and which constituencies the event reaches.
    /// - Parameter answering: the SEQUENCE replies must answer to count as PARTSTAT (a reschedule
    ///   raises it: earlier replies go back to NEEDS-ACTION).
    mutating func write(_ event: Event, context: ExportContext, into lines: inout [UInt8], cancellation: inout [UInt8],
                        membership: Bool, answering: Int = 0) -> FeedMembership? {
        round += 1
        collectInvitees(of: event)
        var standIns: [Int: Int] = [:]
        for invitation in event.invitations {
            if case .person(let id) = invitation.invitee, let standIn = invitation.standInID, let person = table.numbers[id] {
                standIns[person] = table.numbers[standIn] ?? -1
            }
        }
        writeLines(event, standIns: standIns, context: context, into: &lines, cancellation: &cancellation, answering: answering)
        return membership ? self.membership(of: event, standIns: standIns, context: context) : nil
    }

    /// Who takes part (`PlanIndex.participants(of:)` with no replies: each invitee, or their
    /// stand-in, once) and `PlanIndex.invitedConstituencies(of:)`. A stand-in who is not in the
    /// plan is left out: there is no feed for them.
    private mutating func membership(of event: Event, standIns: [Int: Int], context: ExportContext) -> FeedMembership {
        round += 1
        var people: [Int] = []
        var constituencies: Set<Constituency> = []
        for (person, _) in invitees {
            if let constituency = table.constituencies[person] { constituencies.insert(constituency) }
            let attendee = standIns[person] ?? person
            if attendee >= 0 && firstTime(attendee) { people.append(attendee) }
        }
        for invitation in event.invitations {
            if case .organisation(let id) = invitation.invitee, let constituency = context.index.organisations[id]?.constituency {
                constituencies.insert(constituency)
            }
        }
        return FeedMembership(people: people, constituencies: Array(constituencies))
    }

    private mutating func writeLines(_ event: Event, standIns: [Int: Int], context: ExportContext,
                                     into out: inout [UInt8], cancellation: inout [UInt8], answering: Int) {
        let hasReplies = context.eventsWithReplies.contains(event.id)
        // `table` read where it is, not copied for each event (a copy retains each of its tables).
        func status(_ person: Int) -> BuiltAttendee.Participation {
            EventComponent.participation(hasReplies ? context.replies.status(of: table.ids[person], at: event.id, answering: answering) : nil)
        }
        for index in invitees.indices {
            let (person, role) = invitees[index]
            guard table.hasAddress[person], firstTime(person) else { continue }
            if let standIn = standIns.isEmpty ? nil : standIns[person], standIn >= 0, let standInAddress = table.entries[standIn].address {
                let address = table.entries[person].address!
                out += table.attendee(person, role: role, participation: .delegated, delegatedTo: standInAddress).serialized()
                cancel(person, into: &cancellation)
                if firstTime(standIn) {
                    out += table.attendee(standIn, role: role, participation: status(standIn), delegatedFrom: address).serialized()
                    cancel(standIn, into: &cancellation)
                }
            } else if hasReplies, let delegate = context.replies.delegate(of: table.ids[person], at: event.id, answering: answering) {
                // Delegated by reply (RFC 5546 §3.2.2.3): DELEGATED-TO on the invitee, and the
                // delegate invited with DELEGATED-FROM (a plan person, or the address as given).
                let address = table.entries[person].address!
                out += table.attendee(person, role: role, participation: .delegated, delegatedTo: delegate).serialized()
                cancel(person, into: &cancellation)
                if let number = context.peopleByAddress[delegate.lowercased()] {
                    if firstTime(number), table.entries[number].address != nil {
                        out += table.attendee(number, role: role, participation: status(number), delegatedFrom: address).serialized()
                        cancel(number, into: &cancellation)
                    }
                } else {
                    let name = delegate.hasPrefix("mailto:") ? String(delegate.dropFirst(7)) : delegate
                    out += BuiltAttendee(address: delegate, name: name, role: EventComponent.icalRole(role), participation: .needsAction,
                                         delegatedTo: nil, delegatedFrom: address, extensions: []).serialized()
                    // Its cancellation line as libical writes it, as every other attendee's is.
                    cancellation.append(0x0A)
                    cancellation += BuiltAttendee.bareLine(delegate).utf8
                }
            } else {
                // Most attendees: the line this writer already has.
                let participation = status(person)
                let slot = Self.slot(person, role, participation)
                if lineLength[slot] == 0 {
                    let line = table.attendee(person, role: role, participation: participation).serialized()
                    lineStart[slot] = Int32(arena.count)
                    lineLength[slot] = Int32(line.count)
                    arena += line
                }
                let start = Int(lineStart[slot]), end = start + Int(lineLength[slot])
                arena.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<end])) }
                cancel(person, into: &cancellation)
            }
        }
    }
}

extension AttendeeWriter {
    /// A line feed and the person's cancellation line (`ATTENDEE:address`).
    fileprivate func cancel(_ person: Int, into cancellation: inout [UInt8]) {
        cancellation.append(0x0A)
        cancellationBytes.withUnsafeBufferPointer {
            cancellation.append(contentsOf: UnsafeBufferPointer(rebasing: $0[cancellationStart[person]..<cancellationStart[person + 1]]))
        }
    }
}

/// Who takes part in an event (person numbers of `AttendeeTable`) and which constituencies it
/// reaches: which feeds of people, levels and sectors hold it.
struct FeedMembership: Sendable {
    var people: [Int]
    var constituencies: [Constituency]
}
