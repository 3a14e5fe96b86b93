/// Counts one event's invitations, replies and attendance by level and sector.
///
/// A class so that sorting and grouping thousands of them moves references, not large values;
/// counts are kept in arrays indexed by ``ReportLookup/rank`` rather than in dictionaries.
final class EventTally: Sendable {
    let representation: EventRepresentation
    /// Per level and sector (by rank): reached by the invitations (organisations count even without members).
    let planned: [Bool]
    /// Per level and sector (by rank): invitees, and people present: named attendees or the head
    /// count (`attended-count:`), whichever is larger, never their sum.
    let invitedBy: [Int]
    let attendedBy: [Int]
    /// Someone who attended: who they are, the seat they filled (a deputy fills their principal's)
    /// and that seat's rank, -1 when unknown.
    struct Presence: Sendable {
        /// Person (or guest) numbers from ``ReportScratch``.
        var attendee: Int
        var seat: Int
        var rank: Int
    }

    let present: [Presence]
    /// Everyone present and every seat filled: someone came back to this event when they, or
    /// their seat, are in here.
    let presentKeys: Set<Int>
    /// UTC start for ordering; nil when unscheduled.
    let start: UnixSeconds?
    /// Venue-local first and last days of the (first) occurrence; nil when unscheduled.
    let firstDay: CivilDate?
    let lastDay: CivilDate?

    /// - Parameter sitting: for one sitting of a recurring event, its venue-local start: the row is
    ///   `EVENT@DATE`, dated that day, and counts the replies and attendance of that sitting.
    init(event: Event, sitting: CivilDateTime? = nil, lookup: ReportLookup, records: ArraySlice<AttendanceRecord>,
         scratch: inout ReportScratch) {
        var firstDay = Self.firstDate(of: event)
        var lastDay = Self.lastDate(of: event)
        var start = EventClock.firstStart(of: event)
        let sittingKey = sitting.map { Sitting.key(event.id, occurrence: $0.date.description) }
        if let sitting, let first = firstDay, let last = lastDay {
            firstDay = sitting.date
            lastDay = sitting.date.adding(days: last.daysSinceEpoch - first.daysSinceEpoch)
            start = ZoneClock.instant(sitting, in: event.timing.timeZone) ?? start
        }
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.start = start
        let count = ReportLookup.all.count
        var invitedBy = [Int](repeating: 0, count: count), acceptedBy = invitedBy, attendedBy = invitedBy
        var planned = [Bool](repeating: false, count: count)

        // Invitees (by number): each person once, organisations expanded to their members.
        scratch.stamp += 1
        let stamp = scratch.stamp
        var invitees: [Int] = []
        for invitation in event.invitations {
            switch invitation.invitee {
            case .person(let id):
                if let n = lookup.personNumber[id], scratch.invited[n] != stamp {
                    scratch.invited[n] = stamp
                    invitees.append(n)
                }
            case .organisation(let id):
                if let rank = lookup.rankOfOrganisation[id] { planned[rank] = true }
                for n in lookup.memberNumbers[id] ?? [] where scratch.invited[n] != stamp {
                    scratch.invited[n] = stamp
                    invitees.append(n)
                }
            }
        }
        var answers = lookup.replies[event.id]
        if let sittingKey, let own = lookup.replies[sittingKey] {
            answers = (answers ?? [:]).merging(own) { _, sitting in sitting }
        }
        var accepted = 0
        for n in invitees {
            let answer = answers?[n]
            let yes = answer == .accepted || answer == .delegated
            if yes { accepted += 1 }
            let rank = lookup.rankOfNumber[n]
            guard rank >= 0 else { continue }
            planned[rank] = true
            invitedBy[rank] += 1
            if yes { acceptedBy[rank] += 1 }
        }

        var room = Room(records, lookup: lookup, attendedBy: &attendedBy, scratch: &scratch)
        let present = room.present
        // Head counts (of the event, or of this sitting): present is the larger of names and count.
        let headCount = event.headCount?.sitting(sitting?.date.description)
        var countedBy = [Int](repeating: 0, count: count)
        for (constituency, n) in headCount?.byConstituency ?? [:] {
            if let rank = ReportLookup.rank[constituency] { countedBy[rank] += n }
        }
        let named = attendedBy
        for rank in 0..<count { attendedBy[rank] = max(attendedBy[rank], countedBy[rank]) }
        let recorded = !records.isEmpty || headCount != nil
        // Who was missing can be told from names, or from a count by level and sector; a bare total cannot.
        let judged = !records.isEmpty || !(headCount?.byConstituency.isEmpty ?? true)
        // Once names are recorded, an invitee who is on no record (and no deputy came for) was absent.
        if !records.isEmpty {
            for n in invitees where scratch.present[n] != stamp && scratch.noted[n] != stamp { room.absent += 1 }
        }

        let requirements = event.requirements
        var required = [Bool](repeating: false, count: count)
        var minimum = [Int?](repeating: nil, count: count)
        for level in requirements.levels { required[ReportLookup.rank[.level(level)]!] = true }
        for sector in requirements.sectors { required[ReportLookup.rank[.sector(sector)]!] = true }
        for (level, value) in requirements.minimumPerLevel { minimum[ReportLookup.rank[.level(level)]!] = value }
        var tallies: [ConstituencyTally] = []
        var missingPlanned: [String] = [], missingActual: [String] = []
        for rank in 0..<count where invitedBy[rank] > 0 || attendedBy[rank] > 0 || required[rank] || planned[rank] || minimum[rank] != nil {
            let name = ReportLookup.names[rank]
            var tally = ConstituencyTally(constituency: name, isLevel: rank < ReportLookup.levelCount,
                                          invited: invitedBy[rank], accepted: acceptedBy[rank], attended: named[rank],
                                          required: required[rank], minimum: minimum[rank],
                                          counted: countedBy[rank] > 0 ? countedBy[rank] : nil)
            if tally.required, !planned[rank] {
                tally.gap = .notInvited
                missingPlanned.append(name)
            }
            if judged, tally.required, tally.present == 0 {
                tally.gap = tally.gap ?? .absent
                missingActual.append(name)
            } else if judged, let minimum = tally.minimum, tally.present < minimum {
                tally.gap = tally.gap ?? .belowMinimum
            }
            tallies.append(tally)
        }
        let national = ReportLookup.rank[.level(.national)]!
        let local = ReportLookup.rank[.level(.local)]!, neighbourhood = ReportLookup.rank[.level(.neighbourhood)]!

        let isFirstSitting = sitting == nil || lookup.sittings.starts[event.id]?.first == sitting
        representation = EventRepresentation(
            id: sittingKey ?? event.id, title: event.title, kind: event.kind.rawValue, status: event.status.rawValue,
            date: firstDay.map { Self.iso($0) }, recurs: event.recurrence != nil,
            country: lookup.index.country(of: event), series: event.seriesID ?? (sitting != nil ? event.id : nil),
            follows: isFirstSitting ? event.followsID : nil,
            pillars: event.pillars.map(\.rawValue), invited: invitees.count, accepted: accepted,
            represented: invitees.reduce(0) { $0 + (scratch.present[$1] == stamp ? 1 : 0) },
            attended: room.attended, counted: headCount?.people, absent: room.absent, excused: room.excused, guests: room.guests, deputies: room.deputies,
            repliesRecorded: answers != nil, attendanceRecorded: recorded,
            tallies: tallies, missingPlanned: missingPlanned, missingActual: missingActual,
            nationalAndLocal: judged ? attendedBy[national] > 0 && attendedBy[local] + attendedBy[neighbourhood] > 0 : nil,
            nationalAndLocalInvited: planned[national] && (planned[local] || planned[neighbourhood]),
            sittingOf: sitting == nil ? nil : event.id)
        self.planned = planned
        self.invitedBy = invitedBy
        self.attendedBy = attendedBy
        self.present = present
        var keys = Set<Int>(minimumCapacity: present.count * 2)
        for presence in present {
            keys.insert(presence.attendee)
            keys.insert(presence.seat)
        }
        presentKeys = keys
    }

