import ArgumentParser
import ConveneCore
import ConveneICal
import Foundation

/// `convene attend EVENT`: record who came, from a sign-in sheet or one person at a time.
struct AttendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attend",
        abstract: "Record attendance at an event from a CSV sign-in sheet, or one person at a time.",
        discussion: """
            A sign-in sheet is CSV with a header row: UTF-8 (with or without a byte-order mark), \
            comma- or semicolon-separated (detected from the header), values quoted as spreadsheets do.
            Columns, recognised in any case: name, email, organisation (organization), level, sector, \
            country, status, for (on behalf of), person (a plan id, or `guest`). Others are ignored.
            People are matched by email (any case), then by name (ignoring case, accents, spacing and \
            titles such as Dr or Rev.). A row that nearly matches someone (a typo, swapped names, a \
            mistyped email) is shown with the suggested person and NOT recorded; re-run with \
            --accept-suggestions to record the suggestions, or correct the sheet. Anyone else is \
            recorded as a guest with the organisation and level or sector the sheet gives.
            status: attended (also present, x, or empty), absent, excused (also apologies).
            for: the invitee a deputy attends for; a plan deputy who is not invited is recorded as \
            attending for their principal without it.
            Records go to WORKSPACE/records/attendance.json, one per person and event, written \
            atomically; recording the same sheet again changes nothing.
            A recurring event (a monthly call, twice-yearly Ward Sabhas) is recorded sitting by sitting: \
            name the sitting as EVENT@DATE; `convene report levels` shows each sitting as its own row.
            Exit 0 when every row was recorded, 1 when near misses were left out, 2 when the sheet or \
            the command line is unusable (then nothing is recorded).
            """)

    @Argument(help: ArgumentHelp("The event's id in plan.yaml; for a recurring event, one sitting: EVENT@YYYY-MM-DD (its venue-local date) or EVENT@YYYY-MM-DDTHH:MM.",
                                 valueName: "EVENT[@DATE]"))
    var event: String

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("A CSV sign-in sheet to record.", valueName: "FILE"))
    var csv: String?

    @Option(help: ArgumentHelp("Record one person (a plan id) instead of a sheet.", valueName: "ID"))
    var person: String?

    @Option(help: ArgumentHelp("With --person: attended, absent or excused.", valueName: "STATUS"))
    var status: String = "attended"

    @Option(name: .customLong("for"), help: ArgumentHelp("With --person: the invitee they attended for (a deputy).", valueName: "ID"))
    var principal: String?

    @Flag(help: "Record near misses as the person suggested for them.")
    var acceptSuggestions = false

    @Flag(help: "Show what would be recorded without writing anything.")
    var dryRun = false

    @Option(help: "Output format: table or json.")
    var format: AttendFormat = .table

    enum AttendFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    func validate() throws {
        let problem: String? = switch (csv, person) {
        case (nil, nil): "give a sign-in sheet with --csv FILE, or one person with --person ID --status attended|absent|excused"
        case (.some, .some): "give either --csv or --person, not both"
        case (.some, nil) where principal != nil: "--for goes with --person; in a sheet, use a 'for' column"
        default: nil
        }
        if let problem { throw ValidationError(problem + " (see `convene attend --help`)") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: workspace.workspace)
        let outcome: AttendanceImport
        // Two sheets of one event may share a file name (day 1/signin.csv, day 2/signin.csv):
        // a sheet is named by its path in the workspace, so recording one never removes the other's rows.
        let sheetIdentity = csv.map { SheetIdentity.of(URL(fileURLWithPath: $0), workspace: folder) }
        let formerName = csv.flatMap { SheetIdentity.formerName(of: URL(fileURLWithPath: $0), workspace: folder) }
        var names: [String: String] = [:]
        let index = PlanIndex(try Workspace.loadPlan(workspace.workspace))
        names = index.people.mapValues(\.name)
        guard let reference = SittingReference(parsing: self.event) else {
            throw ReferenceError(message: "'\(self.event)' is not EVENT or EVENT@DATE",
                                 hint: "write the event id, and for one sitting of a recurring event @YYYY-MM-DD or @YYYY-MM-DDTHH:MM")
        }
        let event = try AttendanceImporter.event(reference.eventID, in: index)
        let occurrence = try Sitting.resolve(reference, event: event, expander: LibicalRecurrenceExpander(),
                                             window: Sitting.window(index.plan, today: CivilDate.today()))
        let replies = try WorkspaceRecords.load(workspace: folder).currentReplies
        var read: AttendanceImport
        if let csv {
            read = try AttendanceImporter.read(try SignInSheet.read(URL(fileURLWithPath: csv)), event: event,
                                               index: index, acceptSuggestions: acceptSuggestions, replies: replies,
                                               sheetIdentity: sheetIdentity)
        } else {
            guard let parsed = AttendanceStatus(rawValue: status.lowercased()) else {
                throw ReferenceError(message: "unknown status '\(status)'", hint: "write attended, absent or excused")
            }
            read = try AttendanceImporter.single(person: person!, status: parsed, onBehalfOf: principal,
                                                 event: event, index: index, replies: replies)
        }
        read.assign(toSitting: occurrence)
        outcome = read
        if event.status != .held {
            printError("note: \(event.id) is '\(event.status.rawValue)' in plan.yaml; set `status: held` once it has taken place")
        }
        // Read, changed and written under the records lock, so that another command writing
        // records at the same time loses nothing.
        let change: AttendanceBook.Change
        do {
            change = try AttendanceBook.update(workspace: folder, save: !dryRun) { book in
                book.record(outcome.records, replacingSheet: sheetIdentity, formerName: formerName, eventID: outcome.eventID)
            }
        } catch let error as InputError {
            throw report(error)
        }
        switch format {
        case .json:
            print(try jsonText(AttendOutput(outcome: outcome, change: change, written: !dryRun,
                                            file: dryRun ? nil : AttendanceBook.url(workspace: folder).path)))
        case .table:
            printText(AttendRenderer.text(outcome, change: change, dryRun: dryRun,
                                      file: relative(AttendanceBook.url(workspace: folder)), names: names))
        }
        if !outcome.nearMisses.isEmpty { throw ExitStatus.problems }
    }

    private func relative(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}

