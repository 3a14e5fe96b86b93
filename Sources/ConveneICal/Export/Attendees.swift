import ConveneCore

/// Every person of the plan by number, and what their ATTENDEE lines say whatever their role,
/// written once per export into one block of bytes: writing an event's attendees then copies
/// bytes, with no look-up by name, copy of a person or reference count shared between threads.
struct AttendeeTable: Sendable {
    /// Where one person's pieces are in `bytes`.
    struct Entry: Sendable {
        /// `;CN=...;CUTYPE=INDIVIDUAL;ROLE=`, then the role.
        var head: Range<Int>
        /// `;RSVP=TRUE`, the person's level or sector and organisation, `;X-CONVENE-ROLE=`, then the role.
        var middle: Range<Int>
        /// `mailto:` or `tel:` address; nil when the person has neither.
        var address: Range<Int>?
        /// The address as a parameter value (DELEGATED-TO, DELEGATED-FROM).
        var addressParameter: Range<Int>
    }

    /// Person number by id (the ids of `PlanIndex.people`), and id by number.
    let numbers: [String: Int]
    let ids: [String]
    let entries: [Entry]
    /// `ATTENDEE:address` by person number, for cancellations.
    let cancellationLines: [String]
    /// Level or sector by person number (`PlanIndex.constituency(of:)`).
    let constituencies: [Constituency?]
    /// Members' numbers by organisation id, in plan order (`PlanIndex.members`).
    let members: [String: [Int]]
    let bytes: ByteBlock

    init(_ index: PlanIndex) {
        var numbers: [String: Int] = [:], ids: [String] = [], entries: [Entry] = [], cancellationLines: [String] = []
        var constituencies: [Constituency?] = []
        var pieces = ContentLines(capacity: index.people.count * 160)
        func piece(_ write: (inout ContentLines) -> Void) -> Range<Int> {
            let start = pieces.bytes.count
            write(&pieces)
            return start..<pieces.bytes.count
        }
        for (id, person) in index.people.sorted(by: { $0.key < $1.key }) {
            numbers[id] = entries.count
            ids.append(id)
            let head = piece {
                $0.parameter("CN", person.name)
                $0.append(";CUTYPE=INDIVIDUAL;ROLE=")
            }
            let middle = piece {
                $0.parameter("RSVP", "TRUE")
                switch index.constituency(of: person) {
                case .level(let level)?: $0.parameter("X-CONVENE-LEVEL", level.rawValue)
                case .sector(let sector)?: $0.parameter("X-CONVENE-SECTOR", sector.rawValue)
                case nil: break
                }
                if let organisation = person.organisationID.flatMap({ index.organisations[$0] }) {
                    $0.parameter("X-CONVENE-ORGANISATION", organisation.name)
                }
                $0.append(";X-CONVENE-ROLE=")
            }
            let address = EventComponent.address(of: person)
            entries.append(Entry(head: head, middle: middle, address: address.map { value in piece { $0.append(value) } },
                                 addressParameter: piece { $0.appendParameterValue(address ?? "") }))
            cancellationLines.append(address.map { "ATTENDEE:" + $0 } ?? "")
            constituencies.append(index.constituency(of: person))
        }
        self.numbers = numbers
        self.ids = ids
        self.entries = entries
        self.cancellationLines = cancellationLines
        self.constituencies = constituencies
        members = index.members.mapValues { $0.compactMap { numbers[$0.id] } }
        bytes = ByteBlock(pieces.bytes)
    }
}

/// Writes an event's ATTENDEE lines; one per thread, its working arrays reused event after event.
struct AttendeeWriter {
    private let table: AttendeeTable
    /// By person number: 1 + where the person is in `invitees`, or 0.
    private var position: [Int32]
    /// By person number: the round in which the person was last marked (written, or seen).
    private var markedIn: [Int]
    private var round = 0
    private var invitees: [(person: Int, role: InvitationRole)] = []