    /// Who was in the room, from an event's attendance records.
    struct Room {
        var present: [Presence] = []
        var attended = 0, absent = 0, excused = 0, guests = 0, deputies = 0

        /// Counts the records, adding each attendee to `attendedBy` at their rank and stamping the
        /// plan people present (in person, or through a deputy) in `scratch.present`.
        init(_ records: ArraySlice<AttendanceRecord>, lookup: ReportLookup, attendedBy: inout [Int], scratch: inout ReportScratch) {
            present.reserveCapacity(records.count)
            for record in records { add(record, lookup: lookup, attendedBy: &attendedBy, scratch: &scratch) }
        }

        private mutating func add(_ record: AttendanceRecord, lookup: ReportLookup, attendedBy: inout [Int], scratch: inout ReportScratch) {
            switch record.status {
            case .absent, .excused:
                if record.status == .absent { absent += 1 } else { excused += 1 }
                if let id = record.personID { scratch.stampNoted(scratch.number(person: id, lookup: lookup)) }
                return
            case .attended: attended += 1
            }
            let attendee: Int
            var rank = -1
            if let id = record.personID {
                attendee = scratch.number(person: id, lookup: lookup)
                if attendee < lookup.rankOfNumber.count { rank = lookup.rankOfNumber[attendee] }
            } else {
                guests += 1
                // A guest is known by the email or name as recorded (the book holds one record per guest).
                attendee = scratch.number(guest: record.guest?.email ?? record.guest?.name ?? "")
                rank = record.guest?.constituency.flatMap { ReportLookup.rank[$0] } ?? -1
            }
            if rank >= 0 { attendedBy[rank] += 1 }
            scratch.stampPresent(attendee)
            if let principal = record.onBehalfOf {
                deputies += 1
                let seat = scratch.number(person: principal, lookup: lookup)
                scratch.stampPresent(seat)
                let seatRank = seat < lookup.rankOfNumber.count ? lookup.rankOfNumber[seat] : -1
                present.append(Presence(attendee: attendee, seat: seat, rank: seatRank >= 0 ? seatRank : rank))
            } else {
                present.append(Presence(attendee: attendee, seat: attendee, rank: rank))
            }
        }
    }

