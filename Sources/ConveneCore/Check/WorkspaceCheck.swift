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
        let loaded = try LoadedWorkspace(path, expander: expander, options: CheckOptions(strict: strict, today: today))
        return Result(plan: loaded.plan, findings: ConflictChecker(rules: rules).check(loaded.context))
    }
}

/// A workspace read for the commands that reason about time (`check`, `suggest`, `schedule`): the
/// plan, the tool's records, and the check context built from both.
public struct LoadedWorkspace: Sendable {
    public let plan: Plan
    public let records: WorkspaceRecords
    public let context: CheckContext

    public init(_ path: String, expander: any RecurrenceExpanding, options: CheckOptions) throws {
        let directory = URL(fileURLWithPath: path)
        plan = try PlanLoader(expander: expander).load(workspace: directory)
        records = try WorkspaceRecords.load(workspace: directory)
        context = try CheckContext(plan: plan, options: options, replies: records.currentReplies, busy: records.busy,
                                   expander: expander)
    }
}
