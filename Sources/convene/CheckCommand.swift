import ArgumentParser
import ConveneCore
import ConveneICal
import Foundation

/// `convene check`: run every conflict rule over the plan.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Find conflicts in the plan before invitations go out.",
        discussion: """
            Rules: \(ConflictChecker.standardRules.map { "\n  \($0.id): \($0.summary)" }.joined())

            Exit 0 when there are no errors (warnings allowed), 1 when there are errors, 2 for bad input.
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: FormatOptions

    @Flag(help: "Treat missing representation (levels, sectors, quorum) as an error.")
    var strict = false

    @Option(help: ArgumentHelp("The date the series-silence rule counts from (default: today).", valueName: "YYYY-MM-DD"))
    var today: String?

    func validate() throws {
        if let today, CivilDate(iso: today) == nil {
            throw ValidationError("--today '\(today)' is not a date; write YYYY-MM-DD, e.g. 2026-11-27")
        }
    }

    func run() throws {
        let result: WorkspaceCheck.Result
        result = try WorkspaceCheck.run(workspace: workspace.workspace, expander: LibicalRecurrenceExpander(), strict: strict,
                                        today: today.flatMap(CivilDate.init(iso:)) ?? CivilDate.today())
        let report = FindingReport(findings: result.findings, index: PlanIndex(result.plan))
        switch output.format {
        case .json: print(try jsonText(report))
        case .csv: print(FindingRenderer.csv(report))
        case .table: print(FindingRenderer.text(report, workspace: result.plan.name))
        }
        if report.errors > 0 { throw ExitStatus.problems }
    }
}

/// Prints findings for people and spreadsheets.
enum FindingRenderer {
    static func text(_ report: FindingReport, workspace: String) -> String {
        var lines: [String] = []
        for group in report.groups {
            lines.append("\(group.event ?? "(plan)")  \(group.title)\(group.start.map { "  \($0)" } ?? "")")
            for finding in group.findings {
                lines.append("  \(finding.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(finding.rule): \(finding.message)")
                lines.append("          fix: \(finding.hint)")
                if let location = finding.location { lines.append("          at \(location)") }
            }
            lines.append("")
        }
        let events = report.groups.filter { $0.event != nil }.count
        lines.append(report.groups.isEmpty ? "\(workspace): no conflicts found."
            : "\(workspace): \(report.errors) error\(report.errors == 1 ? "" : "s"), \(report.warnings) warning\(report.warnings == 1 ? "" : "s") across \(events) event\(events == 1 ? "" : "s").")
        return lines.joined(separator: "\n")
    }

    static func csv(_ report: FindingReport) -> String {
        let rows = report.groups.flatMap { group in
            group.findings.map { f in
                [f.severity.rawValue, f.rule, group.event ?? "", f.subjects.map(\.description).joined(separator: " "),
                 f.message, f.hint, f.location?.description ?? ""]
            }
        }
        return TableRenderer(columns: ["severity", "rule", "event", "subjects", "message", "hint", "location"], rows: rows).csv()
    }
}
