import ConveneCore
import Foundation

/// `convene import` as one call: read each file, record what it says in the workspace's records.
/// Each file is all or nothing: a file with a problem is reported and changes nothing; the other
/// files are still imported.
public enum WorkspaceImport {
    public struct Summary: Sendable, Codable {
        /// Files imported, with what each gave.
        public var imported: [String: String] = [:]
        public var recorded: [Reply] = []
        public var ignored: [ReplyImport.Ignored] = []
        public var busyIntervals = 0
        public var notes: [String] = []
        /// Problems that kept a file out.
        public var problems: [Diagnostic] = []
    }

    /// Imports replies, or with `busyFor` one person's busy calendars. The records are read,
    /// changed and written under the records lock: two imports (or an import and an export) run
    /// at once each keep the other's records.
    /// - Parameter fetch: more inputs, read once the plan is known (busy time from a CalDAV
    ///   server, for the window `check` and `suggest` look at).
    public static func run(files: [String], workspace path: String, busyFor: String?,
                           fetch: ((_ window: TimeSpan) throws -> [CalendarInput])? = nil) throws -> Summary {
        try RecordsLock.hold(workspace: URL(fileURLWithPath: path)) {
            try runHoldingLock(files: files, workspace: path, busyFor: busyFor, fetch: fetch)
        }
    }

    private static func runHoldingLock(files: [String], workspace path: String, busyFor: String?,
                                       fetch: ((_ window: TimeSpan) throws -> [CalendarInput])?) throws -> Summary {
        let workspace = URL(fileURLWithPath: path)
        let expander = LibicalRecurrenceExpander()
        let plan = try PlanLoader(expander: expander).load(workspace: workspace)
        var records = try WorkspaceRecords.load(workspace: workspace)
        let index = PlanIndex(plan)
        var person: Person?
        if let busyFor {
            guard let found = index.people[busyFor] else {
                let guess = Spelling.closest(to: busyFor, in: plan.people.map(\.id))
                throw InputError([Diagnostic(location: SourceLocation(file: PlanLoader.planFileName, line: 1),
                                             message: "--busy-for names unknown person '\(busyFor)'",
                                             hint: guess.map { "did you mean '\($0)'?" } ?? "use a person id from plan.yaml")])
            }
            person = found
        }
        let window = CheckContext.expansionWindow(plan, today: CivilDate.today())
        var summary = Summary()
        var sources: [() throws -> [CalendarInput]] = files.map { file in { try CalendarInput.read(file) } }
        if let fetch { sources.append { try fetch(window) } }
        for source in sources {
            let inputs: [CalendarInput]
            do { inputs = try source() } catch let error as ICalError {
                summary.problems.append(error.diagnostic)
                continue
            }
            for input in inputs {
                do {
                    if let person {
                        let busy = try BusyCalendarImport.read(input, homeZone: person.timeZone, window: window)
                        let source = URL(fileURLWithPath: input.name).lastPathComponent
                        records.busy.removeAll { $0.personID == person.id && $0.source == source }
                        records.busy += busy.intervals.map { BusyInterval(personID: person.id, span: $0, source: source) }
                        summary.busyIntervals += busy.intervals.count
                        summary.notes += busy.notes.map { "\(input.name): \($0)" }
                        summary.imported[input.name] = "\(busy.intervals.count) busy interval\(busy.intervals.count == 1 ? "" : "s") for \(person.id)"
                    } else {
                        let replies = try ReplyImport.read(input, plan: plan, ledger: records.exports)
                        for reply in replies.accepted { records.replies.record(reply) }
                        summary.recorded += replies.accepted
                        summary.ignored += replies.ignored
                        summary.imported[input.name] = "\(replies.accepted.count) repl\(replies.accepted.count == 1 ? "y" : "ies") recorded, \(replies.ignored.count) ignored"
                    }
                } catch let error as InputError {
                    summary.problems += error.diagnostics
                }
            }
        }
        records.busy.sort { ($0.personID, $0.span, $0.source) < ($1.personID, $1.span, $1.source) }
        try records.save(workspace: workspace)
        return summary
    }
}
