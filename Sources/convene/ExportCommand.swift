import ArgumentParser
import ConveneCore
import ConveneICal
import Foundation

/// `convene export`: invitations, a vdir and feeds for the whole plan.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write invitations (REQUEST/CANCEL), a vdir and PUBLISH feeds for the plan.",
        discussion: """
            Writes under --out (default: WORKSPACE/export):
              invitations/EVENT.ics   METHOD:REQUEST, or METHOD:CANCEL for cancelled or removed events
              vdir/UID.ics            one event per file, for khal and vdirsyncer
              feeds/all.ics           METHOD:PUBLISH feeds: the workspace, and under people/, levels/,
                                      sectors/ and series/ one per person, level, sector and series
            SEQUENCE rises only when an event's time, venue, status or recurrence changes; exporting
            an unchanged plan changes no byte. The history lives in WORKSPACE/records/exports.json.
            DTSTAMP of changed events is the current time, or SOURCE_DATE_EPOCH when set.

            Before anything is written, the plan goes through the rules of `convene check` (as of the
            export date): when they find errors, the first \(CheckGate.shownErrors) are printed to standard error as
            `convene check` prints them (with file and line), nothing is written, and the exit code is 2.
            --force exports without the check (and says so on standard error). Warnings never stop
            an export.
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("Output folder (default: WORKSPACE/export).", valueName: "DIR"))
    var out: String?

    @Option(help: "What to write: all, invitations, vdir, feeds, or workspace-feed (only feeds/all.ics); repeatable.")
    var only: [ExportPart] = []

    @Option(name: .customLong("format"), help: "Summary format: table or json.")
    var format: SummaryFormat = .table

    @Flag(help: "Export without running the checks of `convene check` first, errors or not (a warning says so).")
    var force = false

    enum ExportPart: String, ExpressibleByArgument, CaseIterable {
        case all, invitations, vdir, feeds
        case workspaceFeed = "workspace-feed"
    }

    enum SummaryFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    func run() throws {
        var parts: ExportParts = only.isEmpty ? .all : []
        for part in only {
            switch part {
            case .all: parts.formUnion(.all)
            case .invitations: parts.insert(.invitations)
            case .vdir: parts.insert(.vdir)
            case .feeds: parts.insert(.feeds)
            case .workspaceFeed: parts.insert(.workspaceFeed)
            }
        }
        let now = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
            ?? Int64(Date().timeIntervalSince1970)
        // A progress line on standard error, only when someone is watching it.
        let watching = isatty(STDERR_FILENO) == 1
        let outcome = try CheckedExport.run(workspace: workspace.workspace, out: out, now: now, parts: parts, force: force, progress: { step, done, total in
            if watching { FileHandle.standardError.write(Data("\r\u{1B}[Kexporting: \(step) \(done)/\(total)".utf8)) }
        })
        if watching { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        let summary: WorkspaceExport.Summary
        switch outcome {
        case .refused(let gate):
            printError(Self.describe(gate))
            printError("error: export refused: `convene check` finds \(Self.errors(gate.errors)) in the plan; nothing was written.\n"
                + "    fix: correct the plan (run `convene check` for every finding), or run `convene export --force` to send the invitations anyway")
            throw ExitStatus.badInput
        case .exported(let done, let unchecked):
            summary = done
            if unchecked {
                printError("warning: --force: exported without the checks of `convene check`; errors in the plan went out with the invitations (run `convene check` to see them)")
            }
        }
        switch format {
        case .json: print(try jsonText(summary))
        case .table:
            print("Exported to \(summary.outputFolder): \(summary.written.count) file\(summary.written.count == 1 ? "" : "s") written, \(summary.unchanged) unchanged, \(summary.removed.count) removed.")
            if !summary.added.isEmpty { print("New invitations: \(summary.added.count)") }
            if !summary.updated.isEmpty { print("Updated (SEQUENCE raised): \(summary.updated.joined(separator: ", "))") }
            if !summary.cancelled.isEmpty { print("Cancelled: \(summary.cancelled.joined(separator: ", "))") }
        }
    }

    private static func errors(_ count: Int) -> String { "\(count) error\(count == 1 ? "" : "s")" }

    /// The errors that stopped the export, as `convene check` prints them (the first few in full).
    private static func describe(_ gate: CheckGate) -> String {
        var text = FindingRenderer.text(gate.shown, workspace: gate.workspace)
        if gate.omitted > 0 { text += "\n... and \(errors(gate.omitted)) more, not shown: `convene check` lists them all." }
        return text
    }
}
