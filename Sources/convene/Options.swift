import ArgumentParser
import ConveneCore
import Foundation

/// How a listing or report is printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// `--workspace DIR`, shared by every command that reads a plan.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The workspace folder holding plan.yaml.", valueName: "DIR"))
    var workspace: String = "."
}

/// `--format`, shared by listings and reports.
struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table
}

/// Exit codes, the same for every command.
enum ExitStatus {
    /// Problems were found (conflicts, errors).
    static let problems = ExitCode(1)
    /// The input or the command line is unusable.
    static let badInput = ExitCode(2)
}

/// Writes to standard error, with control characters from the input shown escaped.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((TerminalText.escapedLines(text) + "\n").utf8))
}

/// Prints text made from input (names from sheets, calendars, plans) to standard output, with
/// control characters shown escaped so that none reaches the terminal.
func printText(_ text: String) {
    print(TerminalText.escapedLines(text))
}

/// Prints every diagnostic of an input error to standard error and returns the bad-input exit code.
func report(_ error: InputError) -> ExitCode {
    for diagnostic in error.diagnostics { printError(diagnostic.description) }
    let count = error.diagnostics.count
    printError("\(count) problem\(count == 1 ? "" : "s") found; nothing was written.")
    return ExitStatus.badInput
}
