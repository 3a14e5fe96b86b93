import ArgumentParser
import ConveneCore
import ConveneDAV
import Foundation

/// `convene pull`: what happened to the published events on the CalDAV server.
struct PullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Bring back invitees' answers and changes made on a CalDAV calendar (plan.yaml is never written).",
        discussion: """
            Reads the calendar (changes since the last pull with sync-collection, RFC 6578, where \
            the server offers it; the whole calendar otherwise). Invitees' PARTSTAT on published \
            events (accepted, declined, tentative, delegated) is recorded like an imported reply, \
            in records/replies.json. Other changes made on the server to published events (time, \
            title, place, status, attendees) and events deleted there are shown as differences \
            against the plan: edit plan.yaml if you agree, or publish --force to put the plan back.

            Exit 0 when nothing needs attention, 1 when published events were changed or deleted \
            on the server, 2 for bad input or when the server could not be used.
            """)

    @Option(help: ArgumentHelp("The calendar's (or the account's) address.", valueName: "URL"))
    var from: String

    @Option(help: ArgumentHelp("The calendar's name under the account's home (default: the workspace's name).", valueName: "NAME"))
    var calendar: String?

    @OptionGroup var server: ServerOptions
    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Summary format: table or json.")
    var format: ExportCommand.SummaryFormat = .table

    func run() throws {
        let account = try server.account(from)
        let summary = try Puller.run(workspace: workspace.workspace, account: account, options: Puller.Options(calendar: calendar, timeout: server.timeout))
        switch format {
        case .json: print(try jsonText(summary))
        case .table:
            for reply in summary.recorded { print("recorded \(reply.personID) \(reply.status.rawValue) \(reply.eventID)") }
            for ignored in summary.ignored { print("ignored \(ignored.attendee) on \(ignored.event): \(ignored.reason)") }
            for change in summary.changed {
                print("changed on the server: \(change.event)")
                for difference in change.differences { print("    \(difference)") }
            }
            for event in summary.deletedOnServer { print("deleted on the server: \(event)") }
            print("Pulled from \(summary.collection) (\(summary.method)): \(summary.read) read, \(summary.recorded.count) repl\(summary.recorded.count == 1 ? "y" : "ies") recorded, \(summary.changed.count) changed and \(summary.deletedOnServer.count) deleted on the server.")
        }
        if !summary.changed.isEmpty || !summary.deletedOnServer.isEmpty { throw ExitStatus.problems }
    }
}