/// The JSON form of `convene attend`.
struct AttendOutput: Encodable {
    var outcome: AttendanceImport
    var change: AttendanceBook.Change
    var written: Bool
    var file: String?
}

/// Prints what `convene attend` recorded and what it left for a person to decide.
enum AttendRenderer {
    static func text(_ outcome: AttendanceImport, change: AttendanceBook.Change, dryRun: Bool, file: String,
                     names: [String: String] = [:]) -> String {
        func who(_ id: String) -> String { names[id].map { "\($0) (\(id))" } ?? id }
        var lines: [String] = []
        var counts: [AttendanceStatus: Int] = [:]
        for record in outcome.records { counts[record.status, default: 0] += 1 }
        let statuses = AttendanceStatus.allCases.compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }
        var extras: [String] = []
        if outcome.deputies > 0 { extras.append("\(outcome.deputies) deput\(outcome.deputies == 1 ? "y" : "ies")") }
        if outcome.guests > 0 { extras.append("\(outcome.guests) guest\(outcome.guests == 1 ? "" : "s")") }
        let source = outcome.rowsRead > 0 ? "\(outcome.rowsRead) row\(outcome.rowsRead == 1 ? "" : "s") read; " : ""
        lines.append("\(outcome.eventID): \(source)\(statuses.isEmpty ? "nothing to record" : statuses.joined(separator: ", "))"
            + (extras.isEmpty ? "" : " (\(extras.joined(separator: ", ")))"))
        for record in outcome.records where record.guest != nil || record.onBehalfOf != nil {
            // The line of `SHEET:LINE`, found as a byte: this runs once per record.
            let line = record.source.flatMap { source in
                source.utf8.lastIndex(of: UInt8(ascii: ":")).map { "line \(source[source.index(after: $0)...]): " }
            } ?? ""
            if let guest = record.guest {
                let place = [guest.organisation, guest.constituency?.description].compactMap { $0 }.joined(separator: ", ")
                lines.append("  guest    \(line)\(guest.name)\(place.isEmpty ? "" : " (\(place))")")
            } else if let principal = record.onBehalfOf, let id = record.personID {
                lines.append("  deputy   \(line)\(who(id)) for \(who(principal))")
            }
            if let guest = record.guest, let principal = record.onBehalfOf {
                lines.append("  delegate \(line)\(guest.name) for \(who(principal))")
            }
        }
        for miss in outcome.accepted {
            lines.append("  accepted line \(miss.line): '\(miss.written)' recorded as \(miss.suggestedPersonID) (\(miss.suggestedName); \(miss.reason))")
        }
        for note in outcome.notes {
            lines.append("  note     \(note.line.map { "line \($0): " } ?? "")\(note.message)")
        }
        for miss in outcome.nearMisses {
            lines.append("  NOT RECORDED line \(miss.line): '\(miss.written)' is not in the plan; did you mean \(miss.suggestedPersonID) (\(miss.suggestedName))? \(miss.reason)")
        }
        let tally = "\(change.added) new, \(change.changed) changed, \(change.unchanged) unchanged"
            + (change.removed > 0 ? ", \(change.removed) removed (no longer on the sheet)" : "")
        lines.append(dryRun ? "Dry run: would record \(tally) in \(file); nothing written."
                            : "Recorded in \(file): \(tally).")
        if !outcome.nearMisses.isEmpty {
            let n = outcome.nearMisses.count
            lines.append("\(n) near miss\(n == 1 ? " was" : "es were") left out: correct the sheet (or add a `person` column with the id, or `guest`), or re-run with --accept-suggestions to record the suggestions.")
        }
        return lines.joined(separator: "\n")
    }
}
