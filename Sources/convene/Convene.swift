import ArgumentParser
import ConveneCore
import ConveneICal
import Foundation

/// The `convene` command: plan, check and invite convenings across every level of government.
@main
struct Convene: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convene",
        abstract: "Plan convenings that bring every level of government to one table.",
        discussion: """
            Exit codes: 0 fine, 1 problems found (conflicts, errors), 2 bad input or usage.
            Every command that reads a workspace takes --workspace DIR (default: the current folder).
            """,
        version: "convene 0.1.0\nlibical \(LibicalVersion.text)\ntzdata \(ZoneDatabase.version ?? "unknown") (\(ZoneDatabase.directory))\nallocator \(Allocator.text)",
        subcommands: [
            ValidateCommand.self,
            EventsCommand.self,
            CheckCommand.self,
            ConflictsCommand.self,
            ExportCommand.self,
            ImportCommand.self,
            PublishCommand.self,
            PullCommand.self,
            SendCommand.self,
            AttendCommand.self,
            ReportCommand.self,
            SuggestCommand.self,
            ScheduleCommand.self,
            InitCommand.self,
        ]
    )

    /// Runs the command line, mapping Convene's errors to messages and exit codes in one place
    /// (``Failure``), and usage errors (ArgumentParser's 64) to exit code 2, the one exit code
    /// Convene uses for bad input of any kind.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if let code = Failure.exitCode(for: error) { Foundation.exit(code.rawValue) }
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(fullMessage(for: error))
                printError("See 'convene help' or 'convene help COMMAND'.")
                Foundation.exit(ExitStatus.badInput.rawValue)
            }
            exit(withError: error)
        }
    }
}
