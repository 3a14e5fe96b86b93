import Foundation

/// Something worth telling the organiser about a row that was recorded.
public struct AttendanceNote: Sendable, Hashable, Codable {
    /// The sheet line, or nil for the command line.
    public var line: Int?
    public var message: String

    public init(line: Int?, message: String) {
        self.line = line
        self.message = message
    }
}

/// What a sign-in sheet (or one command-line entry) means for the plan: the records to write,
/// the near misses left out for a person to decide, and notes on what was inferred.
public struct AttendanceImport: Sendable, Hashable, Codable {
    public var eventID: String
    /// One record per attendee, in sheet order.
    public var records: [AttendanceRecord]
    /// Rows that resemble a plan person without matching; not in `records`.
    public var nearMisses: [NearMiss]
    /// Near misses recorded as their suggestion (`--accept-suggestions`).
    public var accepted: [NearMiss]
    public var notes: [AttendanceNote]
    /// Data rows read from the sheet (blank rows not counted).
    public var rowsRead: Int

    public init(eventID: String, records: [AttendanceRecord] = [], nearMisses: [NearMiss] = [],
                accepted: [NearMiss] = [], notes: [AttendanceNote] = [], rowsRead: Int = 0) {
        self.eventID = eventID
        self.records = records
        self.nearMisses = nearMisses
        self.accepted = accepted
        self.notes = notes
        self.rowsRead = rowsRead
    }

    public var guests: Int { records.filter { $0.guest != nil }.count }
    public var deputies: Int { records.filter { $0.onBehalfOf != nil }.count }
}

/// Turns sign-in sheets and command-line entries into attendance records for one event.
public enum AttendanceImporter {
    /// The event with this id, or an error suggesting the closest one.
    public static func event(_ id: String, in index: PlanIndex) throws -> Event {
        guard let event = index.events[id] else {
            throw ReferenceError.unknown("event", id, among: index.plan.events.map(\.id),
                                         listing: "`convene events` lists the plan's events")
        }
        if event.status == .cancelled {
            throw ReferenceError(message: "event '\(id)' is cancelled in the plan; nobody can attend it",
                                 hint: "check the event id, or change its `status:` in plan.yaml if it did take place")
        }
        return event
    }

    /// One person's attendance, as given on the command line (`--person`, `--status`, `--for`).
    public static func single(person personID: String, status: AttendanceStatus, onBehalfOf principal: String?,
                              event: Event, index: PlanIndex) throws -> AttendanceImport {
        let listing = "people are listed under `people:` in plan.yaml"
        guard let person = index.people[personID] else {
            throw ReferenceError.unknown("person", personID, among: Array(index.people.keys).sorted(), listing: listing)
        }
        let invited = Set(index.invitees(of: event).map(\.person.id))
        var notes: [AttendanceNote] = []
        var behalf = principal
        if let principal {
            guard index.people[principal] != nil else {
                throw ReferenceError.unknown("person", principal, among: Array(index.people.keys).sorted(), listing: listing)
            }
            try checkPrincipal(principal, of: personID, status: status, invited: invited, event: event).map { throw $0 }
        } else if status == .attended, !invited.contains(personID) {
            behalf = inferredPrincipal(of: person, event: event, index: index, attending: [])
            notes.append(uninvitedNote(person, principal: behalf, event: event, index: index, line: nil))
        }
        let record = AttendanceRecord(eventID: event.id, personID: personID, status: status, onBehalfOf: behalf,
                                      source: "command line")
        return AttendanceImport(eventID: event.id, records: [record], notes: notes, rowsRead: 0)
    }

