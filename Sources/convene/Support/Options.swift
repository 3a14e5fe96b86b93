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
