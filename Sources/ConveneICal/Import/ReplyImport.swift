import ConveneCore

/// Reads iTIP REPLY files (RFC 5546) that attendees' calendar clients send back, and turns each
/// into a recorded reply, or a reason it was ignored.
public struct ReplyImport: Sendable {
    /// A reply that was not recorded, and why.
    public struct Ignored: Sendable, Hashable, Codable {
        public var file: String
        public var uid: String
        public var reason: String
        /// The line the refusal is about (RECURRENCE-ID of a reply to no sitting), when known.
        public var line: Int? = nil
    }

    public var accepted: [Reply] = []
    public var ignored: [Ignored] = []

    /// Reads one file. Throws when the file itself is unusable (not iCalendar, truncated, broken
    /// lines, not a REPLY); unknown events or attendees and stale replies are `ignored`.
    public static func read(_ input: CalendarInput, plan: Plan, ledger: ExportLedger) throws -> ReplyImport {
        // Cheap things first: a calendar that says it is no reply is told so before anything expands it.
        if let method = ICalInputLimits.calendarMethod(input.bytes), method != "REPLY" {
            throw InputError([ICalError(.notICalendar, file: input.name, line: method.isEmpty ? 1 : Self.line(of: "METHOD", in: String(decoding: input.bytes, as: UTF8.self)),
                                        message: "this is not a reply (METHOD is \(method.isEmpty ? "missing" : TerminalText.escaped(method)))",
                                        hint: "Import attendees' replies (METHOD:REPLY) here; to import someone's own calendar as busy time, add --busy-for PERSON.")])
        }
        // The same structural checks as every other reader, with line numbers.
        let checked = CalendarOccurrences.list([input], window: ConflictScanOptions.defaultWindow)
        if !checked.problems.isEmpty { throw InputError(checked.problems) }
        let text = String(decoding: input.bytes, as: UTF8.self)
        guard let tree = ICalTree.parse(text) else {
            throw InputError([ICalError(.unparsable, file: input.name, line: 1, message: "libical could not read this file",
                                        hint: "Check that it is an iCalendar reply (BEGIN:VCALENDAR ... METHOD:REPLY).")])
        }
        guard tree.method == "REPLY" else {
            throw InputError([ICalError(.notICalendar, file: input.name, line: Self.line(of: "METHOD", in: text),
                                        message: "this is not a reply (METHOD is \(tree.method ?? "missing"))",
                                        hint: "Import attendees' replies (METHOD:REPLY) here; to import someone's own calendar as busy time, add --busy-for PERSON.")])
        }
        let suffix = "@\(plan.name).convene"
        let events = Dictionary(plan.events.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var people: [String: Person] = [:]
        for person in plan.people {
            if let email = person.email { people["mailto:" + email.lowercased()] = person }
        }
        var result = ReplyImport()
        var sittings = ReplySitting(plan: plan)
        // The k-th RECURRENCE-ID line belongs to the k-th event that has one.
        let recurrenceLines = Self.lines(of: "RECURRENCE-ID", in: text)
        var recurrenceIDsSeen = 0
        for event in tree.events() {
            let identity = event.recurrenceIdentity()
            if identity != nil { recurrenceIDsSeen += 1 }
            let uid = event.uid ?? "(no UID)"
            func ignore(_ reason: String) { result.ignored.append(Ignored(file: input.name, uid: uid, reason: reason)) }
            guard uid.hasSuffix(suffix), case let eventID = String(uid.dropLast(suffix.count)), let planned = events[eventID] else {
                ignore("no event with this UID in workspace '\(plan.name)'")
                continue
            }
            let attendees = event.attendeeReplies()
            guard attendees.count == 1, let answer = attendees.first else {
                ignore("a reply must carry exactly one ATTENDEE (it has \(attendees.count))")
                continue
            }
            guard let person = people[answer.address.lowercased()] else {
                ignore("'\(answer.address)' is not invited: no person in the plan has this address")
                continue
            }
            if let sent = ledger.entries[eventID], event.sequence < sent.sequence {
                ignore("answers SEQUENCE \(event.sequence), but the invitation is at SEQUENCE \(sent.sequence): ask \(person.name) to answer the updated invitation")
                continue
            }
            guard let status = Self.status(answer.participation) else {
                ignore("PARTSTAT '\(answer.participation ?? "missing")' is not a reply (use ACCEPTED, DECLINED, TENTATIVE or DELEGATED)")
                continue
            }
            // A reply with RECURRENCE-ID answers one sitting: named by its venue-local start date.
            let named = identity.flatMap { id in
                id.clock != .instant ? CivilDate(daysSinceEpoch: Int(id.wall / 86_400))
                    : ZoneClock.wallTime(at: id.instant, in: planned.timing.timeZone)?.date
            }
            var occurrence: String?
            if let named {
                switch sittings.check(named, of: planned) {
                case .success(let date): occurrence = date
                case .failure(let refusal):
                    result.ignored.append(Ignored(file: input.name, uid: uid, reason: refusal.reason,
                                                  line: recurrenceLines.indices.contains(recurrenceIDsSeen - 1) ? recurrenceLines[recurrenceIDsSeen - 1] : nil))
                    continue
                }
            }
            result.accepted.append(Reply(eventID: eventID, personID: person.id, status: status,
                                         delegatedTo: answer.delegatedTo.first, sequence: event.sequence,
                                         occurrence: occurrence, comment: event.comment))
        }
        return result
    }

    /// The reply a PARTSTAT records (NEEDS-ACTION and unknown values record none).
    public static func status(_ partstat: String?) -> ReplyStatus? {
        switch partstat {
        case "ACCEPTED": .accepted
        case "DECLINED": .declined
        case "TENTATIVE": .tentative
        case "DELEGATED": .delegated
        default: nil
        }
    }

    /// The numbers of the lines that start with `property` (unfolded lines only, as written).
    static func lines(of property: String, in text: String) -> [Int] {
        var found: [Int] = []
        var number = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            if line.hasPrefix(property + ":") || line.hasPrefix(property + ";") { found.append(number) }
        }
        return found
    }

    static func line(of property: String, in text: String) -> Int { lines(of: property, in: text).first ?? 1 }
}