    /// Reads every row of a sheet. Throws ``InputError`` (nothing is to be recorded) when any row
    /// is unusable: no name or email, an unknown status, level, sector, person or `for` value.
    public static func read(_ sheet: SignInSheet, event: Event, index: PlanIndex,
                            acceptSuggestions: Bool = false) throws -> AttendanceImport {
        let layout = try SheetLayout(sheet)
        let matcher = PersonMatcher(index: index, event: event)
        var result = AttendanceImport(eventID: event.id, rowsRead: sheet.rows.count)
        var diagnostics: [Diagnostic] = []
        var lineOf: [String: Int] = [:]
        var position: [String: Int] = [:]
        let source = URL(fileURLWithPath: sheet.file).lastPathComponent

        for row in sheet.rows {
            func fail(_ column: SheetColumn?, _ message: String, _ hint: String) {
                diagnostics.append(Diagnostic(location: SourceLocation(file: sheet.file, line: row.line,
                                                                       column: column.map(layout.number) ?? 1),
                                              message: message, hint: hint))
            }
            let name = layout.value(.name, in: row), email = layout.value(.email, in: row)
            guard name != nil || email != nil else {
                fail(layout.index[.name] != nil ? .name : .email, "this row has neither a name nor an email",
                     "write the person's name (or email) on the row, or delete the row")
                continue
            }
            let statusText = layout.value(.status, in: row) ?? ""
            guard let status = AttendanceStatus(sheetValue: statusText) else {
                fail(.status, "unknown status '\(statusText)'",
                     "write attended, absent or excused (also understood: present, x, apologies, no-show); an empty cell means attended")
                continue
            }
            let written = name ?? email!
            var personID: String?
            if let id = layout.value(.person, in: row) {
                if id.lowercased() != "guest" {
                    guard index.people[id] != nil else {
                        let guess = Spelling.closest(to: id, in: Array(index.people.keys))
                        fail(.person, "no person '\(id)' in the plan",
                             guess.map { "did you mean '\($0)'? (or write `guest` to record a walk-in)" } ?? "use a person id from plan.yaml, or `guest` for a walk-in")
                        continue
                    }
                    personID = id
                }
            } else {
                switch matcher.match(name: name, email: email) {
                case .person(let id, _):
                    personID = id
                case .nearMiss(let id, let reason):
                    let miss = NearMiss(line: row.line, written: written, suggestedPersonID: id,
                                        suggestedName: index.people[id]?.name ?? id, reason: reason)
                    guard acceptSuggestions else { result.nearMisses.append(miss); continue }
                    result.accepted.append(miss)
                    personID = id
                case .ambiguous(let ids):
                    fail(layout.index[.email] != nil ? .email : .name,
                         "'\(written)' could be any of \(ids.joined(separator: ", "))",
                         "add their email, or a `person` column with the id")
                    continue
                case .noMatch:
                    break
                }
            }
            var principal: String?
            if let forText = layout.value(.onBehalfOf, in: row) {
                let isEmail = forText.contains("@")
                switch index.people[forText] != nil ? .person(forText, .id) : matcher.match(name: isEmail ? nil : forText, email: isEmail ? forText : nil) {
                case .person(let id, _): principal = id
                case .nearMiss(let id, _):
                    fail(.onBehalfOf, "'\(forText)' in the for column is not exactly a person in the plan",
                         "did you mean '\(index.people[id]?.name ?? id)' (\(id))? Write their name, email or id exactly")
                    continue
                default:
                    fail(.onBehalfOf, "'\(forText)' in the for column is not a person in the plan",
                         "write the name, email or id of the invitee this person stands in for")
                    continue
                }
            }

            var record: AttendanceRecord
            if let personID {
                if let principal, let problem = checkPrincipal(principal, of: personID, status: status,
                                                               invited: matcher.invited, event: event) {
                    fail(.onBehalfOf, problem.message, problem.hint)
                    continue
                }
                record = AttendanceRecord(eventID: event.id, personID: personID, status: status, onBehalfOf: principal,
                                          source: "\(source):\(row.line)")
            } else {
                if principal != nil {
                    fail(.onBehalfOf, "'\(written)' is not in the plan, so cannot be recorded as a deputy",
                         "add them to plan.yaml as the invitee's `deputy:`, or leave the for column empty to record a guest")
                    continue
                }
                guard let guest = guest(row: row, layout: layout, name: written, email: email, event: event,
                                        index: index, fail: fail) else { continue }
                if guest.constituency == nil {
                    result.notes.append(AttendanceNote(line: row.line, message: "guest '\(guest.name)' has no level or sector; add a level or sector column so reports can place them"))
                }
                record = AttendanceRecord(eventID: event.id, guest: guest, status: status, source: "\(source):\(row.line)")
            }

            let key = record.attendeeKey
            if let at = position[key] {
                var kept = result.records[at]
                kept.status = min(kept.status, record.status)
                kept.onBehalfOf = kept.onBehalfOf ?? record.onBehalfOf
                result.records[at] = kept
                result.notes.append(AttendanceNote(line: row.line, message: "'\(written)' is also on line \(lineOf[key]!); recorded once"))
            } else {
                position[key] = result.records.count
                lineOf[key] = row.line
                result.records.append(record)
            }
        }
        guard diagnostics.isEmpty else { throw InputError(diagnostics) }

        // Someone not invited who is an invitee's deputy (or named stand-in) attends for them.
        let attending = Set(result.records.filter { $0.status == .attended && $0.onBehalfOf == nil }.compactMap(\.personID))
        for i in result.records.indices {
            let record = result.records[i]
            guard let id = record.personID, let person = index.people[id], record.status == .attended,
                  record.onBehalfOf == nil, !matcher.invited.contains(id) else { continue }
            let principal = inferredPrincipal(of: person, event: event, index: index, attending: attending)
            result.records[i].onBehalfOf = principal
            result.notes.append(uninvitedNote(person, principal: principal, event: event, index: index, line: lineOf[record.attendeeKey]))
        }
        return result
    }

