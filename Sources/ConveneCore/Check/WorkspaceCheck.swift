import Foundation

extension CivilDate {
    /// Today's date in UTC.
    public static func today() -> CivilDate {
        CivilDate(daysSinceEpoch: Int(Date().timeIntervalSince1970 / 86_400))
    }
}

/// `convene check` as one call: load the plan and the tool's records, expand, run the rules.
public enum WorkspaceCheck {
    public struct Result: Sendable {
        public var plan: Plan
        public var findings: [Finding]
    }

    public static func run(workspace path: String, expander: any RecurrenceExpanding, strict: Bool,
                           today: CivilDate, rules: [any Rule] = ConflictChecker.standardRules) throws -> Result {
        let directory = URL(fileURLWithPath: path)
        let plan = try PlanLoader(expander: expander).load(workspace: directory)
        let records = try WorkspaceRecords.load(workspace: directory)
        let context = try CheckContext(plan: plan, options: CheckOptions(strict: strict, today: today),
                                       replies: records.replies, busy: records.busy, expander: expander)
        return Result(plan: plan, findings: ConflictChecker(rules: rules).check(context))
    }
}
