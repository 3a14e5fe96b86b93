import ArgumentParser
import ConveneCore
import Foundation

/// Exit codes, the same for every command.
enum ExitStatus {
    /// Problems were found (conflicts, errors).
    static let problems = ExitCode(1)
    /// The input or the command line is unusable.
    static let badInput = ExitCode(2)
}

/// Writes to standard error, with control characters from the input shown escaped and huge
/// quoted values shortened.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((TerminalText.escapedLines(TerminalText.shortenedWords(text)) + "\n").utf8))
}

/// Prints text made from input (names from sheets, calendars, plans) to standard output, with
/// control characters shown escaped so that none reaches the terminal.
func printText(_ text: String) {
    print(TerminalText.escapedLines(text))
}

/// The one place where the library's errors become messages and exit codes. Commands let errors
/// go; `Convene.main` hands each one here.
enum Failure {
    /// Prints what went wrong to standard error and returns the exit code, for the errors Convene
    /// words itself: bad input (``InputError``, every problem with file:line:column) and requests
    /// the plan cannot act on (any ``ExplainedError``: unknown ids, libical's problems), both 2.
    /// Nil for anything else (ArgumentParser's own errors and exit codes).
    static func exitCode(for error: any Error) -> ExitCode? {
        switch error {
        case let error as InputError:
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            let count = error.diagnostics.count
            printError("\(count) problem\(count == 1 ? "" : "s") found; nothing was written.")
            return ExitStatus.badInput
        case let error as WriteError:
            // A full disk, a read-only workspace, a symbolic link where Convene keeps its files.
            printError(error.description)
            return ExitStatus.badInput
        case let error as UnsafeNameError:
            printError("error: \(error)\n    fix: restore the tool-owned records from git")
            return ExitStatus.badInput
        case let error as any ExplainedError:
            printError(String(describing: error))  // "error: ... fix: ...", with the place when the error knows it
            return ExitStatus.badInput
        default:
            return nil
        }
    }
}

/// Prints every diagnostic of an input error to standard error and returns the bad-input exit code
/// (for a command that must print something else before it exits).
func report(_ error: InputError) -> ExitCode {
    Failure.exitCode(for: error) ?? ExitStatus.badInput
}
