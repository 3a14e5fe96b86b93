/// The check a command runs before it acts on the plan (`convene export`): the errors `convene
/// check` would report, with the first few ready to show and the rest counted, so that a plan with
/// hundreds of conflicts is summarised rather than scrolled past.
public struct CheckGate: Sendable, Hashable, Codable {
    /// How many errors are shown in full before the rest are only counted.
    public static let shownErrors = 10

    /// The plan's workspace name, for the summary line.
    public var workspace: String
    /// Every error the check found (warnings do not stop an export).
    public var errors: Int
    /// Warnings the check found (counted, not shown).
    public var warnings: Int
    /// The first errors, grouped by event as `convene check` prints them; `shown.errors` is the
    /// total, so that the summary line counts every error.
    public var shown: FindingReport
    /// Errors found but not in `shown`.
    public var omitted: Int

    /// Whether the check found nothing that should stop the command.
    public var passes: Bool { errors == 0 }

    public init(findings: [Finding], index: PlanIndex, limit: Int = CheckGate.shownErrors) {
        workspace = index.plan.name
        let errorFindings = findings.filter { $0.severity == .error }
        errors = errorFindings.count
        warnings = findings.count - errorFindings.count
        // The first errors in the order `convene check` lists them (event start, then id).
        let ordered = FindingReport(findings: errorFindings, index: index).groups.flatMap(\.findings)
        var report = FindingReport(findings: Array(ordered.prefix(limit)), index: index)
        report.errors = errors
        shown = report
        omitted = max(0, errors - limit)
    }
}