    /// `YYYY-MM-DD`, without Foundation's `String(format:)` (slow when called for every event).
    static func iso(_ date: CivilDate) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))"
    }

    /// The venue-local first day of the event. (Not inlined: Swift 6.3's optimiser crashes when it
    /// inlines this switch into `init`.)
    @inline(never)
    static func firstDate(of event: Event) -> CivilDate? {
        switch event.timing {
        case .timed(let start, _, _): start.date
        case .allDay(let first, _, _): first
        case .unscheduled: nil
        }
    }

    /// The venue-local last day of the event's first occurrence.
    @inline(never)
    static func lastDate(of event: Event) -> CivilDate? {
        switch event.timing {
        case .timed(_, let end, _): end.minuteOfDay == 0 ? end.date.adding(days: -1) : end.date
        case .allDay(_, let last, _): last
        case .unscheduled: nil
        }
    }
}

/// Look-ups built once per report: where each person and organisation sits, members, replies.
struct ReportLookup: Sendable {
    /// Every level and sector, levels first, each in declared order: the order of columns.
    static let all: [Constituency] = GovernmentLevel.allCases.map(Constituency.level) + Sector.allCases.map(Constituency.sector)
    static let levelCount = GovernmentLevel.allCases.count
    static let rank: [Constituency: Int] = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1, $0) })
    static let names: [String] = all.map(\.description)

    let index: PlanIndex
    /// Plan people numbered in plan order; counts and stamps are kept in arrays by number.
    let personNumber: [String: Int]
    /// Rank of each numbered person's level or sector, -1 when unknown.
    let rankOfNumber: [Int]
    let rankOfOrganisation: [String: Int]
    /// Member numbers by organisation id.
    let memberNumbers: [String: [Int]]
    /// Latest reply status by event (or sitting, `EVENT@DATE`, for replies to one sitting), then person number.
    let replies: [String: [Int: ReplyStatus]]
    /// The sittings of recurring events: each its own row.
    let sittings: SittingCalendar

    init(index: PlanIndex, replies book: ReplyBook, sittings: SittingCalendar = SittingCalendar()) {
        self.index = index
        self.sittings = sittings
        var numbers: [String: Int] = [:], ranks: [Int] = []
        for person in index.plan.people where numbers[person.id] == nil {
            numbers[person.id] = ranks.count
            ranks.append(index.constituency(of: person).flatMap { Self.rank[$0] } ?? -1)
        }
        personNumber = numbers
        rankOfNumber = ranks
        rankOfOrganisation = index.organisations.mapValues { Self.rank[$0.constituency]! }
        memberNumbers = index.members.mapValues { $0.compactMap { numbers[$0.id] } }
        var replies: [String: [Int: ReplyStatus]] = [:]
        for reply in book.replies {
            guard let n = numbers[reply.personID] else { continue }
            replies[Sitting.key(reply.eventID, occurrence: reply.occurrence), default: [:]][n] = reply.status
        }
        self.replies = replies
    }
}

/// Working memory reused from one event to the next: stamps that mark who is invited and who is
/// present at the current event (no per-event sets of names), and numbers for people the plan does
/// not know (guests, people since removed from the plan), stable across events.
struct ReportScratch {
    var invited: [Int]
    var present: [Int]
    /// Plan people recorded as absent or excused at the current event.
    var noted: [Int]
    var stamp = 0
    private var others: [String: Int] = [:]
    private let people: Int

    init(people: Int) {
        self.people = people
        invited = [Int](repeating: 0, count: people)
        present = invited
        noted = invited
    }

    /// The number of a plan person, or a number of its own for an id the plan no longer has.
    mutating func number(person id: String, lookup: ReportLookup) -> Int {
        lookup.personNumber[id] ?? other("person:" + id)
    }

    mutating func number(guest key: String) -> Int { other("guest:" + key) }

    private mutating func other(_ key: String) -> Int {
        if let known = others[key] { return known }
        let n = people + others.count
        others[key] = n
        return n
    }

    /// Marks a plan person as recorded absent or excused at the current event.
    mutating func stampNoted(_ n: Int) {
        if n < people { noted[n] = stamp }
    }

    /// Marks a plan person as present at the current event (others are not stamped).
    mutating func stampPresent(_ n: Int) {
        if n < people { present[n] = stamp }
    }
}
