import ArgumentParser
import ConveneCore
import ConveneDAV
import ConveneICal
import Foundation

/// `convene import`: attendees' replies, or a person's busy calendar.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record attendees' replies (iTIP REPLY), or a person's busy time from their own calendar.",
        discussion: """
            Without --busy-for, each file is read as a METHOD:REPLY from an attendee's calendar client:
            the PARTSTAT (accepted, declined, tentative, delegated) is recorded and shows in `events`,
            `check` (declined people are not busy) and reports. Replies for unknown events or attendees,
            or answering an older SEQUENCE, are reported and ignored.

            With --busy-for PERSON, each file is a calendar export of that person's (Google, Outlook,
            Apple, Thunderbird; recurrences, overrides, all-day and floating times, Windows zone names,
            VFREEBUSY). Only the busy time is kept, never what it is; it counts in `check` and `suggest`.
            With --from-caldav URL, the person's calendar is read from a CalDAV server instead (the
            calendar at URL, or every calendar under that account; see `convene help publish` for
            credentials).

            Replies also come from mail: .eml files, mbox files and Maildirs (--maildir DIR). Every \
            text/calendar part (any nesting, any transfer encoding) with METHOD:REPLY is recorded the same \
            way; a COUNTER (a proposed new time) is reported, not recorded; mail without a reply is skipped \
            and counted. Each message is read once (by Message-ID), so a mailbox can be imported again \
            and again. Mail and calendar files are imported in separate runs.

            With --blackouts, the files are calendars of public holidays: each holiday (all-day or not,
            yearly rules expanded from --from to --to) is printed as a `blackouts:` line to paste into
            plan.yaml (named by its SUMMARY; --country CC limits it to that country). Nothing is recorded.

            Each file is all or nothing: a file with a problem is reported with its line and changes
            nothing, and the other files are still imported. Exit 0 when all was recorded, 1 when
            replies were ignored, 2 when a file could not be read.
            """)

    @Argument(help: ArgumentHelp("Calendar files (or folders of .ics files), or mail: .eml and mbox files.", valueName: "FILE"))
    var files: [String] = []

    @Option(name: .customLong("maildir"), help: ArgumentHelp("Read replies from the messages in this Maildir (repeatable).", valueName: "DIR"))
    var maildirs: [String] = []

    @Option(name: .customLong("from-caldav"), help: ArgumentHelp("With --busy-for: read the person's calendar from this CalDAV address.", valueName: "URL"))
    var fromCalDAV: String?

    @OptionGroup var server: ServerOptions

    @OptionGroup var workspace: WorkspaceOptions

    @Option(name: .customLong("busy-for"), help: ArgumentHelp("Import the files as this person's busy time.", valueName: "PERSON"))
    var busyFor: String?

    @Option(help: "Summary format: table or json.")
    var format: ExportCommand.SummaryFormat = .table

    func validate() throws {
        if fromCalDAV != nil && busyFor == nil { throw ValidationError("--from-caldav needs --busy-for PERSON") }
    }

    @Flag(help: "Read the files as public holidays and print them as plan blackouts.")
    var blackouts = false

    @Option(help: ArgumentHelp("With --blackouts: the country (ISO 3166 alpha-2) the holidays are in.", valueName: "CC"))
    var country: String?

    @Option(help: ArgumentHelp("With --blackouts: the first day of holidays to keep (default: today).", valueName: "YYYY-MM-DD"))
    var from: String?

    @Option(help: ArgumentHelp("With --blackouts: the last day (default: two years after --from).", valueName: "YYYY-MM-DD"))
    var to: String?

    func run() throws {
        if blackouts { return try importBlackouts() }
        if let mail = try MailImportRequest(files: files, maildirs: maildirs, busyFor: busyFor) { return try mail.run(workspace: workspace, format: format) }
        guard !files.isEmpty || fromCalDAV != nil else {
            throw ValidationError("Name the files to import, a mailbox with --maildir DIR, or --busy-for PERSON --from-caldav URL.")
        }
        let account = try fromCalDAV.map { try server.account($0) }
        let summary = try WorkspaceImport.run(files: files, workspace: workspace.workspace, busyFor: busyFor, fetch: account.map { account in
            { window in try ServerBusyCalendar.fetch(account: account, window: window, timeout: server.timeout).map { [$0] } ?? [] }
        })
        switch format {
        case .json: print(try jsonText(summary))
        case .table:
            for (file, what) in summary.imported.sorted(by: { $0.key < $1.key }) { printText("\(file): \(what)") }
            for reply in summary.recorded {
                printText("  \(reply.personID) \(reply.status.rawValue) \(Sitting.key(reply.eventID, occurrence: reply.occurrence))"
                      + (reply.comment.map { ": \"\($0)\"" } ?? ""))
            }
            for note in summary.notes { printText("  note: \(note)") }
            for ignored in summary.ignored { printText("\(ignored.file)\(ignored.line.map { ":\($0)" } ?? ""): ignored reply for \(ignored.uid): \(ignored.reason)") }
        }
        for problem in summary.problems { printError(problem.description) }
        if !summary.problems.isEmpty {
            printError("\(summary.problems.count) problem\(summary.problems.count == 1 ? "" : "s"); those files were not imported.")
            throw ExitStatus.badInput
        }
        if !summary.ignored.isEmpty { throw ExitStatus.problems }
    }

    /// `--blackouts`: holidays printed as plan lines; the workspace is not touched.
    private func importBlackouts() throws {
        guard busyFor == nil else {
            printError("error: give --blackouts or --busy-for, not both\n    fix: see `convene import --help`")
            throw ExitStatus.badInput
        }
        let first = from.flatMap(CivilDate.init(iso:)) ?? CivilDate.today()
        let last = to.flatMap(CivilDate.init(iso:)) ?? first.adding(months: 24)
        if (from != nil && CivilDate(iso: from!) == nil) || (to != nil && CivilDate(iso: to!) == nil) || last < first {
            printError("error: --from and --to should be dates YYYY-MM-DD, the first not after the last\n    fix: e.g. --from 2027-01-01 --to 2027-12-31")
            throw ExitStatus.badInput
        }
        let window = TimeSpan(start: Int64(first.daysSinceEpoch) * 86_400, end: Int64(last.daysSinceEpoch + 1) * 86_400)
        var all: [Blackout] = [], problems: [String] = []
        for path in files {
            do {
                let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
                all += try HolidayImport.read(CalendarInput(name: path, bytes: bytes), country: country, window: window)
            } catch let error as InputError {
                problems += error.diagnostics.map(\.description)
            } catch {
                problems.append("\(path): error: cannot read the file: \(error.localizedDescription)")
            }
        }
        print(BlackoutSnippet.yaml(all), terminator: "")
        for problem in problems { printError(problem) }
        if !problems.isEmpty { throw ExitStatus.badInput }
    }
}