    init(table: AttendeeTable) {
        self.table = table
        position = Array(repeating: 0, count: table.entries.count)
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
        } else {
            let rank = InvitationRole.allCases
            if rank.firstIndex(of: role)! < rank.firstIndex(of: invitees[at - 1].role)! { invitees[at - 1].role = role }
        }
    }

    /// Whether `person` is not yet marked in this round; marks them.
    private mutating func firstTime(_ person: Int) -> Bool {
        guard markedIn[person] != round else { return false }
        markedIn[person] = round
        return true
    }

    /// One ATTENDEE per invited person; stand-ins appear as delegates of the invitee. Each
    /// attendee's address also goes to `cancellation` (`ATTENDEE:address`).
    /// - Returns: with `membership`, who takes part and which constituencies the event reaches.
    mutating func write(_ event: Event, context: ExportContext, into lines: inout ContentLines, cancellation: inout [String],
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
        return membership ? self.membership(of: event, standIns: standIns, index: context.index) : nil
    }

    /// Who takes part (`PlanIndex.participants(of:)` with no replies: each invitee, or their
    /// stand-in, once) and `PlanIndex.invitedConstituencies(of:)`. A stand-in who is not in the
    /// plan is left out: there is no feed for them.
    private mutating func membership(of event: Event, standIns: [Int: Int], index: PlanIndex) -> FeedMembership {
        round += 1
        var people: [Int] = []
        var constituencies: Set<Constituency> = []
        for (person, _) in invitees {
            if let constituency = table.constituencies[person] { constituencies.insert(constituency) }
            let attendee = standIns[person] ?? person
            if attendee >= 0 && firstTime(attendee) { people.append(attendee) }
        }
        for invitation in event.invitations {
            if case .organisation(let id) = invitation.invitee, let organisation = index.organisations[id] {
                constituencies.insert(organisation.constituency)
            }
        }
        return FeedMembership(people: people, constituencies: Array(constituencies))
    }

    private mutating func writeLines(_ event: Event, standIns: [Int: Int], context: ExportContext,
                                     into lines: inout ContentLines, cancellation: inout [String], answering: Int) {
        let hasReplies = context.eventsWithReplies.contains(event.id)
        let table = self.table
        func status(_ person: Int) -> String {
            EventComponent.partstat(hasReplies ? context.replies.status(of: table.ids[person], at: event.id, answering: answering) : nil)
        }
        let bytes = table.bytes.bytes.assumingMemoryBound(to: UInt8.self)
        do {
            func append(_ range: Range<Int>) { lines.append(UnsafeBufferPointer(rebasing: bytes[range])) }
            func begin(_ person: AttendeeTable.Entry, _ role: InvitationRole) {
                lines.begin("ATTENDEE")
                append(person.head)
                lines.appendParameterValue(EventComponent.icalRole(role))
                append(person.middle)
                lines.appendParameterValue(role.rawValue)
            }
            for (person, role) in invitees {
                let attendee = table.entries[person]
                guard let address = attendee.address, firstTime(person) else { continue }
                if let standIn = standIns[person], standIn >= 0, let standInAddress = table.entries[standIn].address {
                    let delegate = table.entries[standIn]
                    begin(attendee, role)
                    lines.append(";PARTSTAT=DELEGATED;DELEGATED-TO=")
                    append(delegate.addressParameter)
                    lines.append(":")
                    append(address)
                    lines.endLine()
                    cancellation.append(table.cancellationLines[person])
                    if firstTime(standIn) {
                        begin(delegate, role)
                        lines.append(";PARTSTAT=")
                        lines.append(status(standIn))
                        lines.append(";DELEGATED-FROM=")
                        append(attendee.addressParameter)
                        lines.append(":")
                        append(standInAddress)
                        lines.endLine()
                        cancellation.append(table.cancellationLines[standIn])
                    }
                } else if hasReplies, let delegate = context.replies.delegate(of: table.ids[person], at: event.id, answering: answering) {
                    // Delegated by reply (RFC 5546 §3.2.2.3): DELEGATED-TO on the invitee, and the
                    // delegate invited with DELEGATED-FROM (a plan person, or the address as given).
                    begin(attendee, role)
                    lines.append(";PARTSTAT=DELEGATED;DELEGATED-TO=")
                    lines.appendParameterValue(delegate)
                    lines.append(":")
                    append(address)
                    lines.endLine()
                    cancellation.append(table.cancellationLines[person])
                    if let number = context.peopleByAddress[delegate.lowercased()] {
                        if firstTime(number), let delegateAddress = table.entries[number].address {
                            begin(table.entries[number], role)
                            lines.append(";PARTSTAT=")
                            lines.append(status(number))
                            lines.append(";DELEGATED-FROM=")
                            append(attendee.addressParameter)
                            lines.append(":")
                            append(delegateAddress)
                            lines.endLine()
                            cancellation.append(table.cancellationLines[number])
                        }
                    } else {
                        lines.begin("ATTENDEE")
                        lines.append(";CUTYPE=INDIVIDUAL;ROLE=")
                        lines.appendParameterValue(EventComponent.icalRole(role))
                        lines.append(";PARTSTAT=NEEDS-ACTION;RSVP=TRUE;DELEGATED-FROM=")
                        append(attendee.addressParameter)
                        lines.append(":")
                        lines.append(delegate)
                        lines.endLine()
                        cancellation.append("ATTENDEE:" + delegate)
                    }
                } else {
                    begin(attendee, role)
                    lines.append(";PARTSTAT=")
                    lines.append(status(person))
                    lines.append(":")
                    append(address)
                    lines.endLine()
                    cancellation.append(table.cancellationLines[person])
                }
            }
        }
    }
}

/// Who takes part in an event (person numbers of `AttendeeTable`) and which constituencies it
/// reaches: which feeds of people, levels and sectors hold it.
struct FeedMembership: Sendable {
    var people: [Int]
    var constituencies: [Constituency]
}
