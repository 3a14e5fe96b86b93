import ArgumentParser
import ConveneCore
import ConveneDAV
import Foundation

/// `convene publish`: the plan's events on a CalDAV calendar.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Put the plan's events on a CalDAV calendar (Nextcloud, Fastmail, iCloud, SOGo, Radicale, Xandikos...).",
        discussion: """
            Each scheduled event becomes one calendar object, the very file `convene export` writes \
            to vdir/ (the export history in records/exports.json is updated as an export would). \
            New events are PUT with If-None-Match: *, changed ones with If-Match: ETAG; an unchanged \
            plan sends no PUT. Cancelled events are published cancelled (STATUS:CANCELLED); events \
            removed from the plan are deleted from the calendar.

            A change made on the server (by a person or their calendar client) is never overwritten: \
            the event is refused, the server's copy kept and the difference shown; the others are \
            still published. `convene pull` brings replies in; --force overwrites.

            --to is the calendar's address, or the account's (the calendar called --calendar, by \
            default the workspace's name, is then found under the account's calendar home); \
            --create makes it when missing. ETags are kept in records/caldav.json; a run stopped \
            at any moment and run again finishes the job with no duplicate.

            Credentials: the user in the URL (https://USER@host/...) or --user; the password in \
            $\(ServerAccount.passwordVariable) or ~/.netrc (never on the command line, never printed \
            or stored). https:// is assumed; plain http:// only to this machine or with \
            --allow-insecure-http.

            Exit 0 when everything is on the server, 1 when events were refused or rejected, \
            2 for bad input or when the server could not be used (address, credentials, timeouts).
            """)

    @Option(help: ArgumentHelp("The calendar's (or the account's) address.", valueName: "URL"))
    var to: String

    @Option(help: ArgumentHelp("The calendar's name under the account's home (default: the workspace's name).", valueName: "NAME"))
    var calendar: String?

    @Flag(help: "Make the calendar (MKCALENDAR) when it does not exist.")
    var create = false

    @Flag(help: "Overwrite events changed on the server, and delete removed ones even if changed there.")
    var force = false

    @Option(name: [.customShort("j"), .long],
            help: ArgumentHelp("Requests in flight at once (1 to 16); each event still gets its own conditional PUT.", valueName: "N"))
    var jobs = 4

    @OptionGroup var server: ServerOptions
    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Summary format: table or json.")
    var format: ExportCommand.SummaryFormat = .table

    func validate() throws {
        guard (1...16).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 16") }
    }

    func run() throws {
        let account = try server.account(to)
        let now = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) } ?? Int64(Date().timeIntervalSince1970)
        let options = Publisher.Options(calendar: calendar, create: create, force: force, jobs: jobs,
                                        timeout: server.timeout, now: now)
        let line = ProgressLine()
        defer { line.clear() }
        let summary = try Publisher.run(workspace: workspace.workspace, account: account, options: options) { done, total in
            line.show("publishing: \(done)/\(total)")
        }
        line.clear()
        switch format {
        case .json: print(try jsonText(summary))
        case .table:
            if summary.collectionCreated { print("Created the calendar \(summary.collection)") }
            for refusal in summary.refused {
                print("refused \(refusal.event): \(refusal.reason)")
                for difference in refusal.differences { print("    \(difference)") }
            }
            for failure in summary.failed { print("failed \(failure.event): \(failure.message)") }
            print("Published to \(summary.collection): \(summary.created.count) created, \(summary.updated.count) updated, \(summary.unchanged) unchanged, \(summary.deleted.count) deleted, \(summary.refused.count) refused\(summary.failed.isEmpty ? "" : ", \(summary.failed.count) failed") (\(summary.requests) requests, \(String(format: "%.1f", summary.seconds)) s).")
        }
        if let stopped = summary.stopped {
            printError("error: \(stopped)\n    fix: \(summary.stoppedHint ?? "run publish again")")
            printError("The run stopped early; what was done is recorded: run the same publish again to finish.")
            throw ExitStatus.badInput
        }
        if !summary.refused.isEmpty || !summary.failed.isEmpty { throw ExitStatus.problems }
    }
}
