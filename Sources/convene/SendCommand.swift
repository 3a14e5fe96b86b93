import ArgumentParser
import ConveneCore
import ConveneMail
import Foundation

/// `convene send`: email the last export's invitations and cancellations (iMIP).
struct SendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Email the exported invitations and cancellations (iMIP, RFC 6047) through the system's mail transport.",
        discussion: """
            For each invitation or cancellation the last `convene export` wrote (new, SEQUENCE raised, \
            or cancelled) that its attendees have not been sent yet, builds one message per event: \
            From the plan's organizer, To every attendee (or Bcc with --bcc), a readable summary (what, \
            when in the venue's zone and in UTC, where, who else is invited by level), the calendar as \
            text/calendar; method=REQUEST or CANCEL, and the same as an invite.ics attachment.

            Each message is piped to a sendmail-compatible program: --sendmail "msmtp -t" (or \
            "msmtp -t --account=work"), else the plan's `settings: {mail: {sendmail: ...}}`, else \
            `sendmail -t -oi`. Or each is written as an .eml file into --out DIR. What was sent, to whom and at which SEQUENCE is kept in \
            WORKSPACE/records/sent.json: running send again sends only what is new (an update after \
            the plan changed and was exported, a cancellation, a newly invited person). Messages \
            written with --out count as sent; use --dry-run to look first.

            Exit 0 when everything due was sent, 1 when the transport refused some messages (the \
            others are sent and recorded; run again to retry), 2 for bad input.
            """)

    @Argument(help: ArgumentHelp("Only these events (default: every exported event).", valueName: "EVENT"))
    var events: [String] = []

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("The sendmail-compatible command that delivers each message (default: the plan's settings.mail.sendmail, else sendmail -t -oi).", valueName: "COMMAND"))
    var sendmail: String?

    @Option(help: ArgumentHelp("Write each message as an .eml file into this folder instead of sending it.", valueName: "DIR"))
    var out: String?

    @Flag(help: "Put the attendees in Bcc (the message goes To the organizer), so they do not see each other's addresses.")
    var bcc = false

    @Flag(name: .customLong("dry-run"), help: "Show what would be sent; send and record nothing.")
    var dryRun = false

    @Option(name: .customLong("export"), help: ArgumentHelp("The folder the invitations were exported to (default: WORKSPACE/export).", valueName: "DIR"))
    var exportFolder: String?

    @Option(help: "Summary format: table or json.")
    var format: ExportCommand.SummaryFormat = .table

    func validate() throws {
        if sendmail != nil && out != nil { throw ValidationError("Give --sendmail or --out, not both.") }
    }

    func run() throws {
        let now = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) } ?? Int64(Date().timeIntervalSince1970)
        var options = WorkspaceSend.Options(now: now)
        options.events = events
        options.bcc = bcc
        options.dryRun = dryRun
        options.exportFolder = exportFolder
        let summary: WorkspaceSend.Summary
        do {
            if let out {
                options.transport = .folder(out)
            } else if let sendmail {
                options.transport = .sendmail(try CommandWords.split(sendmail))
            }
            // A progress line on standard error, only when someone is watching it.
            let watching = isatty(STDERR_FILENO) == 1
            summary = try WorkspaceSend.run(workspace: workspace.workspace, options: options) { done, total in
                if watching { FileHandle.standardError.write(Data("\r\u{1B}[Ksending: \(done + 1)/\(total)".utf8)) }
            }
            if watching { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        } catch let error as InputError {
            throw report(error)
        }
        switch format {
        case .json: print(try jsonText(summary))
        case .table:
            let verb = dryRun ? "would send" : out != nil ? "wrote" : "sent"
            let done = dryRun ? "would be sent" : out != nil ? "written" : "sent"
            for sent in summary.sent {
                let to = sent.recipients.count == 1 ? sent.recipients[0] : "\(sent.recipients.count) recipients"
                print("\(verb) \(sent.method) \(sent.event) (SEQUENCE \(sent.sequence)) to \(to): \(sent.subject)")
                if let file = sent.file { print("  \(file)") }
            }
            for id in summary.noRecipients { print("not sent \(id): the invitation names nobody with an email address") }
            let messages = summary.sent.count == 1 ? "message" : "messages"
            print("\(summary.sent.count) \(messages) \(done), \(summary.failed.count) failed, \(summary.upToDate.count) event\(summary.upToDate.count == 1 ? "" : "s") already sent.")
        }
        for failure in summary.failed { printError("\(failure.event): not sent: \(failure.error)\n    fix: \(failure.hint)") }
        if !summary.failed.isEmpty { throw ExitStatus.problems }
    }
}
