import ArgumentParser

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
        version: "0.1.0",
        subcommands: [
            ValidateCommand.self,
            EventsCommand.self,
            CheckCommand.self,
            ConflictsCommand.self,
        ]
    )
}
