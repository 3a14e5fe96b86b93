import ArgumentParser
import ConveneCore
import ConveneICal
import Foundation

/// `convene validate`: load the plan and report every problem at once.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check that the workspace's plan.yaml is well-formed and consistent.",
        discussion: "Reports every problem with file:line:column, what is wrong and how to fix it. Exit 0 when valid, 2 when not.")

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        do {
            let plan = try Workspace.loadPlan(workspace.workspace)
            let summary = ValidationSummary(plan)
            switch output.format {
            case .json: print(try jsonText(summary))
            case .csv: print(TableRenderer(columns: ["what", "count"], rows: summary.rows).csv())
            case .table: print("\(plan.name): valid. " + summary.rows.map { Workspace.counted($0[1], $0[0]) }.joined(separator: ", ") + ".")
            }
        } catch let error as InputError {
            if output.format == .json { print(try jsonText(InvalidPlan(problems: error.diagnostics))) }
            throw report(error)
        }
    }
}

/// What `--format json` prints for a plan with problems.
struct InvalidPlan: Encodable {
    var valid = false
    var problems: [Diagnostic]
}

/// Counts shown when a plan is valid.
struct ValidationSummary: Encodable {
    var valid = true
    var workspace: String
    var organisations, people, venues, series, events, countries: Int

    init(_ plan: Plan) {
        workspace = plan.name
        organisations = plan.organisations.count
        people = plan.people.count
        venues = plan.venues.count
        series = plan.series.count
        events = plan.events.count
        let index = PlanIndex(plan)
        countries = Set(plan.events.compactMap { index.country(of: $0) }).count
    }

    var rows: [[String]] {
        [["events", "\(events)"], ["countries", "\(countries)"], ["series", "\(series)"], ["people", "\(people)"],
         ["organisations", "\(organisations)"], ["venues", "\(venues)"]]
    }
}