    /// Why `principal` cannot be stood in for, or nil when they can.
    static func checkPrincipal(_ principal: String, of personID: String, status: AttendanceStatus,
                               invited: Set<String>, event: Event) -> ReferenceError? {
        if principal == personID {
            return ReferenceError(message: "'\(personID)' cannot attend on behalf of themselves",
                                  hint: "leave 'for' empty when people attend in their own right")
        }
        if status != .attended {
            return ReferenceError(message: "a deputy is recorded only when they attended (status is \(status.rawValue))",
                                  hint: "drop 'for', or record the deputy as attended")
        }
        if !invited.contains(principal) {
            return ReferenceError(message: "'\(principal)' is not invited to \(event.id), so nobody can attend for them",
                                  hint: "check the 'for' value against the event's invite list (`convene events`)")
        }
        return nil
    }

    /// The invitee a not-invited attendee stands in for: the one invitation naming them as stand-in,
    /// else the one invitee whose plan `deputy:` they are and who did not come themselves.
    static func inferredPrincipal(of person: Person, event: Event, index: PlanIndex, attending: Set<String>) -> String? {
        let named = event.invitations.compactMap { invitation -> String? in
            guard invitation.standInID == person.id, case .person(let id) = invitation.invitee else { return nil }
            return id
        }
        if named.count == 1 { return named[0] }
        let principals = index.invitees(of: event).map(\.person)
            .filter { $0.deputyID == person.id && !attending.contains($0.id) }
        return principals.count == 1 ? principals[0].id : nil
    }

    static func uninvitedNote(_ person: Person, principal: String?, event: Event, index: PlanIndex, line: Int?) -> AttendanceNote {
        if let principal {
            return AttendanceNote(line: line, message: "\(person.name) (\(person.id)) is not invited but stands in for \(index.people[principal]?.name ?? principal) (\(principal)): recorded as attending for them")
        }
        return AttendanceNote(line: line, message: "\(person.name) (\(person.id)) is not on the invitation list of \(event.id); recorded as attending in their own right")
    }

    /// A walk-in from the row's organisation, level or sector and country.
    static func guest(row: SignInSheet.Row, layout: SheetLayout, name: String, email: String?, event: Event, index: PlanIndex,
                      fail: (SheetColumn?, String, String) -> Void) -> Guest? {
        var guest = Guest(name: name, email: email)
        var ok = true
        if let written = layout.value(.organisation, in: row) {
            guest.organisation = written
            let key = NameKey.key(written)
            if let org = index.organisations[written] ?? index.plan.organisations.first(where: { NameKey.key($0.name) == key }) {
                guest.organisationID = org.id
                switch org.constituency {
                case .level(let level): guest.level = level
                case .sector(let sector): guest.sector = sector
                }
                guest.country = org.country
            }
        }
        // The sheet's level or sector overrides the organisation's; a level wins when both are given.
        var level: GovernmentLevel?, sector: Sector?, explicit = false
        for column in [SheetColumn.level, .sector] {
            guard let written = layout.value(column, in: row) else { continue }
            explicit = true
            if let value = GovernmentLevel(name: written) {
                level = level ?? value
            } else if let value = Sector(name: written) {
                sector = sector ?? value
            } else {
                let names = Array(GovernmentLevel.aliases.keys) + Array(Sector.aliases.keys)
                let guess = Spelling.closest(to: Vocabulary.normalise(written), in: names)
                fail(column, "unknown \(column.rawValue) '\(written)'",
                     (guess.map { "did you mean '\($0)'? " } ?? "") + "levels: \(GovernmentLevel.allCases.map(\.rawValue).joined(separator: ", ")); sectors: \(Sector.allCases.map(\.rawValue).joined(separator: ", "))")
                ok = false
            }
        }
        if explicit {
            guest.level = level
            guest.sector = level == nil ? sector : nil
        }
        if let country = layout.value(.country, in: row) {
            let code = country.uppercased()
            if code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) {
                guest.country = code
            } else {
                fail(.country, "country '\(country)' is not a two-letter ISO 3166 code", "write e.g. UG, MW, IQ, FI, CA, US")
                ok = false
            }
        }
        if guest.country == nil { guest.country = index.country(of: event) }
        return ok ? guest : nil
    }
}
