import ArgumentParser
import ConveneCore
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

            Replies also come from mail: .eml files, mbox files and Maildirs (--maildir DIR). Every \
            text/calendar part (any nesting, any transfer encoding) with METHOD:REPLY is recorded the same \
            way; a COUNTER (a proposed new time) is reported, not recorded; mail without a reply is skipped \
            and counted. Each message is read once (by Message-ID), so a mailbox can be imported again \
            and again. Mail and calendar files are imported in separate runs.

            Each file is all or nothing: a file with a problem is reported with its line and changes
            nothing, and the other files are still imported. Exit 0 when all was recorded, 1 when
            replies were ignored, 2 when a file could not be read.
            """)

    @Argument(help: ArgumentHelp("Calendar files (or folders of .ics files), or mail: .eml and mbox files.", valueName: "FILE"))
    var files: [String] = []

    @Option(name: .customLong("maildir"), help: ArgumentHelp("Read replies from the messages in this Maildir (repeatable).", valueName: "DIR"))
    var maildirs: [String] = []

    @OptionGroup var workspace: WorkspaceOptions

    @Option(name: .customLong("busy-for"), help: ArgumentHelp("Import the files as this person's busy time.", valueName: "PERSON"))
    var busyFor: String?

    @Option(help: "Summary format: table or json.")
    var format: ExportCommand.SummaryFormat = .table

    func run() throws {
        if let mail = try MailImportRequest(files: files, maildirs: maildirs, busyFor: busyFor) { return try mail.run(workspace: workspace, format: format) }
        guard !files.isEmpty else { throw ValidationError("Name the files to import, or a mailbox with --maildir DIR.") }
        let summary: WorkspaceImport.Summary
        do {
            summary = try WorkspaceImport.run(files: files, workspace: workspace.workspace, busyFor: busyFor)
        } catch let error as InputError {
            throw report(error)
        }
        switch format {
        case .json: print(try jsonText(summary))
        case .table:
            for (file, what) in summary.imported.sorted(by: { $0.key < $1.key }) { printText("\(file): \(what)") }
            for reply in summary.recorded { printText("  \(reply.personID) \(reply.status.rawValue) \(reply.eventID)") }
            for note in summary.notes { printText("  note: \(note)") }
            for ignored in summary.ignored { printText("\(ignored.file): ignored reply for \(ignored.uid): \(ignored.reason)") }
        }
        for problem in summary.problems { printError(problem.description) }
        if !summary.problems.isEmpty {
            printError("\(summary.problems.count) problem\(summary.problems.count == 1 ? "" : "s"); those files were not imported.")
            throw ExitStatus.badInput
        }
        if !summary.ignored.isEmpty { throw ExitStatus.problems }
    }
}
