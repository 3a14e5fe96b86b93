import Foundation

/// Turns sign-in sheets and command-line entries into attendance records for one event.
public enum AttendanceImporter {
    /// The event with this id, or an error suggesting the closest one.
    public static func event(_ id: String, in index: PlanIndex) throws -> Event {
        guard let event = index.events[id] else {
            throw ReferenceError.unknown("event", id, among: index.plan.events.map(\.id),
                                         listing: "`convene events` lists the plan's events")
        }
        if !event.isScheduled {
            throw ReferenceError(message: "event '\(id)' has no date yet (it has `duration:` and `window:`), so nobody can have attended it",
                                 hint: "give it `start:` and `end:` in plan.yaml once it is held (`convene suggest \(id)` proposes times)")
        }
        if event.status == .cancelled {
            throw ReferenceError(message: "event '\(id)' is cancelled in the plan; nobody can attend it",
                                 hint: "check the event id, or change its `status:` in plan.yaml if it did take place")
        }
        return event
    }

    /// One person's attendance, as given on the command line (`--person`, `--status`, `--for`).
    /// - Parameter replies: the replies that count: someone an invitee delegated to by reply takes their seat.
    public static func single(person personID: String, status: AttendanceStatus, onBehalfOf principal: String?,
                              event: Event, index: PlanIndex, replies: ReplyBook = ReplyBook()) throws -> AttendanceImport {
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
            if let problem = checkPrincipal(principal, of: personID, status: status, invited: invited, event: event) { throw problem }
            if let note = unexpectedStandIn(person, for: principal, event: event, index: index, line: nil) { notes.append(note) }
        } else if status == .attended, !invited.contains(personID) {
            behalf = inferredPrincipal(of: person, event: event, index: index, attending: [], replies: replies)
            notes.append(uninvitedNote(person, principal: behalf, event: event, index: index, line: nil))
        }
        let record = AttendanceRecord(eventID: event.id, personID: personID, status: status, onBehalfOf: behalf,
                                      source: "command line")
        return AttendanceImport(eventID: event.id, records: [record], notes: notes, rowsRead: 0)
    }

    /// Reads every row of a sheet. Throws ``InputError`` (nothing is to be recorded) when any row
    /// is unusable: no name or email, an unknown status, level, sector, person or `for` value.
    /// - Parameter sheetIdentity: what names the sheet in each record's source (see
    ///   ``SheetIdentity``); by default its file name.
    public static func read(_ sheet: SignInSheet, event: Event, index: PlanIndex,
                            acceptSuggestions: Bool = false, replies: ReplyBook = ReplyBook(),
                            sheetIdentity: String? = nil) throws -> AttendanceImport {
        let layout = try SheetLayout(sheet)
        let matcher = PersonMatcher(index: index, event: event)
        var result = AttendanceImport(eventID: event.id, rowsRead: sheet.rows.count)
        var diagnostics: [Diagnostic] = []
        // Each attendee's record in `result.records` and the line it was first on.
        var seen: [String: (position: Int, line: Int)] = Dictionary(minimumCapacity: sheet.rows.count)
        let source = sheetIdentity ?? URL(fileURLWithPath: sheet.file).lastPathComponent

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
                if let principal, let person = index.people[personID],
                   let note = unexpectedStandIn(person, for: principal, event: event, index: index, line: row.line) {
                    result.notes.append(note)
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
                // A walk-in an invitee delegated to by reply takes that invitee's seat.
                let seat = status == .attended ? guest.email.flatMap { delegatedSeat($0, event: event, index: index, replies: replies) } : nil
                record = AttendanceRecord(eventID: event.id, guest: guest, status: status, onBehalfOf: seat, source: "\(source):\(row.line)")
            }

            let key = record.attendeeKey
            if let (at, line) = seen[key] {
                var kept = result.records[at]
                kept.status = min(kept.status, record.status)
                kept.onBehalfOf = kept.onBehalfOf ?? record.onBehalfOf
                result.records[at] = kept
                result.notes.append(AttendanceNote(line: row.line, message: "'\(written)' is also on line \(line); recorded once"))
            } else {
                seen[key] = (result.records.count, row.line)
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
            let principal = inferredPrincipal(of: person, event: event, index: index, attending: attending, replies: replies)
            result.records[i].onBehalfOf = principal
            result.notes.append(uninvitedNote(person, principal: principal, event: event, index: index, line: seen[record.attendeeKey]?.line))
        }
        return result
    }
}
