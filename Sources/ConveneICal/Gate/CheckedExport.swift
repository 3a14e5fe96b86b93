import ConveneCore

/// `convene export` behind `convene check`: invitations go out only for a plan the check finds no
/// error in (a double-booked chair, a venue over capacity, a date in a blackout), unless the caller
/// insists (`--force`). The export itself is ``WorkspaceExport``, unchanged.
public enum CheckedExport {
    /// What happened: the export (`unchecked` when forced, the check not run), or the errors that
    /// stopped it before anything was written.
    public enum Outcome: Sendable {
        case exported(WorkspaceExport.Summary, unchecked: Bool)
        case refused(CheckGate)
    }

    /// Runs the rules of `convene check` (as of `now`'s date), then the export when they find no
    /// error. A refused export writes nothing, not even the export history. With `force` the check
    /// is not run at all (the caller has seen its errors, or exports a plan built to conflict, such
    /// as the export benchmark's): the export costs what it costs without the gate.
    public static func run(workspace path: String, out: String?, now: UnixSeconds, parts: ExportParts = .all, force: Bool,
                           progress: ((String, Int, Int) -> Void)? = nil) throws -> Outcome {
        if !force {
            let today = CivilDate(daysSinceEpoch: Int((now >= 0 ? now : now - 86_399) / 86_400))
            let checked = try WorkspaceCheck.run(workspace: path, expander: LibicalRecurrenceExpander(), strict: false, today: today)
            let gate = CheckGate(findings: checked.findings, index: PlanIndex(checked.plan))
            if !gate.passes { return .refused(gate) }
        }
        let summary = try WorkspaceExport.run(workspace: path, out: out, now: now, parts: parts, progress: progress)
        return .exported(summary, unchecked: force)
    }
}
